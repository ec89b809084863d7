"""What the pages show about a search besides its hits: facet lists whose values narrow the search,
the active filters as removable chips, clickable time charts and the names the filter fields suggest.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from zitat.document import GENDERS, SPEAKER_TYPES
from zitat.store.filters import Filters
from zitat.web.archive import ArchiveView, Record, ResearchView
from zitat.web.charts import bar_chart, column_chart, share_chart
from zitat.web.i18n import translate

# the facets of the search page's sidebar, in this order; each one's heading is the message
# ``facet.<name>`` and its name on a chip ``filter.<name>`` (zitat.web.i18n)
FACETS = ("speaker", "type", "gender", "outlet", "author", "form", "medium", "month")
# filter values shown in the reader's language (the message ``<name>.<value>``)
TRANSLATED = (("type", SPEAKER_TYPES), ("gender", GENDERS))
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
    language: str,
    path: str = "/search",
    extra: Mapping[str, str] = {},
) -> list[Record]:
    """Per facet: ``name``, ``title`` and its ``values`` (label, count, ``link``: the search narrowed to
    the value, or for the active value, the search without it; ``active``). Empty when the archive
    cannot count facets. ``extra``: parameters the links keep besides the filters (the order, …)."""
    if not isinstance(store, ResearchView):
        return []
    params = {**filters.as_params(), **extra}
    found = store.facets(filters, FACETS, FACET_VALUES, unresolved)
    sidebar = []
    for name in FACETS:
        values = []
        for row in found[name]:
            active = params.get(name) == row["value"]
            changed = link(path, params, **{name: None if active else row["value"]}, page=None)
            values.append({**row, "link": changed, "active": active})
        if values:
            sidebar.append({"name": name, "title": translate(language, f"facet.{name}"), "values": values})
    return sidebar


def chips(
    filters: Filters, sidebar: Sequence[Record], language: str, path: str, extra: Mapping[str, str] = {}
) -> list[Record]:
    """The active filters: ``title``, ``value`` (a speaker's name rather than its id, when the sidebar
    has it; a speaker type or gender in ``language``) and ``remove``: the same search without it."""
    params = {**filters.as_params(), **extra}
    labels = {(facet["name"], row["value"]): row["label"] for facet in sidebar for row in facet["values"]}
    labels.update(
        {
            (name, value): translate(language, f"{name}.{value}")
            for name, values in TRANSLATED
            for value in values
        }
    )
    return [
        {
            "name": name,
            "title": translate(language, f"filter.{name}"),
            "value": labels.get((name, value), value),
            "remove": link(path, params, **{name: None}, page=None),
        }
        for name, value in filters.as_params().items()
    ]


def month_chart(
    months: Sequence[Record], filters: Filters, title: str, language: str, path: str = "/search"
) -> Markup:
    """Statements per month, counted in ``language``; each column leads to the search narrowed to its
    month."""
    params = filters.as_params()
    return column_chart(
        [(row["month"], row["count"]) for row in months],
        title,
        links=[link(path, params, month=row["month"], since=None, until=None) for row in months],
        language=language,
    )


def gender_chart(
    months: Sequence[Record], filters: Filters, title: str, language: str, labels: Mapping[str, str] = {}
) -> Markup:
    """Shares of person speakers' statements by gender (named by ``labels``) per month, months and counts
    written in ``language``; each column leads to that month's statements of person speakers."""
    params = filters.as_params()
    return share_chart(
        [(row["month"], {gender: row[gender] for gender in GENDERS}) for row in months],
        GENDERS,
        title,
        links=[link("/search", params, month=row["month"], type="person") for row in months],
        labels=labels,
        language=language,
    )


def counts_chart(
    counts: Mapping[str, float],
    name: str,
    filters: Filters,
    title: str,
    language: str,
    percent: bool = False,
    labels: Mapping[str, str] = {},
) -> Markup:
    """Bars of a facet's counts (or shares, written in ``language``), each named by ``labels`` where
    given; each bar leads to the search narrowed to its value."""
    params = filters.as_params()
    return bar_chart(
        [(labels.get(value, value), n) for value, n in counts.items()],
        title,
        percent=percent,
        links=[link("/search", params, **{name: value}) for value in counts],
        language=language,
    )


def suggestions(store: ArchiveView) -> dict[str, list[str]]:
    """Outlets, authors and speakers for the filter fields to suggest (``<datalist>``), most quoted
    first; none when the archive cannot count facets."""
    if not isinstance(store, ResearchView):
        return {}
    found = store.facets(Filters(), ("outlet", "author", "speaker"), SUGGESTIONS)
    return {name: [row["label"] for row in rows] for name, rows in found.items()}


def facet_context(
    store: ArchiveView,
    filters: Filters,
    unresolved: bool,
    language: str,
    path: str,
    extra: Mapping[str, str] = {},
) -> dict[str, Any]:
    """What a page with facets shows around its content, in ``language``: ``facets``, ``chips``,
    ``suggestions`` and the switch for mention-only speakers (``unresolved``, ``unresolved_link``)."""
    sidebar = facet_sidebar(store, filters, unresolved, language, path, extra)
    params = {**filters.as_params(), **extra}
    return {
        "facets": sidebar,
        "chips": chips(filters, sidebar, language, path, extra),
        "suggestions": suggestions(store),
        "unresolved": unresolved,
        "unresolved_link": link(path, params, unresolved=None if unresolved else "1", page=None),
    }
