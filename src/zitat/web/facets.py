"""What the pages show about a search besides its hits: facet lists whose values narrow the search,
the active filters as removable chips, clickable time charts and the names the filter fields suggest.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from zitat.document import GENDERS
from zitat.store.filters import Filters
from zitat.web.archive import ArchiveView, Record, ResearchView
from zitat.web.charts import bar_chart, column_chart, share_chart

# the facets of the search page's sidebar, in this order, with their headings
FACET_TITLES = {
    "speaker": "Speaker",
    "type": "Speaker type",
    "gender": "Gender (person speakers)",
    "outlet": "Outlet",
    "author": "Author",
    "form": "Form",
    "medium": "Medium",
    "month": "Month",
}
# every filter's name on a chip
FILTER_TITLES = {
    "q": "Words",
    **FACET_TITLES,
    "gender": "Gender",
    "since": "Since",
    "until": "Until",
    "min_confidence": "Confidence ≥",
    "document": "Article",
}
FACET_VALUES = 8  # values per facet in the sidebar
SUGGESTIONS = 500  # outlets, authors and speakers the filter fields suggest


def link(path: str, params: Mapping[str, str], **changes: str | None) -> str:
    """``path`` with ``params``, changed: a value sets that parameter, None removes it."""
    merged = {**params, **changes}
    query = urlencode({name: value for name, value in merged.items() if value is not None})
    return f"{path}?{query}" if query else path


def facet_sidebar(
    store: ArchiveView,
    filters: Filters,
    unresolved: bool,
    path: str = "/search",
    extra: Mapping[str, str] = {},
) -> list[Record]:
    """Per facet: ``name``, ``title`` and its ``values`` (label, count, ``link``: the search narrowed to
    the value, or for the active value, the search without it; ``active``). Empty when the archive
    cannot count facets. ``extra``: parameters the links keep besides the filters (the order, …)."""
    if not isinstance(store, ResearchView):
        return []
    params = {**filters.as_params(), **extra}
    found = store.facets(filters, tuple(FACET_TITLES), FACET_VALUES, unresolved)
    sidebar = []
    for name, title in FACET_TITLES.items():
        values = []
        for row in found[name]:
            active = params.get(name) == row["value"]
            changed = link(path, params, **{name: None if active else row["value"]}, page=None)
            values.append({**row, "link": changed, "active": active})
        if values:
            sidebar.append({"name": name, "title": title, "values": values})
    return sidebar


def chips(
    filters: Filters, sidebar: Sequence[Record], path: str, extra: Mapping[str, str] = {}
) -> list[Record]:
    """The active filters: ``title``, ``value`` (a speaker's name rather than its id, when the sidebar
    has it) and ``remove``: the same search without it."""
    params = {**filters.as_params(), **extra}
    labels = {(facet["name"], row["value"]): row["label"] for facet in sidebar for row in facet["values"]}
    return [
        {
            "name": name,
            "title": FILTER_TITLES.get(name, name),
            "value": labels.get((name, value), value),
            "remove": link(path, params, **{name: None}, page=None),
        }
        for name, value in filters.as_params().items()
    ]


def month_chart(months: Sequence[Record], filters: Filters, title: str, path: str = "/search") -> Markup:
    """Statements per month; each column leads to the search narrowed to its month."""
    params = filters.as_params()
    return column_chart(
        [(row["month"], row["count"]) for row in months],
        title,
        links=[link(path, params, month=row["month"], since=None, until=None) for row in months],
    )


def gender_chart(months: Sequence[Record], filters: Filters, title: str) -> Markup:
    """Shares of person speakers' statements by gender per month; each column leads to that month's
    statements of person speakers."""
    params = filters.as_params()
    return share_chart(
        [(row["month"], {gender: row[gender] for gender in GENDERS}) for row in months],
        GENDERS,
        title,
        links=[link("/search", params, month=row["month"], type="person") for row in months],
    )


def counts_chart(
    counts: Mapping[str, float], name: str, filters: Filters, title: str, percent: bool = False
) -> Markup:
    """Bars of a facet's counts (or shares); each bar leads to the search narrowed to its value."""
    params = filters.as_params()
    return bar_chart(
        list(counts.items()),
        title,
        percent=percent,
        links=[link("/search", params, **{name: value}) for value in counts],
    )


def suggestions(store: ArchiveView) -> dict[str, list[str]]:
    """Outlets, authors and speakers for the filter fields to suggest (``<datalist>``), most quoted
    first; none when the archive cannot count facets."""
    if not isinstance(store, ResearchView):
        return {}
    found = store.facets(Filters(), ("outlet", "author", "speaker"), SUGGESTIONS)
    return {name: [row["label"] for row in rows] for name, rows in found.items()}


def facet_context(
    store: ArchiveView, filters: Filters, unresolved: bool, path: str, extra: Mapping[str, str] = {}
) -> dict[str, Any]:
    """What a page with facets shows around its content: ``facets``, ``chips``, ``suggestions`` and the
    switch for mention-only speakers (``unresolved``, ``unresolved_link``)."""
    sidebar = facet_sidebar(store, filters, unresolved, path, extra)
    params = {**filters.as_params(), **extra}
    return {
        "facets": sidebar,
        "chips": chips(filters, sidebar, path, extra),
        "suggestions": suggestions(store),
        "unresolved": unresolved,
        "unresolved_link": link(path, params, unresolved=None if unresolved else "1", page=None),
    }
