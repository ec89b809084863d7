"""The JSON API: extraction, statement search, speakers and their review, documents and ingestion
(OpenAPI at /docs)."""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, Field, model_validator

from zitat.document import GENDERS, MEDIA, Form, SpeakerType
from zitat.errors import InputError, NotFound, ZitatError
from zitat.store.filters import (
    Filters,
    confidence_threshold,
    date_filter,
    default_sort,
    gender_filter,
    medium_filter,
    month_filter,
)
from zitat.web.archive import ArchiveView, Page, Record, ResearchView, SpeakerReview
from zitat.web.extraction import ExtractionWorker, article_from_fields
from zitat.web.i18n import request_language, translate
from zitat.web.security import check_bearer

router = APIRouter(prefix="/api")

MAX_PAGE_SIZE = 500
MAX_DOCUMENTS_PER_REQUEST = 100
MAX_FIELD = 500  # characters in a text filter
CSV_COLUMNS = (
    "id", "document_id", "statement", "link", "title", "outlet", "author", "published", "url",
    "speaker_id", "speaker", "speaker_type", "speaker_gender", "source", "form", "medium", "cue",
    "message", "addressee", "frame", "confidence",
)  # fmt: skip
BOM = "\ufeff"  # Excel reads a CSV file as UTF-8 (umlauts and all) only when it starts with this mark
CSV_CHUNK_CHARS = 64 * 1024  # a streamed export is sent in pieces of about this size
# the orders of zitat.store.filters.SORTS (a test keeps the two the same); by default the best matches
# first for a full-text query, else the newest first (zitat.store.filters.default_sort)
Sort = Literal["newest", "oldest", "confidence", "relevance"]
# the facets of zitat.store.facets.FACETS (a test keeps the two the same)
FacetName = Literal["speaker", "type", "gender", "outlet", "author", "form", "medium", "month"]


class DocumentIn(BaseModel):
    """One article: ``text`` or ``html`` (main text and metadata extracted), plus optional metadata."""

    text: str | None = Field(None, description="plain text of the article")
    html: str | None = Field(None, description="an HTML page; its main text is extracted")
    id: str | None = Field(None, max_length=500, description="document id (default: a random one)")
    title: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="date, e.g. 2024-03-01")
    outlet: str | None = None
    author: str | None = Field(None, description="the journalist(s), e.g. 'Anna Schmidt, Peter Müller'")

    @model_validator(mode="after")
    def exactly_one_body(self) -> DocumentIn:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' and 'html'")
        return self


class DocumentsIn(BaseModel):
    documents: list[DocumentIn] = Field(..., min_length=1, max_length=MAX_DOCUMENTS_PER_REQUEST)


SpeakerRef = Annotated[str, Field(min_length=1, max_length=500)]
Note = Annotated[str | None, Field(max_length=1000, description="why (kept with the correction)")]


class MergeIn(BaseModel):
    """Two speakers (each an id, key or name, as ``GET /api/speakers`` lists them) that are one."""

    a: SpeakerRef = Field(description="the speaker that stays")
    b: SpeakerRef = Field(description="the speaker merged into a")
    note: Note = None


class SplitIn(BaseModel):
    variant: SpeakerRef = Field(description="key or name of a variant from GET /api/speakers/{id}/review")
    note: Note = None


async def archive(request: Request) -> ArchiveView:
    found = request.app.state.archive
    if found is None:
        raise HTTPException(503, "no archive opened (start with `zitat serve --db PATH`)")
    return found


async def extractor(request: Request) -> ExtractionWorker:
    return request.app.state.extractor


async def write_access(request: Request) -> None:
    check_bearer(request, request.app.state.api_token)


async def speaker_review(request: Request) -> SpeakerReview:
    found = await archive(request)
    if not isinstance(found, SpeakerReview):
        raise HTTPException(404, "this archive does not support reviewing speakers")
    return found


def reviewed(change: Callable[[], Record]) -> Record:
    """What a review answers; an unknown speaker is 404, any other refusal 422."""
    try:
        return change()
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except ZitatError as exc:
        raise HTTPException(422, str(exc)) from None


@dataclass(frozen=True)
class SearchInput:
    """A search as it was typed (the search form shows it again) and as understood: ``filters`` is None
    when a field could not be read, and ``errors`` says why, by field name."""

    typed: dict[str, str]
    errors: dict[str, str]
    filters: Filters | None


DATE_HELP = "YYYY, YYYY-MM, YYYY-MM-DD or DD.MM.YYYY"
QUERY_HELP = 'full text over messages: words (as word starts), "a phrase", a OR b, -excluded'


async def search_input(
    request: Request,
    q: Annotated[str | None, Query(max_length=MAX_FIELD, description=QUERY_HELP)] = None,
    speaker: Annotated[str | None, Query(max_length=MAX_FIELD, description="speaker id or name")] = None,
    type: Annotated[SpeakerType | Literal[""] | None, Query(description="speaker type")] = None,
    gender: Annotated[
        str | None, Query(max_length=100, description="a person speaker's gender: female, male, unknown")
    ] = None,
    form: Annotated[Form | Literal[""] | None, Query()] = None,
    medium: Annotated[
        str | None, Query(max_length=100, description="Speech, Thought, Writing, ST, SW, TW")
    ] = None,
    outlet: Annotated[str | None, Query(max_length=MAX_FIELD)] = None,
    author: Annotated[
        str | None, Query(max_length=MAX_FIELD, description="an author's full name, also one of several")
    ] = None,
    since: Annotated[str | None, Query(max_length=100, description=DATE_HELP)] = None,
    until: Annotated[str | None, Query(max_length=100, description=DATE_HELP)] = None,
    month: Annotated[str | None, Query(max_length=100, description="one month, YYYY-MM")] = None,
    min_confidence: Annotated[
        str | None,
        Query(max_length=100, description="least confidence, a number from 0 to 1 (0.9 or 0,9)"),
    ] = None,
    document: Annotated[str | None, Query(max_length=MAX_FIELD, description="one document's id")] = None,
) -> SearchInput:
    # dates and numbers are read here, not by a pattern: German spellings are accepted, and a page can
    # show what was wrong next to the field instead of a validation error
    given = {
        "q": q,
        "speaker": speaker,
        "type": type,
        "gender": gender,
        "form": form,
        "medium": medium,
        "outlet": outlet,
        "author": author,
        "since": since,
        "until": until,
        "month": month,
        "min_confidence": min_confidence,
        "document": document,
    }
    typed = {name: str(value) for name, value in given.items() if value}  # empty: no filter
    errors: dict[str, str] = {}

    def read(name: str, parse: Callable[[str], str], message: str, **details: str) -> str | None:
        if name not in typed:
            return None
        try:
            return parse(typed[name])
        except ValueError:  # what zitat.store.filters says, in the reader's language
            errors[name] = translate(request_language(request), message, value=repr(typed[name]), **details)
            return None

    checked = {
        "since": read("since", date_filter, "error.date"),
        "until": read("until", date_filter, "error.date"),
        "month": read("month", month_filter, "error.month"),
        "gender": read("gender", gender_filter, "error.gender", choices=", ".join(GENDERS)),
        "medium": read("medium", medium_filter, "error.medium", choices=", ".join(MEDIA)),
        "min_confidence": read("min_confidence", confidence_threshold, "error.confidence"),
    }
    if errors:
        return SearchInput(typed, errors, None)
    filters = Filters(
        query=typed.get("q"),
        **{name: typed.get(name) for name in ("speaker", "type", "form", "outlet", "author", "document")},
        **checked,
    )
    return SearchInput(typed, errors, filters)


async def search_filters(search: Annotated[SearchInput, Depends(search_input)]) -> Filters:
    """The filters of a request that must be right (the API): 422 with every problem otherwise."""
    if search.filters is None:
        raise HTTPException(422, "; ".join(f"{name}: {problem}" for name, problem in search.errors.items()))
    return search.filters


Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
FacetLimit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="values per facet")]
Unresolved = Annotated[
    bool,
    Query(description="also speakers known only by a mention („ein Sprecher“, „sie“), left out by default"),
]


async def research(request: Request) -> ResearchView:
    found = await archive(request)
    if not isinstance(found, ResearchView):
        raise HTTPException(404, "this archive does not support facets, timelines or document lists")
    return found


def facet_counts(
    store: ArchiveView, filters: Filters, names: Sequence[str], limit: int, unresolved: bool
) -> dict[str, list[Record]]:
    """Facet counts for the API, each value with ``search``: the hits narrowed to it."""
    if not isinstance(store, ResearchView):
        raise HTTPException(404, "this archive does not support facets")
    found = store.facets(filters, tuple(dict.fromkeys(names)), limit, unresolved)
    params = filters.as_params()
    return {
        name: [{**row, "search": "/search?" + urlencode({**params, name: row["value"]})} for row in rows]
        for name, rows in found.items()
    }


def page_json(page: Page, limit: int, offset: int) -> dict[str, Any]:
    return {"total": page.total, "limit": limit, "offset": offset, "items": page.items}


def spreadsheet_safe(value: Any) -> str:
    """A CSV cell that spreadsheet programs will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_chunks(items: Iterable[Record], base_url: str) -> Iterator[str]:
    """Statement hits as CSV for spreadsheets, in pieces: the BOM and header, then rows; ``link`` is the
    statement on its article page, as a full address (``base_url`` ends with a slash)."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for item in items:
        speaker = item.get("speaker") or {}
        row = {
            **item,
            **{f"speaker_{field}": speaker.get(field) for field in ("id", "type", "gender")},
            "speaker": speaker.get("name"),
            "link": base_url + item["link"].lstrip("/") if item["link"] else None,
        }
        writer.writerow([spreadsheet_safe(row.get(column)) for column in CSV_COLUMNS])
        if out.tell() > CSV_CHUNK_CHARS:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def jsonl_chunks(items: Iterable[Record]) -> Iterator[str]:
    for item in items:
        yield json.dumps(item, ensure_ascii=False) + "\n"


def csv_response(content: str | Iterator[str]) -> Response:
    headers = {"Content-Disposition": 'attachment; filename="statements.csv"'}
    media_type = "text/csv; charset=utf-8"
    if isinstance(content, str):
        return Response(content, media_type=media_type, headers=headers)
    return StreamingResponse(content, media_type=media_type, headers=headers)


def download(hits: Iterable[Record], format: Literal["csv", "jsonl"], base_url: str) -> Response:
    """Statement hits as a streamed download: CSV for spreadsheets, or JSON lines."""
    if format == "csv":
        return csv_response(csv_chunks(hits, base_url))
    return StreamingResponse(
        jsonl_chunks(hits),
        media_type="application/x-ndjson; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="statements.jsonl"'},
    )


@router.post("/extract", summary="Find the statements in one text or HTML page (nothing is stored)")
def extract(body: DocumentIn, extract: Annotated[ExtractionWorker, Depends(extractor)]) -> dict[str, Any]:
    # a text above the limit is 413 and one that takes too long 503 (ExtractionRefused, see app.py)
    try:
        return extract.extract(article_from_fields(body.model_dump(), body.id or "request"))
    except InputError as exc:
        raise HTTPException(422, str(exc)) from None


@router.get(
    "/statements", summary="Search statements (filters, pagination; JSON or CSV)", response_model=None
)
def statements(
    filters: Annotated[Filters, Depends(search_filters)],
    store: Annotated[ArchiveView, Depends(archive)],
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    sort: Sort | None = None,
    format: Literal["json", "csv"] = "json",
    facet: Annotated[
        list[FacetName], Query(description="also count the hits by these facets (repeat for several)")
    ] = [],  # noqa: B006 (FastAPI copies the default)
    facet_limit: FacetLimit = 10,
    unresolved: Unresolved = False,
) -> Response:
    # a ready Response skips FastAPI's re-encoding of every hit; the query runs in a worker thread,
    # where the database releases the GIL, so slow searches do not hold up the others
    page = store.search(filters, limit, offset, sort or default_sort(filters.query))
    if format == "csv":
        return csv_response("".join(csv_chunks(page.items, str(request.base_url))))
    answer = page_json(page, limit, offset)
    if facet:
        answer["facets"] = facet_counts(store, filters, facet, facet_limit, unresolved)
    return JSONResponse(answer)


@router.get(
    "/statements/export",
    summary="Every statement a search finds, streamed (CSV for spreadsheets, or JSON lines)",
    response_model=None,
)
def export(
    filters: Annotated[Filters, Depends(search_filters)],
    store: Annotated[ArchiveView, Depends(archive)],
    request: Request,
    sort: Sort | None = None,
    format: Literal["csv", "jsonl"] = "csv",
) -> Response:
    # streamed as the rows are read, so memory stays flat however many statements match
    return download(
        store.statements(filters, sort or default_sort(filters.query)), format, str(request.base_url)
    )


@router.get("/speakers", summary="Speakers by number of statements")
def speakers(
    store: Annotated[ArchiveView, Depends(archive)],
    q: Annotated[str | None, Query(max_length=MAX_FIELD, description="part of the name")] = None,
    type: Annotated[SpeakerType | Literal[""] | None, Query(description="speaker type")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
    unresolved: Unresolved = False,
) -> dict[str, Any]:
    return page_json(store.speakers(q or None, limit, offset, type or None, unresolved), limit, offset)


# before GET /speakers/{speaker_id:path}, which would take ".../review" for an id


@router.get(
    "/speakers/{speaker_id}/review",
    summary="A speaker's name variants (automatic keys, why they count for it, latest mentions) and "
    "speakers with a similar name",
)
def review(speaker_id: str, store: Annotated[SpeakerReview, Depends(speaker_review)]) -> Record:
    return reviewed(lambda: store.speaker_review(speaker_id))


@router.post(
    "/speakers/merge",
    dependencies=[Depends(write_access)],
    summary="Merge speaker b into speaker a, now and in later ingests (bearer token when ZITAT_API_TOKEN "
    "is set); correction null when they already were one",
)
def merge(body: MergeIn, store: Annotated[SpeakerReview, Depends(speaker_review)]) -> Record:
    return reviewed(lambda: store.merge_speakers(body.a, body.b, body.note))


@router.post(
    "/speakers/{speaker_id}/split",
    dependencies=[Depends(write_access)],
    summary="Split a name variant off a speaker into a speaker of its own, now and in later ingests "
    "(bearer token when ZITAT_API_TOKEN is set)",
)
def split(speaker_id: str, body: SplitIn, store: Annotated[SpeakerReview, Depends(speaker_review)]) -> Record:
    return reviewed(lambda: store.split_speaker(speaker_id, body.variant, body.note))


@router.get(
    "/speakers/{speaker_id:path}",
    summary="One speaker: roles, outlets, statements over time, other speakers in the same articles",
)
def speaker(
    speaker_id: str, store: Annotated[ArchiveView, Depends(archive)], unresolved: Unresolved = False
) -> Record:
    found = store.speaker(speaker_id, unresolved)
    if found is None:
        raise HTTPException(404, f"no speaker {speaker_id!r}")
    return found


@router.get("/documents/{document_id:path}", summary="One stored document with its statements")
def document(document_id: str, store: Annotated[ArchiveView, Depends(archive)]) -> Record:
    found = store.document(document_id)
    if found is None:
        raise HTTPException(404, f"no document {document_id!r}")
    return found


@router.post(
    "/documents",
    status_code=201,
    dependencies=[Depends(write_access)],
    summary="Store documents in the archive (bearer token when ZITAT_API_TOKEN is set)",
)
def ingest(
    body: DocumentsIn,
    store: Annotated[ArchiveView, Depends(archive)],
    extract: Annotated[ExtractionWorker, Depends(extractor)],
) -> Record:
    try:
        articles = [
            article_from_fields(doc.model_dump(), doc.id or f"web-{uuid.uuid4().hex[:12]}")
            for doc in body.documents
        ]
        for article in articles:  # every text within the limit before the first is extracted
            extract.check_size(article)
        extracted = [extract.extract(article) for article in articles]
    except InputError as exc:
        raise HTTPException(422, str(exc)) from None
    return store.ingest(extracted)
