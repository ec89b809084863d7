"""The Spark job behind ``zitat spark extract``: the single-machine extraction, spread over partitions.

Reading: Parquet through Spark's reader; any other input (JSONL, text, HTML, WARC, each optionally
gzipped) as whole files, one file per record, so a non-splittable WARC.gz stays in one task. The
articles are then repartitioned evenly and extracted per partition with ``zitat.pipeline``, whose
model is loaded once per Python worker (``pipeline.load`` caches it, and Spark reuses its workers).
Every bad record becomes a row of the ``failures`` dataset instead of an error.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from pyspark import RDD, StorageLevel
from pyspark.sql import Column, DataFrame, Observation, Row, SparkSession
from pyspark.sql import functions as F

from zitat.attribution.registry import DEFAULT_MODEL
from zitat.errors import ZitatError
from zitat.extraction import extract_or_failure
from zitat.ingest.article import Article, Failure
from zitat.ingest.readers import META_FIELDS
from zitat.spark import daemon, schema
from zitat.spark.inputs import INPUT_FORMATS, file_articles, row_article
from zitat.spark.rows import ROLE_FIELDS, document_row

DATASETS = ("documents", "statements", "speakers", "failures")
PARTITIONS_PER_CORE = (
    4  # smaller tasks even out uneven article lengths; the model is loaded per worker anyway
)
FILE_COLUMN = "_zitat_file"
BLAS_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
# Local mode: the JVM only moves data between the Python workers and Parquet, on the cores the workers
# need. Its optimizing JIT compiler (C2) spent ~10 CPU-s per job compiling Spark itself; with the quick
# compiler alone (C1) the JVM used half the CPU time, and its task threads no more than before. The
# default collector (G1) works concurrently beside the tasks; the throughput collector does not.
LOCAL_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseParallelGC"
# workers fork from a daemon that has the model loaded already (see zitat.spark.daemon)
DAEMON_MODULE = daemon.__name__
# Local mode gives a task one attempt unless the master says more (``local[N,attempts]``): a worker
# killed mid-partition (the OOM killer, a crash in native code) would end the whole job. A cluster
# tries a task 4 times (spark.task.maxFailures); the local default does the same.
LOCAL_TASK_ATTEMPTS = 4
LOCAL_MASTER = f"local[*,{LOCAL_TASK_ATTEMPTS}]"


@dataclass
class JobSummary:
    output: str
    documents: int
    statements: int
    speakers: int
    failures: int
    seconds: float

    def describe(self) -> str:
        output = self.output.rstrip("/")
        return (
            f"{self.documents} document(s), {self.statements} statement(s), {self.speakers} speaker(s), "
            f"{self.failures} failure(s) in {self.seconds:.1f} s; Parquet datasets in {output}/"
            f"{{{','.join(DATASETS)}}}"
        )


def create_session(
    master: str | None = None, app_name: str = "zitat", config: Mapping[str, str] | None = None
) -> SparkSession:
    """The SparkSession ``spark-submit`` set up, else a new one on ``master`` (default ``LOCAL_MASTER``:
    all cores, each task tried up to ``LOCAL_TASK_ATTEMPTS`` times)."""
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # spark-submit started this Python and its JVM
    builder = SparkSession.builder.appName(app_name)
    for key, value in (config or {}).items():
        builder = builder.config(key, value)
    if not submitted:
        if "spark.python.daemon.module" not in (config or {}):
            builder = builder.config("spark.python.daemon.module", DAEMON_MODULE)
        if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
            raise ZitatError(
                "Spark needs Java 17 or newer: install it (Debian/Ubuntu: apt-get install "
                "openjdk-17-jre-headless) or set JAVA_HOME"
            )
        master = master or LOCAL_MASTER
    if master:
        builder = builder.master(master)
        if master.startswith("local"):
            # local workers inherit this environment: they must run this interpreter (zitat is
            # installed in it), and one BLAS thread each, or N workers fight over N cores
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
            for name in BLAS_THREAD_VARIABLES:
                os.environ.setdefault(name, "1")
            if not submitted and "spark.driver.extraJavaOptions" not in (config or {}):
                builder = builder.config("spark.driver.extraJavaOptions", LOCAL_JAVA_OPTIONS)
    return builder.getOrCreate()


def run_extract(
    spark: SparkSession,
    input_path: str,
    output: str,
    model: str = DEFAULT_MODEL,
    partitions: int | None = None,
    input_format: str = "auto",
    overwrite: bool = False,
) -> JobSummary:
    """Extract statements from all input at ``input_path``; write the Parquet datasets under ``output``."""
    started = time.perf_counter()
    if not overwrite and hadoop_exists(spark, output):
        raise ZitatError(f"{output} already exists (choose another folder or use --overwrite)")
    # before the first Python function is made: the workers' environment is fixed with it
    spark.sparkContext.environment[daemon.MODEL_VARIABLE] = model
    articles = read_articles(spark, input_path, input_format)
    count = partitions or max(
        articles.getNumPartitions(), PARTITIONS_PER_CORE * spark.sparkContext.defaultParallelism
    )
    extracted = articles.repartition(count).mapPartitions(partial(extract_partition, model=model))
    # the rows come from document_json, which fits the schema: checking each nested row again costs time
    results = spark.createDataFrame(extracted, schema.RESULT, verifySchema=False)
    results = results.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        counts = write_datasets(results, output, "overwrite" if overwrite else "errorifexists")
    finally:
        results.unpersist()
    return JobSummary(output=output, **counts, seconds=time.perf_counter() - started)


def write_datasets(results: DataFrame, output: str, mode: str) -> dict[str, int]:
    """Write the four datasets under ``output``; returns each one's number of rows.

    The counts are observed while writing, not counted afterwards: every further Spark query costs
    a second or so of planning and scheduling, as much as extracting a few dozen articles.
    """
    counts: dict[str, int] = {}
    for name, table in result_tables(results).items():
        observation = Observation(name)
        observed = table.observe(observation, F.count(F.lit(1)).alias("rows"))
        observed.write.mode(mode).parquet(f"{output}/{name}")
        counts[name] = observation.get["rows"]
    return counts


def read_articles(spark: SparkSession, path: str, input_format: str = "auto") -> RDD:
    """An RDD of ``Article`` and ``Failure`` records from all input at ``path`` (a file, folder or glob)."""
    if input_format not in INPUT_FORMATS:
        raise ZitatError(f"unknown input format {input_format!r}; choose from {', '.join(INPUT_FORMATS)}")
    if input_format == "auto":
        input_format = detect_format(spark, path)
    if input_format == "parquet":
        return parquet_articles(spark, path)
    context = spark.sparkContext
    context._jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
    return context.binaryFiles(path).flatMap(lambda item: file_articles(*item))


def detect_format(spark: SparkSession, path: str) -> str:
    """'parquet' when the first input file is a Parquet file, else 'files'."""
    name = first_file_name(spark, path)
    if name is None:
        raise ZitatError(f"{path}: no input files there")
    return "parquet" if name.lower().endswith(".parquet") else "files"


def hadoop_path(spark: SparkSession, path: str) -> tuple[Any, Any]:
    """The Hadoop ``FileSystem`` and ``Path`` of ``path`` (local, HDFS, S3A, … as configured)."""
    context = spark.sparkContext
    jvm: Any = context._jvm  # py4j's gateway to the JVM, set once the session runs
    target = jvm.org.apache.hadoop.fs.Path(path)
    return target.getFileSystem(context._jsc.hadoopConfiguration()), target


def hadoop_exists(spark: SparkSession, path: str) -> bool:
    filesystem, target = hadoop_path(spark, path)
    return bool(filesystem.exists(target))


def first_file_name(spark: SparkSession, path: str) -> str | None:
    """Name of the first non-hidden file at ``path`` (a file, folder or glob), searching folders deeply."""
    filesystem, pattern = hadoop_path(spark, path)
    for status in filesystem.globStatus(pattern) or []:
        files = filesystem.listFiles(status.getPath(), True)
        while files.hasNext():
            name = files.next().getPath().getName()
            if not name.startswith(("_", ".")):
                return str(name)
    return None


def parquet_articles(spark: SparkSession, path: str) -> RDD:
    frame = spark.read.parquet(path)
    if "text" not in frame.columns:
        raise ZitatError(f"{path}: Parquet input needs a column 'text' (found: {', '.join(frame.columns)})")
    columns = [name for name in ("id", "text", *META_FIELDS) if name in frame.columns]
    rows = frame.select(*columns, F.col("_metadata.file_path").alias(FILE_COLUMN)).rdd
    return rows.map(parquet_row_article)


def parquet_row_article(row: Row) -> Article | Failure:
    record = row.asDict()
    return row_article(record, record.pop(FILE_COLUMN))


def extract_partition(records: Iterable[Article | Failure], model: str) -> Iterator[dict[str, Any]]:
    """One ``schema.RESULT`` row per record: the document in the JSON contract, or the failure."""
    for record in records:
        if isinstance(record, Failure):
            yield failure_result(record)
        else:
            yield extract_article(record, model)


def extract_article(article: Article, model: str) -> dict[str, Any]:
    contract = extract_or_failure(article, model)  # one article must not end a job over millions
    if isinstance(contract, Failure):
        return failure_result(contract)
    return {"document": document_row(contract, article.source), "failure": None}


def failure_result(failure: Failure) -> dict[str, Any]:
    return {"document": None, "failure": {"source": failure.source, "reason": failure.reason}}


def result_tables(results: DataFrame) -> dict[str, DataFrame]:
    """The four output datasets, all derived from the (cached) per-record results."""
    documents = results.where(F.col("document").isNotNull()).select("document.*")
    statements = resolve_speakers(
        documents.select(
            F.col("id").alias("document_id"), "outlet", "published", F.explode("statements").alias("s")
        )
    )
    return {
        "documents": documents,
        "statements": flat_statements(statements),
        "speakers": speaker_table(statements),
        "failures": results.where(F.col("failure").isNotNull()).select("failure.*"),
    }


def resolve_speakers(statements: DataFrame) -> DataFrame:
    """``statements`` plus ``speaker_resolved_key``: the key of the speaker each statement counts for.

    As the archive's ``IdentityResolver`` (without reviewed corrections) resolves the automatic keys of
    a whole corpus: a bare surname (``p:putin``, „Putin“) joins the full name with that surname
    (``p:putin:vla``, „Wladimir Putin“) when the output holds exactly one; any other key stays itself.
    """
    key = F.col("s.speaker_key")
    surname = F.regexp_extract(key, r"^(p:[^:]*):[^:]*$", 1)  # identity.surname_key of a full key
    joins = (
        statements.select(surname.alias("_surname"), key.alias("_full"))
        .where(F.col("_surname") != "")
        .groupBy("_surname")
        .agg(F.min("_full").alias("_joined"), F.max("_full").alias("_last"))
        .where(F.col("_joined") == F.col("_last"))
        .select("_surname", "_joined")
    )
    # one row per surname known in full: broadcast, so the statements keep their partitions
    joined = statements.join(F.broadcast(joins), key == F.col("_surname"), "left")
    resolved = F.coalesce(F.col("_joined"), key).alias("speaker_resolved_key")
    return joined.select(*statements.columns, resolved)


def flat_statements(statements: DataFrame) -> DataFrame:
    """One row per statement: document keys, labels, speaker fields, and every role's text and spans."""
    roles = [
        column
        for role in ROLE_FIELDS
        for column in (
            F.col(f"s.{role}.text").alias(f"{role}_text"),
            F.col(f"s.{role}.spans").alias(f"{role}_spans"),
        )
    ]
    speaker = [
        F.col(f"s.speaker.{name}").alias(f"speaker_{name}")
        for name in ("id", "name", "type", "role", "gender")
    ]
    return statements.select(
        "document_id",
        "outlet",
        "published",
        F.col("s.id").alias("statement_id"),
        "s.form",
        "s.medium",
        "s.confidence",
        "s.nested_in",
        *speaker,
        "s.speaker_key",
        "speaker_resolved_key",
        F.try_element_at("s.message.spans", F.lit(1))["start"].alias("message_start"),
        F.try_element_at("s.message.spans", F.lit(-1))["end"].alias("message_end"),
        *roles,
    )


def speaker_table(statements: DataFrame) -> DataFrame:
    """One row per speaker, as the archive counts them (``resolve_speakers``): its most frequent
    attributes and counts. Statements without a speaker key (naming nobody) count for no speaker.

    As in the archive, the name is the one of the speaker's own key („Wladimir Putin“, not a joined
    „Putin“), else of any statement, else the source mention; type and gender are ``unknown`` only
    when no statement knows better.
    """
    key = F.col("speaker_resolved_key")
    own = F.col("s.speaker_key") == key
    name = F.coalesce("s.speaker.name", "s.source.text")
    attributes = [
        F.coalesce(F.mode(F.when(own, name)), F.mode(name)).alias("name"),
        known_mode("type"),
        F.mode("s.speaker.role").alias("role"),
        known_mode("gender"),
        F.mode("s.speaker.affiliation").alias("affiliation"),
        F.mode("s.speaker.country").alias("country"),
    ]
    return (
        statements.where(key.isNotNull())
        .groupBy(key.alias("speaker_key"))
        .agg(
            *attributes,
            F.count("*").alias("statements"),
            # not countDistinct: next to mode() it costs a second shuffle (and Spark job) for the same number
            F.size(F.collect_set("document_id")).cast("long").alias("documents"),
        )
    )


def known_mode(field: str) -> Column:
    """The most frequent value of a speaker field other than ``unknown``, else ``unknown``."""
    return F.coalesce(F.mode(F.nullif(f"s.speaker.{field}", F.lit("unknown"))), F.lit("unknown")).alias(field)
