"""Pages for browsing: the list of articles, and the outlets and authors with a page each (counts, top
speakers, statements over time, gender shares over time)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from zitat.document import GENDERS
from zitat.store.filters import Filters
from zitat.web.api import SearchInput, research, search_input
from zitat.web.archive import ResearchView
from zitat.web.facets import facet_context, gender_chart, link, month_chart, suggestions
from zitat.web.i18n import request_language, translate
from zitat.web.pages import PAGE_SIZE, downloads, page_number, pager, past_the_end, render, switch

router = APIRouter(default_response_class=HTMLResponse)

TOP_SPEAKERS = 10
# the two kinds of source pages and the filter each one narrows by (headings: sources.<kind>, source.<kind>)
SOURCES = {"outlets": "outlet", "authors": "author"}


@router.get("/articles")
@router.get("/articles/")
def articles(
    request: Request,
    given: Annotated[SearchInput, Depends(search_input)],
    store: Annotated[ResearchView, Depends(research)],
    page: str | None = None,
) -> Response:
    """Articles, newest first; the words search title and text, the statement filters keep articles
    with such a statement."""
    context: dict[str, Any] = {
        "typed": given.typed,
        "errors": given.errors,
        "suggestions": suggestions(store),
    }
    if given.filters is None:
        return render(request, "articles.html", 422, result=None, **context)
    number = page_number(page)
    result = store.documents(given.filters, PAGE_SIZE, (number - 1) * PAGE_SIZE)
    params = given.filters.as_params()
    if redirect := past_the_end(request, result, number, params):
        return redirect
    return render(
        request, "articles.html", result=result, pager=pager(result.total, number, params), **context
    )


@router.get("/outlets")
@router.get("/authors")
def sources(request: Request, store: Annotated[ResearchView, Depends(research)]) -> HTMLResponse:
    """Every outlet (or author) with its number of statements."""
    kind = request.url.path.strip("/")
    name = SOURCES[kind]
    rows = store.facets(Filters(), (name,), limit=None)[name]
    return render(request, "sources.html", kind=kind, rows=rows)


@router.get("/outlets/{name:path}")
@router.get("/authors/{name:path}")
def source(
    request: Request,
    name: str,
    store: Annotated[ResearchView, Depends(research)],
    unresolved: str | None = None,
) -> HTMLResponse:
    """One outlet or author: counts, top speakers, statements and gender shares over time."""
    kind = request.url.path.split("/")[1]
    field = SOURCES[kind]
    filters = Filters(**{field: name})
    shown = switch(unresolved)
    stats = store.overview(filters, shown)
    if not stats["statements"] and not store.documents(filters, 1, 0).total:
        raise HTTPException(404, f"no {field} {name!r}")
    language = request_language(request)
    extra = {"unresolved": "1"} if shown else {}
    context = facet_context(store, filters, shown, language, request.url.path, extra)
    genders = {gender: translate(language, f"gender.{gender}") for gender in GENDERS}
    return render(
        request,
        "source.html",
        kind=kind,
        name=name,
        stats=stats,
        months=month_chart(stats["months"], filters, translate(language, "chart.months"), language),
        genders=gender_chart(
            stats["gender_months"], filters, translate(language, "chart.gender_months"), language, genders
        ),
        search=link("/search", filters.as_params()),
        articles=link("/articles/", filters.as_params()),
        downloads=downloads(filters.as_params()),
        **context,
    )
