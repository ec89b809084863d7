"""The web app and JSON API over an archive (docs/web.md)."""
