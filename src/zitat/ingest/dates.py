"""Publication dates as the archive stores and compares them: ISO 8601 (``2024-02-03``, or ``2024-02``
and ``2024`` when that is all an input says), from the spellings found in news metadata."""

from __future__ import annotations

import datetime
import email.utils
import re

ISO = re.compile(r"(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?(?:$|[T ]\d)")  # also 2020-03-1 and 2024-02-03T10:00
YEAR = re.compile(r"\d{4}$")
GERMAN = re.compile(r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})\b")  # 03.02.2024, 3. 2. 2024
MONTHS = {
    "jan": 1, "januar": 1, "jänner": 1, "feb": 2, "februar": 2, "mär": 3, "märz": 3, "maerz": 3,
    "apr": 4, "april": 4, "mai": 5, "jun": 6, "juni": 6, "jul": 7, "juli": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "okt": 10, "oktober": 10, "nov": 11, "november": 11,
    "dez": 12, "dezember": 12,
}  # fmt: skip
GERMAN_MONTH = re.compile(r"(\d{1,2})\.\s*([A-Za-zäÄ]+)\.?\s+(\d{4})\b")  # 3. Februar 2024, 3. Feb. 2024


def iso_date(value: object) -> str | None:
    """``value`` as an ISO date (day, month or year precision), or None when it names no date that can
    be checked (``gestern``, ``31.02.2024``, a number)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if found := ISO.match(text):
        year, month, day = found.groups()
        return _checked(int(year), int(month), int(day) if day else None)
    if YEAR.match(text):
        return text
    if found := GERMAN.search(text):
        day, month, year = found.groups()
        return _checked(int(year), int(month), int(day))
    if (found := GERMAN_MONTH.search(text)) and found.group(2).lower() in MONTHS:
        return _checked(int(found.group(3)), MONTHS[found.group(2).lower()], int(found.group(1)))
    try:  # RSS: Sat, 03 Feb 2024 10:00:00 +0100 (the date where it was written)
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _checked(year: int, month: int, day: int | None) -> str | None:
    try:
        date = datetime.date(year, month, day or 1)
    except ValueError:
        return None
    return date.isoformat() if day else date.isoformat()[:7]
