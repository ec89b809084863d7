from zitat.cli import main

raise SystemExit(main())
