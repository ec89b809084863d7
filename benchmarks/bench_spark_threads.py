"""Where the JVM's CPU goes during one ``zitat spark extract`` job: CPU seconds per JVM thread group.

    .venv/bin/python benchmarks/bench_spark_threads.py                    # local[2], the job's own options
    .venv/bin/python benchmarks/bench_spark_threads.py --java-options=-XX:TieredStopAtLevel=1  # G1

Runs the job once on the 10kGNAD test set (``--repeat`` times over) in this process and reads every JVM
thread's CPU time from ``/proc/PID/task`` (Linux) before and after it; threads are grouped by name
without their number ("Executor task launch worker for task 3.0 …" → "Executor task launch worker").
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

from bench_spark import is_jvm, processes, spark_setting, stat_fields  # scripts run from this folder
from corpus import CORPUS, write_jsonl

NUMBERED = re.compile(r"[\s#-]*\d+(\.\d+)?$")


def thread_cpu(jvm: Path) -> Counter[str]:
    """CPU seconds (user + system) per thread group of the JVM process at ``jvm``."""
    seconds: Counter[str] = Counter()
    for task in (jvm / "task").iterdir():
        try:
            name, fields = stat_fields(task / "stat")
        except OSError:
            continue  # the thread ended meanwhile
        group = name if name.startswith("Thread-") else NUMBERED.sub("", name).strip()
        seconds[group] += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--repeat", type=int, default=2, help="how many times the corpus is processed")
    parser.add_argument("--java-options", help="the driver's JVM options (default: the job's own)")
    parser.add_argument(
        "--conf", type=spark_setting, action="append", default=[], metavar="KEY=VALUE", help="a Spark setting"
    )
    parser.add_argument("--top", type=int, default=12, help="how many thread groups to show")
    args = parser.parse_args()
    if not args.corpus.is_file():
        print(f"no corpus at {args.corpus} (set ZITAT_SHARED_DATA)", file=sys.stderr)
        return 2

    from zitat.spark.job import create_session, run_extract

    config = {"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false", **dict(args.conf)}
    if args.java_options is not None:
        config["spark.driver.extraJavaOptions"] = args.java_options
    spark = create_session(args.master, app_name="zitat-bench-threads", config=config)
    spark.sparkContext.setLogLevel("ERROR")
    options = spark.sparkContext.getConf().get("spark.driver.extraJavaOptions", "").split()
    shown = " ".join(option for option in options if option.startswith("-XX:")) or "none"
    jvm = next(processes(is_jvm))
    with tempfile.TemporaryDirectory(prefix="zitat-bench-threads-") as folder:
        source = Path(folder) / "10kgnad.jsonl"
        write_jsonl(source, args.corpus, args.repeat)
        before = thread_cpu(jvm)
        summary = run_extract(spark, str(source), str(Path(folder) / "out"))
        used = thread_cpu(jvm) - before
    spark.stop()
    print(f"{args.master}, JVM {shown}: job {summary.seconds:.1f} s, JVM threads {used.total():.1f} CPU-s")
    for group, seconds in used.most_common(args.top):
        print(f"  {seconds:6.1f}  {group}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
