"""Records as table rows: one description of columns, for every table ilrs shows or writes.

Columns come from the record classes themselves (`attrs.fields`): every field
is a column, in the order declared, and the fields marked `BRIEF` are the ones
shown on screen. A field holding records shows their ids (``sources`` becomes
``source_ids``). A column's kind says how to show it: a date window is one
EDTF text column on screen and in CSV, and in a DataFrame also becomes real
date columns ``<name>_earliest`` and ``<name>_latest`` (and
``<name>_precision``).

Text tables fit a width (the terminal's, from `shutil.get_terminal_size`),
HTML tables are for notebooks, `dataframe` needs pandas, and CSV cells join
list items with ``|``, the data package's own list delimiter, which no item
can contain.
"""

from __future__ import annotations

import datetime
import enum
import functools
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from .dates import DateWindow

__all__ = [
    "BRIEF",
    "LIST_DELIMITER",
    "Column",
    "Kind",
    "brief_columns",
    "card_html",
    "card_text",
    "columns_for",
    "csv_rows",
    "dataframe",
    "html_table",
    "text_cell",
    "text_table",
]

#: Metadata of a field shown in on-screen tables: ``attrs.field(metadata=BRIEF)``.
BRIEF = types.MappingProxyType({"ilrs.brief": True})
#: Joins the items of a list cell in CSV (the data package's own delimiter).
LIST_DELIMITER = "|"
#: Rows shown by a table on screen before "... and N more".
MAX_ROWS = 60


class Kind(enum.Enum):
    """How a column's values are shown."""

    TEXT = "text"
    INT = "int"
    DATE = "date"
    WINDOW = "window"
    LIST = "list"


@attrs.frozen
class Column:
    """One column: its name, the field it reads, and how to show it."""

    name: str
    field: str
    kind: Kind
    #: True when the field holds records (or a tuple of them): the column holds their ids.
    records: bool = False
    brief: bool = False

    def get(self, record: Any) -> Any:
        """The value of this column for ``record``."""
        value = getattr(record, self.field)
        if not self.records or value is None:
            return value
        if self.kind is Kind.LIST:
            return tuple(item.id for item in value)
        return value.id


def _plain(annotation: Any) -> Any:
    """The type inside ``X | None``."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        inner = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(inner) == 1:
            return inner[0]
    return annotation


def _is_record(annotation: Any) -> bool:
    """A record type with an id (a `DateWindow` is an attrs class, but a value)."""
    return (
        isinstance(annotation, type)
        and attrs.has(annotation)
        and "id" in attrs.fields_dict(annotation)
    )


def _column(field: attrs.Attribute[Any]) -> Column:
    annotation = _plain(field.type)
    brief = bool(field.metadata.get("ilrs.brief"))
    if typing.get_origin(annotation) is tuple:
        item = typing.get_args(annotation)[0]
        if _is_record(item):
            return Column(f"{field.name.removesuffix('s')}_ids", field.name, Kind.LIST, True, brief)
        return Column(field.name, field.name, Kind.LIST, brief=brief)
    if _is_record(annotation):
        return Column(f"{field.name}_id", field.name, Kind.TEXT, True, brief)
    kind = {DateWindow: Kind.WINDOW, datetime.date: Kind.DATE, int: Kind.INT}.get(
        annotation, Kind.TEXT
    )
    return Column(field.name, field.name, kind, brief=brief)


@functools.cache
def columns_for(record_type: type) -> tuple[Column, ...]:
    """Every column of a record type, in field order (for DataFrames, CSV and export).

    Raises `TypeError` for a type that is not an attrs class.
    """
    if not (isinstance(record_type, type) and attrs.has(record_type)):
        raise TypeError(f"expected an ilrs record type, got {record_type!r}")
    attrs.resolve_types(record_type)
    return tuple(_column(field) for field in attrs.fields(record_type))


def brief_columns(record_type: type) -> tuple[Column, ...]:
    """The columns worth showing on screen for a record type (all, if none is marked)."""
    columns = columns_for(record_type)
    return tuple(column for column in columns if column.brief) or columns


def text_cell(value: Any, delimiter: str = ", ") -> str:
    """One value as text: EDTF for windows, ISO for dates, list items joined by ``delimiter``."""
    if value is None:
        return ""
    if isinstance(value, DateWindow):
        return value.edtf
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return delimiter.join(text_cell(item) for item in value)
    return str(value)


def csv_rows(records: Iterable[Any], record_type: type) -> Iterable[list[str]]:
    """The header, then each record as a row of every column (lists joined with ``|``)."""
    columns = columns_for(record_type)
    yield [column.name for column in columns]
    for record in records:
        yield [text_cell(column.get(record), LIST_DELIMITER) for column in columns]


# ---------------------------------------------------------------------------
# text tables


def _fit(natural: list[int], floors: list[int], room: int) -> list[int]:
    """Column widths that fit ``room``: the widest column above its floor gives way first."""
    widths = list(natural)
    for _ in range(sum(widths) - room):
        shrinkable = [i for i, w in enumerate(widths) if w > floors[i]]
        if not shrinkable:
            break
        widths[max(shrinkable, key=lambda i: widths[i])] -= 1
    return widths


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())  # no line breaks inside a table cell
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def text_table(
    records: Sequence[Any],
    record_type: type | None,
    *,
    width: int,
    caption: str,
    max_rows: int | None = MAX_ROWS,
    group: Sequence[str] | None = None,
) -> str:
    """An aligned text table of the brief columns, no wider than ``width``, under a caption.

    Dates, windows and numbers are never cut; text columns give way, widest
    first, and a cut cell ends with "…". When even that is too wide, columns
    are left out from the right, and the caption says how many.
    """
    if record_type is None or not records:
        return f"{caption}\n(none)"
    columns = list(brief_columns(record_type))
    shown = records if max_rows is None else records[:max_rows]
    rows = [[_cut(text_cell(column.get(r)), 10_000) for column in columns] for r in shown]
    if group is not None:  # a first column naming each record's group
        columns.insert(0, Column("group", "", Kind.TEXT))
        rows = [[name, *row] for name, row in zip(group, rows, strict=False)]
    while True:
        headers = [column.name for column in columns]
        natural = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]
        # dates, windows and numbers keep their width; text may shrink to a few characters
        floors = [
            natural[i] if column.kind in (Kind.DATE, Kind.WINDOW, Kind.INT) else min(natural[i], 5)
            for i, column in enumerate(columns)
        ]
        room = width - 2 * (len(columns) - 1)
        droppable = [i for i, c in enumerate(columns) if i and c.kind in (Kind.TEXT, Kind.LIST)]
        if sum(floors) <= room or not droppable:
            break
        drop = droppable[-1]  # the rightmost text column gives way first
        columns.pop(drop)
        rows = [row[:drop] + row[drop + 1 :] for row in rows]
    widths = _fit(natural, floors, room)
    hidden = len(brief_columns(record_type)) + (group is not None) - len(columns)
    lines = [caption if not hidden else f"{caption} ({hidden} more columns not shown)"]
    lines.append("  ".join(h[:w].ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        cells = (_cut(cell, w).ljust(w) for cell, w in zip(row, widths, strict=True))
        lines.append("  ".join(cells).rstrip())
    more = len(records) - len(shown)
    if more > 0:
        lines.append(f"... and {more} more (all of them: .to_records() or .to_dataframe())")
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# HTML, for notebooks

_STYLE = (
    "<style>.ilrs-table{border-collapse:collapse;font-size:0.9em}"
    ".ilrs-table caption{caption-side:top;text-align:left;font-style:italic;padding:2px 0}"
    ".ilrs-table th,.ilrs-table td{text-align:left !important;vertical-align:top;padding:2px 8px}"
    ".ilrs-table td.nowrap{white-space:nowrap}"
    ".ilrs-card{border:1px solid #ccc;border-radius:4px;padding:6px 10px;margin:4px 0}"
    ".ilrs-card th{white-space:nowrap}</style>"
)


def html_table(
    records: Sequence[Any],
    record_type: type | None,
    *,
    caption: str,
    max_rows: int | None = MAX_ROWS,
    group: Sequence[str] | None = None,
) -> str:
    """An HTML table of the brief columns (for notebooks), left-aligned, under a caption.

    With ``group`` (a name per record), a group's name heads its first row.
    """
    from html import escape  # (only to render)

    if record_type is None or not records:
        return f"<div><em>{escape(caption)}</em></div>"
    columns = brief_columns(record_type)
    shown = records if max_rows is None else records[:max_rows]
    head = "".join(f"<th>{escape(column.name)}</th>" for column in columns)
    nowrap = [column.kind in (Kind.DATE, Kind.WINDOW, Kind.INT) for column in columns]
    rows = []
    for index, record in enumerate(shown):
        cells = "".join(
            f'<td class="nowrap">{escape(text_cell(column.get(record)))}</td>'
            if wrap
            else f"<td>{escape(text_cell(column.get(record)))}</td>"
            for column, wrap in zip(columns, nowrap, strict=True)
        )
        if group is not None:
            first = index == 0 or group[index] != group[index - 1]
            cells = f"<th>{escape(group[index]) if first else ''}</th>{cells}"
        rows.append(f"<tr>{cells}</tr>")
    body = "".join(rows)
    if group is not None:
        head = f"<th>group</th>{head}"
    more = len(records) - len(shown)
    if more > 0:
        body += (
            f'<tr><td colspan="{len(columns) + (group is not None)}">… and {more} more</td></tr>'
        )
    return (
        f'{_STYLE}<table class="ilrs-table"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


# ---------------------------------------------------------------------------
# pandas


def dataframe(records: Sequence[Any], record_type: type | None) -> Any:
    """A pandas DataFrame of every column; date windows also as real date columns.

    Raises `ImportError` naming the extra when pandas is not installed.
    """
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
        convert = _SERIES[column.kind]
        data.update(convert(pd, column.name, values))
    return pd.DataFrame(data)


def _dates(pd: Any, values: list[Any]) -> Any:
    return pd.Series([v if v else None for v in values], dtype="datetime64[s]")


def _window_series(pd: Any, name: str, values: list[Any]) -> dict[str, Any]:
    return {
        name: pd.Series([text_cell(v) or None for v in values], dtype="string"),
        f"{name}_earliest": _dates(pd, [v and v.earliest for v in values]),
        f"{name}_latest": _dates(pd, [v and v.latest for v in values]),
        f"{name}_precision": pd.Series([v and v.precision.value for v in values], dtype="string"),
    }


def _int_series(pd: Any, name: str, values: list[Any]) -> dict[str, Any]:
    # pandas' nullable Int64 holds what fits in 64 bits; a bigger number stays an object
    if all(v is None or -(2**63) <= v < 2**63 for v in values):
        return {name: pd.Series(values, dtype="Int64")}
    return {name: pd.Series(values, dtype="object")}


_SERIES: dict[Kind, Callable[[Any, str, list[Any]], dict[str, Any]]] = {
    Kind.WINDOW: _window_series,
    Kind.DATE: lambda pd, name, values: {name: _dates(pd, values)},
    Kind.INT: _int_series,
    Kind.LIST: lambda pd, name, values: {
        name: pd.Series([tuple(text_cell(i) for i in v) for v in values], dtype="object")
    },
    Kind.TEXT: lambda pd, name, values: {
        name: pd.Series([None if v is None else text_cell(v) for v in values], dtype="string")
    },
}


# ---------------------------------------------------------------------------
# one record as a card


def _parts(record: Any) -> tuple[list[tuple[str, Any]], list[tuple[str, Sequence[Any]]]]:
    """A record's plain fields (name, value) and its collections of records."""
    plain: list[tuple[str, Any]] = []
    nested: list[tuple[str, Sequence[Any]]] = []
    record_type: type = type(record)
    for column in columns_for(record_type):
        value = getattr(record, column.field)
        if column.records and column.kind is Kind.LIST:
            nested.append((column.field, value))
        else:
            plain.append((column.name, column.get(record)))
    return plain, nested


def _heading(record: Any) -> str:
    name = getattr(record, "name", None)
    key = getattr(record, "id", None)
    label = type(record).__name__
    if name and key:
        return f"{name} ({label} {key})"
    return f"{label} {key or ''}".strip()


def card_text(record: Any, *, width: int) -> str:
    """One record as readable text: its fields, then each collection as a table or list."""
    import textwrap  # (only to print)

    heading = _heading(record)
    lines = [heading, "=" * min(len(heading), width)]
    plain, nested = _parts(record)
    label_width = max(len(name) for name, _ in plain) + 2 if plain else 0
    for name, value in plain:
        text = " ".join(text_cell(value).split())
        if not text:
            continue
        wrapped = textwrap.wrap(text, max(width - label_width, 20)) or [""]
        lines.append(f"{name + ':':<{label_width}}{wrapped[0]}")
        lines += [" " * label_width + part for part in wrapped[1:]]
    for name, items in nested:
        if not items:
            continue
        lines.append("")
        caption = f"{name.replace('_', ' ')} ({len(items)})"
        if all(hasattr(item, "url") for item in items):
            lines.append(caption)
            for item in items:
                line = f"- {item.publisher}, {item.published}: {item.title}"
                lines += textwrap.wrap(line, width, subsequent_indent="  ")
                lines.append(f"  {item.url}")
        else:
            lines.append(text_table(items, type(items[0]), width=width, caption=caption))
    return "\n".join(lines)


def card_html(record: Any) -> str:
    """One record as an HTML card (for notebooks): fields, tables, and sources as links."""
    from html import escape  # (only to render)

    plain, nested = _parts(record)
    rows = "".join(
        f"<tr><th>{escape(name)}</th><td>{escape(text_cell(value))}</td></tr>"
        for name, value in plain
        if text_cell(value)
    )
    parts = [
        f'{_STYLE}<div class="ilrs-card"><strong>{escape(_heading(record))}</strong>',
        f'<table class="ilrs-table">{rows}</table>',
    ]
    for name, items in nested:
        if not items:
            continue
        caption = f"{name.replace('_', ' ')} ({len(items)})"
        if all(hasattr(item, "url") for item in items):
            links = "".join(
                f'<li><a href="{escape(item.url)}">{escape(item.title)}</a> · '
                f"{escape(item.publisher)}, {escape(str(item.published))}</li>"
                for item in items
            )
            parts.append(f"<div><em>{escape(caption)}</em><ul>{links}</ul></div>")
        else:
            parts.append(html_table(items, type(items[0]), caption=caption))
    parts.append("</div>")
    return "".join(parts)
