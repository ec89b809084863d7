"""Statement clusters in the web app: ``/api/clusters``, ``/api/clusters/{id}`` and the pages
``/clusters`` and ``/clusters/{id}`` (timeline, outlets, variants with highlighted diffs).

They read the archive through ``zitat.tracking.views``, on the archive's database connection
(``StoreArchive.archive``); an archive view without one (an in-memory one) has no clusters. The pages
are in the reader's language, their errors too; the API's errors stay English.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from zitat.errors import ZitatError
from zitat.store.database import Database
from zitat.tracking.update import is_clustered
from zitat.tracking.views import cluster, list_clusters
from zitat.web.api import MAX_PAGE_SIZE, archive
from zitat.web.archive import ArchiveView, Record
from zitat.web.i18n import DEFAULT_LANGUAGE, request_language, translate
from zitat.web.pages import PAGE_SIZE, pager, render

api_router = APIRouter(prefix="/api")
page_router = APIRouter(default_response_class=HTMLResponse)

Flag = Literal["misquote", "misattribution"]
MAX_ID = 2**63 - 1


def cluster_database(store: ArchiveView, language: str = DEFAULT_LANGUAGE) -> Database:
    """The archive's database connection, for its clusters; a 404 (in ``language``) when it has none, or
    none yet."""
    found = getattr(getattr(store, "archive", None), "db", None)
    if not isinstance(found, Database):
        raise HTTPException(404, translate(language, "clusters.unavailable"))
    if not is_clustered(found):
        raise HTTPException(404, translate(language, "clusters.not_yet"))
    return found


def _listed(store: ArchiveView, **options: Any) -> list[Record]:
    try:
        return list_clusters(cluster_database(store), **options)
    except ZitatError as exc:
        raise HTTPException(404, str(exc)) from None


def _cluster(store: ArchiveView, cluster_id: int) -> Record:
    try:
        return cluster(cluster_database(store), cluster_id)
    except ZitatError as exc:
        raise HTTPException(404, str(exc)) from None


@api_router.get("/clusters", summary="Statement clusters (one utterance across articles), largest first")
def clusters_api(
    store: Annotated[ArchiveView, Depends(archive)],
    flag: Flag | None = None,
    speaker: Annotated[str | None, Query(max_length=500)] = None,
    min_size: Annotated[int, Query(ge=1)] = 2,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = PAGE_SIZE,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Record:
    items = _listed(store, flag=flag, speaker=speaker, min_size=min_size, limit=limit, offset=offset)
    return {"limit": limit, "offset": offset, "items": items}


@api_router.get(
    "/clusters/{cluster_id}",
    summary="One cluster: first appearance, outlets, timeline, variants with word diffs, flagged statements",
)
def cluster_api(cluster_id: int, store: Annotated[ArchiveView, Depends(archive)]) -> Record:
    return _cluster(store, _checked(cluster_id))


def _checked(cluster_id: int) -> int:
    if not 1 <= cluster_id <= MAX_ID:
        raise HTTPException(404, f"no cluster {cluster_id}")
    return cluster_id


@page_router.get("/clusters")
def clusters_page(
    request: Request,
    store: Annotated[ArchiveView, Depends(archive)],
    flag: Flag | None = None,
    speaker: Annotated[str | None, Query(max_length=500)] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    options = {"flag": flag, "speaker": speaker or None}
    # one more than a page: whether there is a next page, without counting every cluster
    items = list_clusters(
        cluster_database(store, request_language(request)),
        flag=flag,
        speaker=speaker or None,
        limit=PAGE_SIZE + 1,
        offset=(page - 1) * PAGE_SIZE,
    )
    known = (page - 1) * PAGE_SIZE + len(items)
    params = {name: value for name, value in options.items() if value}
    return render(
        request,
        "clusters.html",
        items=items[:PAGE_SIZE],
        flags=get_args(Flag),
        flag=flag or "",
        speaker=speaker or "",
        pager=pager(known, page, params),
    )


@page_router.get("/clusters/{cluster_id}")
def cluster_page(
    request: Request, cluster_id: int, store: Annotated[ArchiveView, Depends(archive)]
) -> HTMLResponse:
    db = cluster_database(store, request_language(request))
    try:
        found = cluster(db, _checked(cluster_id))
    except (HTTPException, ZitatError):  # the id is out of range, or no cluster has it
        raise HTTPException(
            404, translate(request_language(request), "cluster.unknown", id=str(cluster_id))
        ) from None
    return render(request, "cluster.html", cluster=found)
