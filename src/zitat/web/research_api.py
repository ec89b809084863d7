"""The research part of the JSON API: facets, timelines and statistics of any search, and the list of
documents (issue #23)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query

from zitat.store.filters import Filters
from zitat.web.api import (
    FacetLimit,
    FacetName,
    Limit,
    Offset,
    Unresolved,
    archive,
    facet_counts,
    page_json,
    research,
    search_filters,
)
from zitat.web.archive import ArchiveView, Record, ResearchView

router = APIRouter(prefix="/api")

ALL_FACETS: list[FacetName] = ["speaker", "type", "gender", "outlet", "author", "form", "medium", "month"]


@router.get("/facets", summary="How the statements a search finds spread over speakers, outlets, months, …")
def facets(
    filters: Annotated[Filters, Depends(search_filters)],
    store: Annotated[ArchiveView, Depends(archive)],
    facet: Annotated[
        list[FacetName] | None, Query(description="which facets (repeat for several; default: all)")
    ] = None,
    facet_limit: FacetLimit = 10,
    unresolved: Unresolved = False,
) -> dict[str, Any]:
    return {"facets": facet_counts(store, filters, facet or ALL_FACETS, facet_limit, unresolved)}


@router.get(
    "/timeline",
    summary="Statements a search finds per month, empty months included (by=gender: person speakers' "
    "statements per gender)",
)
def timeline(
    filters: Annotated[Filters, Depends(search_filters)],
    store: Annotated[ResearchView, Depends(research)],
    by: Literal["total", "gender"] = "total",
) -> dict[str, Any]:
    return {"months": store.timeline(filters, by_gender=by == "gender")}


@router.get(
    "/stats",
    summary="The overview of what a search finds: counts, months, top speakers, forms, media, shares",
)
def stats(
    filters: Annotated[Filters, Depends(search_filters)],
    store: Annotated[ArchiveView, Depends(archive)],
    unresolved: Unresolved = False,
) -> Record:
    return store.overview(filters, unresolved)


@router.get(
    "/documents",
    summary="Documents, newest first; q searches title and text, statement filters keep documents quoting so",
)
def documents(
    filters: Annotated[Filters, Depends(search_filters)],
    store: Annotated[ResearchView, Depends(research)],
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    return page_json(store.documents(filters, limit, offset), limit, offset)
