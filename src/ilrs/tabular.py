"""Records as table rows: the one description of columns that every table shares.

:meth:`ilrs.Results.to_dataframe`, the notebook display (``_repr_html_``),
the command line's table and CSV output and ``ilrs export`` all take their
columns from :func:`columns_for`, so they name and order fields the same way.

Each record type has *all* its columns (for DataFrames, CSV and export) and a
*brief* subset (for tables shown on screen). A column has a kind that says how
to show it: a date window is one EDTF text column on screen and in CSV, and
in a DataFrame also becomes real date columns ``<name>_earliest`` and
``<name>_latest`` (and ``<name>_precision``).

This module is presentation: a plain query never imports it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from . import _dt
from .dates import DateWindow
from .programme import (
    LaunchAnnouncement,
    Mission,
    Payload,
    Phase,
    Plan,
)
from .records import (
    Agreement,
    Exclusion,
    Gap,
    OfficialCount,
    Signatory,
    SignatoryType,
    Source,
)
from .timeline import CountComparison, TimelinePoint

__all__ = ["Column", "brief_columns", "columns_for", "html_table", "text_cell", "text_rows"]


class Kind(enum.Enum):
    """How a column's values are shown."""

    TEXT = "text"
    INT = "int"
    DATE = "date"
    WINDOW = "window"
    LIST = "list"


@attrs.frozen
class Column:
    """One column: its name, how to read it from a record, and its kind."""

    name: str
    get: Callable[[Any], Any]
    kind: Kind = Kind.TEXT


def _field(name: str, kind: Kind = Kind.TEXT) -> Column:
    return Column(name, lambda record: getattr(record, name), kind)


def _ids(name: str, field: str) -> Column:
    return Column(name, lambda record: tuple(item.id for item in getattr(record, field)), Kind.LIST)


def _per_type(kind: SignatoryType) -> Column:
    return Column(kind.value, lambda point: point.count(kind), Kind.INT)


def _source(record: Any) -> str:
    return str(record.source.id)


_ALL: dict[type, tuple[Column, ...]] = {
    Signatory: (
        _field("id"),
        _field("name"),
        _field("type"),
        _field("country_code"),
        _field("joined", Kind.WINDOW),
        _field("evidence"),
        _field("aliases", Kind.LIST),
        _ids("agreement_ids", "agreements"),
        _ids("source_ids", "sources"),
        _field("notes"),
    ),
    Agreement: (
        _field("id"),
        _field("signatory_id"),
        _field("kind"),
        _field("title"),
        _field("signed", Kind.WINDOW),
        _field("announced", Kind.WINDOW),
        _field("ilrs_parties", Kind.LIST),
        _field("partner_parties", Kind.LIST),
        _field("place"),
        _field("event"),
        _ids("source_ids", "sources"),
        _field("notes"),
    ),
    Mission: (
        _field("id"),
        _field("name"),
        _field("lead_agency"),
        _field("lead_country"),
        _field("kinds", Kind.LIST),
        _field("status"),
        _field("launched", Kind.DATE),
        _field("target"),
        _field("phase_ids", Kind.LIST),
        _field("aliases", Kind.LIST),
        _ids("payload_ids", "payloads"),
        _ids("source_ids", "sources"),
        _field("notes"),
    ),
    Phase: (
        _field("order", Kind.INT),
        _field("id"),
        _field("name"),
        _field("start_year", Kind.INT),
        _field("end_year", Kind.INT),
        _field("plan"),
        _field("mission_ids", Kind.LIST),
        _field("goals", Kind.LIST),
    ),
    Plan: (
        _field("id"),
        _field("published", Kind.WINDOW),
        _field("published_by"),
        _field("scope"),
        _field("name"),
        _ids("source_ids", "sources"),
        _field("notes"),
    ),
    OfficialCount: (
        _field("id"),
        _field("stated", Kind.WINDOW),
        _field("speaker"),
        _field("countries_and_orgs", Kind.INT),
        _field("institutions", Kind.INT),
        _field("total", Kind.INT),
        _field("wording"),
        Column("source_id", _source),
    ),
    Exclusion: (
        _field("id"),
        _field("name"),
        _field("country_code"),
        _field("reason"),
        _ids("source_ids", "sources"),
    ),
    Gap: (
        _field("id"),
        _field("date", Kind.WINDOW),
        _field("count", Kind.INT),
        _field("description"),
        _ids("source_ids", "sources"),
    ),
    Source: (
        _field("id"),
        _field("publisher"),
        _field("published", Kind.WINDOW),
        _field("title"),
        _field("url"),
        _field("language"),
    ),
    LaunchAnnouncement: (
        _field("announced", Kind.WINDOW),
        _field("target", Kind.WINDOW),
        _field("announced_by"),
        Column("source_id", _source),
    ),
    Payload: (
        _field("id"),
        _field("name"),
        _field("contributor"),
        _field("country_code"),
        Column("source_id", _source),
        _field("notes"),
    ),
    CountComparison: (
        _field("id"),
        _field("stated", Kind.WINDOW),
        Column("speaker", lambda c: c.count.speaker),
        Column("claimed_countries_and_orgs", lambda c: c.count.countries_and_orgs, Kind.INT),
        Column("claimed_institutions", lambda c: c.count.institutions, Kind.INT),
        Column("claimed_total", lambda c: c.count.total, Kind.INT),
        _field("on", Kind.DATE),
        _field("documented_countries_and_orgs", Kind.INT),
        _field("documented_institutions", Kind.INT),
        _field("documented_total", Kind.INT),
        Column("wording", lambda c: c.count.wording),
    ),
    TimelinePoint: (
        _field("date", Kind.DATE),
        _field("total", Kind.INT),
        *(_per_type(kind) for kind in SignatoryType),
        _field("added", Kind.LIST),
        _field("approximate", Kind.LIST),
    ),
}

_BRIEF: dict[type, tuple[str, ...]] = {
    Signatory: ("id", "name", "type", "country_code", "joined", "evidence"),
    Agreement: ("id", "signatory_id", "kind", "signed", "ilrs_parties", "partner_parties"),
    Mission: ("id", "name", "lead_agency", "kinds", "status", "launched"),
    Phase: ("order", "id", "name", "start_year", "end_year", "mission_ids"),
    Plan: ("id", "published", "published_by", "scope", "name"),
    OfficialCount: ("id", "stated", "speaker", "countries_and_orgs", "institutions", "total"),
    Exclusion: ("id", "name", "country_code", "reason"),
    Gap: ("id", "date", "count", "description"),
    Source: ("id", "publisher", "published", "title"),
    LaunchAnnouncement: ("announced", "target", "announced_by"),
    Payload: ("id", "name", "contributor", "country_code"),
    CountComparison: (
        "id",
        "stated",
        "claimed_countries_and_orgs",
        "claimed_institutions",
        "claimed_total",
        "documented_countries_and_orgs",
        "documented_institutions",
        "documented_total",
    ),
    TimelinePoint: ("date", "total", *(kind.value for kind in SignatoryType), "added"),
}


def columns_for(record_type: type) -> tuple[Column, ...]:
    """Every column of a record type, in order (for DataFrames, CSV and export).

    Raises :class:`TypeError` for a type that is not an ilrs record.
    """
    try:
        return _ALL[record_type]
    except KeyError:
        raise TypeError(f"expected an ilrs record type, got {record_type!r}") from None


def brief_columns(record_type: type) -> tuple[Column, ...]:
    """The columns worth showing on screen for a record type."""
    wanted = _BRIEF[record_type]
    return tuple(column for column in columns_for(record_type) if column.name in wanted)


def text_cell(value: Any) -> str:
    """One value as text: EDTF for windows, ISO for dates, ``"; "`` between list items."""
    if value is None:
        return ""
    if isinstance(value, DateWindow):
        return value.edtf
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return "; ".join(text_cell(item) for item in value)
    return str(value)


def text_rows(records: Sequence[Any], columns: Iterable[Column]) -> list[list[str]]:
    """Each record as a row of text cells."""
    chosen = tuple(columns)
    return [[text_cell(column.get(record)) for column in chosen] for record in records]


def html_table(records: Sequence[Any], record_type: type | None, *, limit: int = 60) -> str:
    """An HTML table of the brief columns (for notebooks), with a caption."""
    from html import escape

    from ._data_version import DATA_AS_OF

    name = f"{record_type.__name__} " if record_type is not None else ""
    noun = "record" if len(records) == 1 else "records"
    caption = f"{len(records)} {escape(name)}{noun} · ilrs data as of {DATA_AS_OF.isoformat()}"
    if record_type is None or not records:
        return f"<div><em>{caption}</em></div>"
    columns = brief_columns(record_type)
    shown = records[:limit]
    head = "".join(f"<th>{escape(column.name)}</th>" for column in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>"
        for row in text_rows(shown, columns)
    )
    more = len(records) - len(shown)
    if more > 0:
        body += f'<tr><td colspan="{len(columns)}">… and {more} more</td></tr>'
    return (
        f'<table class="ilrs-results"><caption>{caption}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def dataframe(records: Sequence[Any], record_type: type | None) -> Any:
    """A pandas DataFrame of every column; date windows also as real date columns."""
    try:
        import pandas as pd
    except ImportError:
        raise ImportError(
            "to_dataframe() needs pandas: install it with  pip install 'ilrs[pandas]'"
        ) from None
    if record_type is None:
        return pd.DataFrame()
    data: dict[str, Any] = {}
    for column in columns_for(record_type):
        values = [column.get(record) for record in records]
        if column.kind is Kind.WINDOW:
            data[column.name] = pd.Series([text_cell(v) or None for v in values], dtype="string")
            data[f"{column.name}_earliest"] = _dates(pd, [v and v.earliest for v in values])
            data[f"{column.name}_latest"] = _dates(pd, [v and v.latest for v in values])
            data[f"{column.name}_precision"] = pd.Series(
                [v and v.precision.value for v in values], dtype="string"
            )
        elif column.kind is Kind.DATE:
            data[column.name] = _dates(pd, values)
        elif column.kind is Kind.INT:
            data[column.name] = pd.Series(values, dtype="Int64")
        elif column.kind is Kind.LIST:
            data[column.name] = pd.Series(
                [tuple(text_cell(item) for item in v) for v in values], dtype="object"
            )
        else:
            data[column.name] = pd.Series(
                [None if v is None else text_cell(v) for v in values], dtype="string"
            )
    return pd.DataFrame(data)


def _dates(pd: Any, values: list[Any]) -> Any:
    return pd.Series(pd.to_datetime([v if v else None for v in values]), dtype="datetime64[s]")
