"""Server-rendered pages: overview, search, article, speaker (and its review) and analyze."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Annotated, Any, Literal, get_args
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as StarletteUpload

from zitat.document import GENDERS, SpeakerType
from zitat.errors import InputError, ZitatError
from zitat.store.filters import Filters, default_sort
from zitat.web.api import SearchInput, Sort, archive, download, reviewed, search_input, speaker_review
from zitat.web.archive import ArchiveView, Page, Record, ResearchView, SpeakerReview, contract_hits
from zitat.web.charts import bar_chart
from zitat.web.extraction import ExtractionRefused, article_from_upload
from zitat.web.facets import counts_chart, facet_context, gender_chart, link, month_chart
from zitat.web.highlight import highlight, speaker_label
from zitat.web.i18n import request_language, translate
from zitat.web.matches import with_marks
from zitat.web.security import token_matches

router = APIRouter(default_response_class=HTMLResponse)

PAGE_SIZE = 20
TOP_SPEAKERS = 10
MAX_PAGE = 100_000


def speaker_url(statement: dict[str, Any]) -> str | None:
    """Where a statement's speaker links to: the archive's speaker id when the document carries it,
    else a lookup by the name the archive files the speaker under (name, or a capitalized source)."""
    if statement.get("speaker_id") is not None:
        return "/speakers/" + quote(str(statement["speaker_id"]), safe="")
    name = speaker_label(statement)
    if name == "–" or not any(c.isupper() for c in name):
        return None  # 'er', 'sie': the archive files no speaker under a pronoun
    return "/speakers/lookup?" + urlencode({"name": name})


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, context, status_code=status)


def page_number(page: int | str | None) -> int:
    try:
        return min(MAX_PAGE, max(1, int(page or 1)))
    except ValueError:
        return 1


def page_link(params: dict[str, str], number: int) -> str:
    return "?" + urlencode({**params, "page": number})


def pager(total: int, page: int, params: dict[str, str]) -> dict[str, Any]:
    """Page links that keep the other query parameters."""
    pages = max(1, math.ceil(total / PAGE_SIZE))

    def link(number: int) -> str:
        return page_link(params, number)

    return {
        "page": page,
        "pages": pages,
        "previous": link(page - 1) if page > 1 else None,
        "next": link(page + 1) if page < pages else None,
    }


def downloads(params: dict[str, str]) -> dict[str, str]:
    """Links to every statement of a search, streamed: CSV for spreadsheets and JSON lines."""
    return {fmt: "/api/statements/export?" + urlencode({**params, "format": fmt}) for fmt in ("csv", "jsonl")}


def switch(unresolved: str | None) -> bool:
    """The switch that shows speakers known only by a mention („ein Sprecher“), off by default."""
    return unresolved not in (None, "", "0")


def speaker_link(speaker_id: str, filters: Filters) -> str:
    """Where a top speaker leads: their page, or with filters set, the search that keeps them."""
    if filters.as_params():
        return link("/search", filters.as_params(), speaker=speaker_id)
    return "/speakers/" + quote(speaker_id, safe="")


@router.get("/")
def overview(
    request: Request,
    given: Annotated[SearchInput, Depends(search_input)],
    store: Annotated[ArchiveView, Depends(archive)],
    unresolved: str | None = None,
) -> HTMLResponse:
    shown = switch(unresolved)
    language = request_language(request)
    if given.filters is None:
        context = facet_context(store, Filters(), shown, language, "/")
        return render(
            request, "overview.html", 422, stats=None, typed=given.typed, errors=given.errors, **context
        )
    filters = given.filters
    stats = store.overview(filters, shown)
    speakers = stats["top_speakers"][:TOP_SPEAKERS]

    def title(key: str) -> str:
        return translate(language, key)

    genders = {gender: title(f"gender.{gender}") for gender in GENDERS}
    charts = {
        "months": month_chart(stats["months"], filters, title("chart.months"), language),
        "speakers": bar_chart(
            [(s["name"], s["statements"]) for s in speakers],
            title("chart.top_speakers"),
            links=[speaker_link(s["id"], filters) for s in speakers],
            language=language,
        ),
        "forms": counts_chart(stats["forms"], "form", filters, title("chart.forms"), language),
        "media": counts_chart(stats["media"], "medium", filters, title("chart.media"), language),
        "genders": counts_chart(
            stats["gender_shares"],
            "gender",
            filters,
            title("chart.genders"),
            language,
            percent=True,
            labels=genders,
        ),
        "speaker_genders": counts_chart(
            stats["speaker_gender_shares"],
            "gender",
            filters,
            title("chart.speaker_genders"),
            language,
            percent=True,
            labels=genders,
        ),
        "gender_months": gender_chart(
            stats["gender_months"], filters, title("chart.gender_months"), language, genders
        ),
    }
    extra = {"unresolved": "1"} if shown else {}
    context = facet_context(store, filters, shown, language, "/", extra)
    search = link("/search", filters.as_params())
    return render(
        request,
        "overview.html",
        stats=stats,
        charts=charts,
        typed=given.typed,
        errors={},
        search=search,
        **context,
    )


def past_the_end(
    request: Request, result: Page, page: int, params: dict[str, str]
) -> RedirectResponse | None:
    """To the last page, for a page number beyond it (an old link, a hand-edited URL): that page would
    say both "N statements" and "none match"."""
    last = max(1, math.ceil(result.total / PAGE_SIZE))
    if page <= last or result.items:
        return None
    return RedirectResponse(request.url.path + page_link(params, last), status_code=303)


@router.get("/search")
def search(
    request: Request,
    given: Annotated[SearchInput, Depends(search_input)],
    store: Annotated[ArchiveView, Depends(archive)],
    page: str | None = None,
    sort: Sort | None = None,
    unresolved: str | None = None,
) -> Response:
    shown = switch(unresolved)
    language = request_language(request)
    chosen = sort or default_sort(given.typed.get("q"))
    context: dict[str, Any] = {"typed": given.typed, "errors": given.errors, "sort": chosen}
    if given.filters is None:  # the form again, with what was typed and what is wrong with it
        context.update(facet_context(store, Filters(), shown, language, "/search"))
        return render(request, "search.html", 422, result=None, **context)
    filters = given.filters
    number = page_number(page)
    result = store.search(filters, PAGE_SIZE, (number - 1) * PAGE_SIZE, chosen)
    # the order is kept by page and download links, but left out of them while it is the default
    extra = {
        **({"sort": chosen} if chosen != default_sort(filters.query) else {}),
        **({"unresolved": "1"} if shown else {}),
    }
    params = {**filters.as_params(), **extra}
    if redirect := past_the_end(request, result, number, params):
        return redirect
    timeline = store.timeline(filters) if isinstance(store, ResearchView) else []
    return render(
        request,
        "search.html",
        result=Page(result.total, with_marks(result.items, filters.search_query)),
        pager=pager(result.total, number, params),
        downloads=downloads(params),
        timeline=month_chart(timeline, filters, translate(language, "chart.months"), language)
        if timeline
        else None,
        **context,
        **facet_context(store, filters, shown, language, "/search", extra),
    )


@router.get("/articles/{document_id:path}")
def article(
    request: Request, document_id: str, store: Annotated[ArchiveView, Depends(archive)]
) -> HTMLResponse:
    found = store.document(document_id)
    if found is None:
        raise HTTPException(404, f"no document {document_id!r}")
    marked = highlight(found["document"]["text"], found["statements"], request_language(request))
    urls = {s["id"]: url for s in found["statements"] if (url := speaker_url(s))}
    exports = downloads({"document": found["document"]["id"]})
    return render(request, "article.html", doc=found, marked=marked, speaker_urls=urls, downloads=exports)


@router.get("/speakers")
def speaker_list(
    request: Request,
    store: Annotated[ArchiveView, Depends(archive)],
    q: str | None = None,
    type: Annotated[SpeakerType | Literal[""] | None, Query()] = None,
    page: str | None = None,
    unresolved: str | None = None,
) -> HTMLResponse:
    shown = switch(unresolved)
    number = page_number(page)
    result = store.speakers(q or None, PAGE_SIZE, (number - 1) * PAGE_SIZE, type or None, shown)
    params = {name: value for name, value in (("q", q), ("type", type)) if value}
    return render(
        request,
        "speakers.html",
        q=q or "",
        type=type or "",
        types=get_args(SpeakerType),
        result=result,
        pager=pager(result.total, number, {**params, **({"unresolved": "1"} if shown else {})}),
        unresolved=shown,
        unresolved_link=link("/speakers", params, unresolved=None if shown else "1"),
    )


@router.get("/speakers/lookup")
def speaker_lookup(
    store: Annotated[ArchiveView, Depends(archive)], name: Annotated[str, Query(min_length=1, max_length=500)]
) -> RedirectResponse:
    """The page of the speaker with most statements whose name holds ``name`` (links from articles)."""
    found = store.speakers(name, 1, 0).items
    if not found:
        raise HTTPException(404, f"no speaker named {name!r}")
    return RedirectResponse("/speakers/" + quote(found[0]["id"], safe=""), status_code=303)


# the review pages come before /speakers/{speaker_id:path}, which would take ".../review" for an id

REVIEW_DONE = ("merge", "split", "nothing")  # what a review did, shown as the message review.done.<what>


def review_page(
    request: Request, store: SpeakerReview, speaker_id: str, status: int = 200, **context: Any
) -> HTMLResponse:
    found = reviewed(lambda: store.speaker_review(speaker_id))
    context = {"done": None, "error": None, **context}
    token_required = bool(request.app.state.api_token)
    return render(request, "review.html", status, review=found, token_required=token_required, **context)


@router.get("/speakers/{speaker_id}/review")
def review(
    request: Request,
    speaker_id: str,
    store: Annotated[SpeakerReview, Depends(speaker_review)],
    done: str | None = None,
) -> HTMLResponse:
    said = translate(request_language(request), f"review.done.{done}") if done in REVIEW_DONE else None
    return review_page(request, store, speaker_id, done=said)


def review_change(
    request: Request, store: SpeakerReview, speaker_id: str, token: str, change: Callable[[], Record]
) -> Response:
    """Run a review posted by a form: back to the review page (so reloading does not post again), or the
    page again with the reason it was refused."""
    if not token_matches(token, request.app.state.api_token):
        error = translate(request_language(request), "error.token")
        return review_page(request, store, speaker_id, 401, error=error)
    try:
        result = change()
    except ZitatError as exc:  # also NotFound: the form named nobody (an unknown page is a 404 above)
        return review_page(request, store, speaker_id, 422, error=str(exc))
    done = "nothing" if result["correction"] is None else result["correction"]["kind"]
    target = quote(result["speaker"]["id"], safe="")
    return RedirectResponse(f"/speakers/{target}/review?done={done}", status_code=303)


@router.post("/speakers/{speaker_id}/merge")
def merge(
    request: Request,
    speaker_id: str,
    store: Annotated[SpeakerReview, Depends(speaker_review)],
    other: Annotated[str, Form(max_length=500)] = "",
    note: Annotated[str, Form(max_length=1000)] = "",
    token: Annotated[str, Form()] = "",
) -> Response:
    """Merge the speaker named in ``other`` into this one."""
    return review_change(
        request, store, speaker_id, token, lambda: store.merge_speakers(speaker_id, other, note or None)
    )


@router.post("/speakers/{speaker_id}/split")
def split(
    request: Request,
    speaker_id: str,
    store: Annotated[SpeakerReview, Depends(speaker_review)],
    variant: Annotated[str, Form(max_length=500)] = "",
    note: Annotated[str, Form(max_length=1000)] = "",
    token: Annotated[str, Form()] = "",
) -> Response:
    return review_change(
        request, store, speaker_id, token, lambda: store.split_speaker(speaker_id, variant, note or None)
    )


@router.get("/speakers/{speaker_id:path}")
def speaker(
    request: Request,
    speaker_id: str,
    store: Annotated[ArchiveView, Depends(archive)],
    page: str | None = None,
    unresolved: str | None = None,
) -> Response:
    shown = switch(unresolved)
    language = request_language(request)
    found = store.speaker(speaker_id, shown)
    if found is None:
        raise HTTPException(404, f"no speaker {speaker_id!r}")
    if found.get("merged_into"):  # an old link to a merged-away speaker
        return RedirectResponse("/speakers/" + quote(found["merged_into"], safe=""), status_code=303)
    number = page_number(page)
    filters = Filters(speaker=found["id"])
    statements = store.search(filters, PAGE_SIZE, (number - 1) * PAGE_SIZE, "newest")
    params = {"unresolved": "1"} if shown else {}
    if redirect := past_the_end(request, statements, number, params):
        return redirect
    return render(
        request,
        "speaker.html",
        speaker=found,
        chart=month_chart(found["months"], filters, translate(language, "chart.months"), language),
        statements=statements,
        pager=pager(statements.total, number, params),
        downloads=downloads(filters.as_params()),
        search=link("/search", filters.as_params()),
        unresolved=shown,
        unresolved_link=link(request.url.path, {}, unresolved=None if shown else "1"),
    )


@router.get("/analyze")
def analyze_form(request: Request) -> HTMLResponse:
    return render(request, "analyze.html", text="", result=None, error=None)


@router.post("/analyze/export")
async def analyze_export(
    request: Request,
    text: Annotated[str, Form()] = "",
    format: Annotated[Literal["csv", "jsonl"], Form()] = "csv",
) -> Response:
    """The statements of an analyzed text (sent again by the result's download buttons) as a download."""
    try:
        article_in = article_from_upload(text.encode("utf-8"), "pasted")
    except InputError as exc:
        raise HTTPException(422, exc.problem) from None
    result = await run_in_threadpool(request.app.state.extractor.extract, article_in)
    return download(contract_hits(result), format, str(request.base_url))


@router.post("/analyze")
async def analyze(
    request: Request,
    text: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | str | None, File()] = None,
    keep: Annotated[str | None, Form(alias="store")] = None,
    token: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """Highlight the statements of pasted text or an uploaded file; store it only when asked."""
    # a text not in the archive has no speaker pages to link to
    context: dict[str, Any] = {
        "text": text,
        "result": None,
        "error": None,
        "stored": None,
        "speaker_urls": {},
    }
    try:
        if isinstance(file, StarletteUpload) and file.filename:
            article_in = article_from_upload(await file.read(), file.filename)
        else:
            article_in = article_from_upload(text.encode("utf-8"), "pasted")
        result = await run_in_threadpool(request.app.state.extractor.extract, article_in)
    except InputError as exc:
        return render(request, "analyze.html", status=422, **{**context, "error": exc.problem})
    except ExtractionRefused as exc:  # too long (413) or too slow (503): said above the form kept as it was
        message = translate(request_language(request), exc.key, **exc.params)
        return render(request, "analyze.html", status=exc.status, **{**context, "error": message})
    marked = highlight(result["document"]["text"], result["statements"], request_language(request))
    context.update(result=result, marked=marked)
    if keep:
        if not token_matches(token, request.app.state.api_token):
            error = translate(request_language(request), "error.token")
            return render(request, "analyze.html", status=401, **{**context, "error": error})
        summary = await run_in_threadpool((await archive(request)).ingest, [result])
        context["stored"] = summary
    return render(request, "analyze.html", **context)
