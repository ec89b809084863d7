"""Throughput of ``zitat spark extract`` in local mode: words/s with 1 and 2 cores on 10kGNAD.

Converts the 10kGNAD test set (``label;'text'`` per line) to JSONL in a temporary folder, then runs
the Spark job once per master and round, each in a fresh process (its own JVM), and prints words/s
and the speed-up of the last master over the first (with ``--rounds``, the median over the rounds).
The timed part is ``run_extract``: reading, extraction (including the model load in the workers'
daemon), and writing the four Parquet datasets; starting the JVM is not.

    .venv/bin/python benchmarks/bench_spark.py                       # local[1] and local[2]
    .venv/bin/python benchmarks/bench_spark.py --repeat 3            # the corpus three times over
    .venv/bin/python benchmarks/bench_spark.py --rounds 4 --warm-up  # four A/B rounds after an untimed job
    .venv/bin/python benchmarks/bench_spark.py --plain-daemon        # workers load the model themselves
    .venv/bin/python benchmarks/bench_spark.py --conf spark.sql.codegen.wholeStage=true   # any Spark setting

Exits 1 when the speed-up is below ``--min-speedup`` (default 1.6). The machine's load average is
printed before and after, and the CPU time the whole machine spent during each job (Linux: from
/proc/stat): other processes on the cores distort the result, and CPU-s well above what the job alone
takes show that they did. Also printed: the memory (PSS) of the Python worker daemon and its workers
at the end of each job.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from corpus import CORPUS, write_jsonl  # benchmarks/corpus.py; scripts run from this folder


def machine_cpu_seconds() -> float | None:
    """CPU time all cores of this machine have spent busy since boot (Linux), else None."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = stat.readline().split()  # cpu user nice system idle iowait irq softirq …
    except OSError:
        return None
    busy = sum(int(fields[index]) for index in (1, 2, 3, 6, 7))
    return busy / os.sysconf("SC_CLK_TCK")


def processes(wanted: Callable[[list[bytes]], bool]) -> Iterator[Path]:
    """The ``/proc/PID`` folders of the processes whose command line (split at NUL) is ``wanted`` (Linux)."""
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if wanted((proc / "cmdline").read_bytes().split(b"\0")):
                yield proc
        except OSError:
            continue


def is_jvm(command: list[bytes]) -> bool:
    return command[0].endswith(b"/java")


def worker_test(daemon: str) -> Callable[[list[bytes]], bool]:
    """The Python worker daemon and its forked workers all carry its command line (``python -m DAEMON``)."""
    return lambda command: b"-m" in command and daemon.encode() in command


def stat_fields(path: Path) -> tuple[str, list[str]]:
    """Name and the fields after it of a ``/proc/PID/stat`` or ``/proc/PID/task/TID/stat`` file;
    field 14 of proc(5) (utime) is ``[11]``. Raises OSError when the process or thread has ended."""
    stat = path.read_text(encoding="utf-8", errors="replace")
    name, _, rest = stat[stat.index("(") + 1 :].rpartition(")")
    return name, rest.split()


def cpu_seconds(wanted: Callable[[list[bytes]], bool]) -> float:
    """CPU time of these processes and of their children that have ended (utime, stime, cutime, cstime)."""
    ticks = 0
    for proc in processes(wanted):
        try:
            fields = stat_fields(proc / "stat")[1]
        except OSError:
            continue
        ticks += sum(int(value) for value in fields[11:15])
    return ticks / os.sysconf("SC_CLK_TCK")


def pss_mb(wanted: Callable[[list[bytes]], bool]) -> float | None:
    """Proportional set size of these processes together, in MB (PSS splits the pages they share)."""
    total_kb, seen = 0, False
    for proc in processes(wanted):
        try:
            rollup = (proc / "smaps_rollup").read_text(encoding="ascii")
        except OSError:
            continue
        total_kb += next(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
        seen = True
    return total_kb / 1024 if seen else None


def spark_setting(text: str) -> tuple[str, str]:
    """``KEY=VALUE`` of ``--conf`` (argparse type)."""
    key, equals, value = text.partition("=")
    if not equals or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    return key, value


def run_one(master: str, source: str, output: str, partitions: str, daemon: str, settings: str) -> None:
    """Child process: one job on ``master``; prints its summary and the machine's CPU-s as JSON."""
    from zitat.spark.job import DAEMON_MODULE, create_session, run_extract

    daemon = daemon or DAEMON_MODULE
    config = {"spark.ui.enabled": "false", "spark.python.daemon.module": daemon, **json.loads(settings)}
    spark = create_session(master, app_name="zitat-bench", config=config)
    spark.sparkContext.setLogLevel("ERROR")
    workers = worker_test(daemon)
    before, jvm_before = machine_cpu_seconds(), cpu_seconds(is_jvm)
    summary = run_extract(spark, source, output, partitions=int(partitions) or None)
    after = machine_cpu_seconds()
    # read before the session stops: the workers live until then
    usage = {
        "jvm_cpu": cpu_seconds(is_jvm) - jvm_before,
        "python_cpu": cpu_seconds(workers),
        "python_pss_mb": pss_mb(workers),
    }
    spark.stop()
    cpu = None if before is None or after is None else after - before
    print("RESULT " + json.dumps({**summary.__dict__, "machine_cpu": cpu, **usage}))


def measure(
    master: str, source: Path, output: Path, partitions: int, daemon: str, settings: dict[str, str]
) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", master, str(source), str(output), str(partitions), daemon]
    command.append(json.dumps(settings))
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    line = next(line for line in done.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def describe(summary: dict[str, float], rate: float, load: float) -> str:
    cpu = "" if summary["machine_cpu"] is None else f", machine CPU {summary['machine_cpu']:.1f} s"
    if summary["python_pss_mb"] is not None:
        cpu += (
            f" (JVM {summary['jvm_cpu']:.1f}, Python workers {summary['python_cpu']:.1f}), "
            f"Python workers {summary['python_pss_mb']:.0f} MB PSS"
        )
    return (
        f"{summary['seconds']:6.1f} s  {rate:8.0f} words/s  (load {load:.2f}{cpu}; "
        f"{summary['documents']} documents, {summary['statements']} statements, "
        f"{summary['failures']} failures)"
    )


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--masters", nargs="+", default=["local[1]", "local[2]"])
    parser.add_argument("--repeat", type=int, default=1, help="how many times the corpus is processed")
    parser.add_argument(
        "--rounds", type=int, default=1, help="measure every master this often; the median speed-up counts"
    )
    parser.add_argument(
        "--warm-up",
        action="store_true",
        help="run one untimed job first: the first job after a pause ran 10-20 %% slower in several runs",
    )
    parser.add_argument("--min-speedup", type=float, default=1.6)
    parser.add_argument(
        "--partitions", type=int, default=0, help="extraction partitions (default: the job's own choice)"
    )
    parser.add_argument(
        "--plain-daemon",
        action="store_const",
        const="pyspark.daemon",
        default="",
        help="PySpark's own worker daemon: every worker loads the model itself (for comparison)",
    )
    parser.add_argument(
        "--conf",
        type=spark_setting,
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a Spark setting for both jobs, over the job's own (repeatable)",
    )
    parser.add_argument(
        "--child",
        nargs=6,
        metavar=("MASTER", "INPUT", "OUTPUT", "PARTITIONS", "DAEMON", "SETTINGS"),
        help=argparse.SUPPRESS,
    )
    args = parser.parse_args()
    if args.child:
        run_one(*args.child)
        return 0
    if not args.corpus.is_file():
        print(f"no corpus at {args.corpus} (set ZITAT_SHARED_DATA)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="zitat-bench-spark-") as folder:
        source = Path(folder) / "10kgnad.jsonl"
        words = write_jsonl(source, args.corpus, args.repeat)[1]
        print(f"{words} words in {args.repeat} × {args.corpus.name}; load average before: {load_average()}")

        def job(master: str, output: str) -> dict[str, float]:
            settings = dict(args.conf)
            return measure(
                master, source, Path(folder) / output, args.partitions, args.plain_daemon, settings
            )

        if args.warm_up:
            job(args.masters[0], "out-warm-up")
            print(f"(untimed warm-up job on {args.masters[0]} done)")
        speedups, all_rates = [], []
        for number in range(1, args.rounds + 1):
            # every other round in reverse order, so a host that speeds up or slows down over the
            # rounds favours neither master
            masters = args.masters if number % 2 else args.masters[::-1]
            rates = {}
            for master in masters:
                load = os.getloadavg()[0]
                summary = job(master, f"out-{number}-{len(rates)}")
                rates[master] = words / summary["seconds"]
                print(f"{master:>10}: {describe(summary, rates[master], load)}")
            speedups.append(rates[args.masters[-1]] / rates[args.masters[0]])
            all_rates.append(rates)
            print(f"round {number}: speed-up {args.masters[-1]} / {args.masters[0]}: {speedups[-1]:.2f}×")
        print(f"load average after: {load_average()}")
    speedup = statistics.median(speedups)
    means = {master: statistics.mean(rates[master] for rates in all_rates) for master in args.masters}
    print("mean words/s: " + ", ".join(f"{master} {rate:.0f}" for master, rate in means.items()))
    print(
        f"speed-up {args.masters[-1]} / {args.masters[0]}: {speedup:.2f}× "
        f"(median of {len(speedups)} round(s): {', '.join(f'{value:.2f}' for value in speedups)}; "
        f"target ≥ {args.min_speedup}×)"
    )
    return 0 if speedup >= args.min_speedup else 1


if __name__ == "__main__":
    sys.exit(main())
