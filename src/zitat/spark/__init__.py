"""zitat on Apache Spark: ``zitat spark extract INPUT OUTPUT`` (or ``python -m zitat.spark extract …``).

The job lives in ``zitat.spark.job`` (needs pyspark); ``read_spark_output`` reads its result back as
JSON-contract documents with pyarrow alone. See docs/spark.md.
"""

from zitat.spark.results import read_spark_output

__all__ = ["read_spark_output"]
