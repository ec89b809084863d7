"""Spark schemas of the job's results (see ``rows`` for how the JSON contract maps onto them)."""

from __future__ import annotations

from pyspark.sql.types import (
    ArrayType,
    DoubleType,
    IntegerType,
    StringType,
    StructField,
    StructType,
)

from zitat.spark.rows import DOCUMENT_FIELDS, ROLE_FIELDS, SPEAKER_FIELDS


def strings(*names: str) -> list[StructField]:
    return [StructField(name, StringType()) for name in names]


SPAN = StructType([StructField("start", IntegerType(), False), StructField("end", IntegerType(), False)])
ROLE = StructType([StructField("text", StringType()), StructField("spans", ArrayType(SPAN, False))])
MEMBER = StructType([*strings(*SPEAKER_FIELDS), StructField("mentions", ArrayType(SPAN, False))])
SPEAKER = StructType(
    [
        *strings(*SPEAKER_FIELDS),
        StructField("members", ArrayType(MEMBER, False)),
        StructField("mentions", ArrayType(SPAN, False)),
    ]
)
STATEMENT = StructType(
    [
        *strings("id", "form", "medium"),
        StructField("confidence", DoubleType()),
        *strings("nested_in"),
        *[StructField(role, ROLE) for role in ROLE_FIELDS],
        StructField("quotes", ArrayType(ROLE, False)),
        StructField("speaker", SPEAKER),
        *strings("speaker_key"),  # not in the JSON contract: the archive's key of the speaker (rows.py)
    ]
)
DOCUMENT = StructType(
    [
        *strings(*DOCUMENT_FIELDS, "source", "model", "zitat_version"),
        StructField("statements", ArrayType(STATEMENT, False)),
    ]
)
FAILURE = StructType(strings("source", "reason"))
# what one extraction task emits per input record: a document or a failure
RESULT = StructType([StructField("document", DOCUMENT), StructField("failure", FAILURE)])
