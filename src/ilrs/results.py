"""Query results: tuples of records that know where they came from, and show as tables."""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable
from typing import Any, Generic, SupportsIndex, TypeVar, overload

import attrs

from .dates import DateWindow
from .tabular import dataframe, html_table, text_table

__all__ = ["Groups", "Query", "Results", "sliced", "to_plain"]

T = TypeVar("T")
K = TypeVar("K")

#: A query as made: its name, arguments and keyword arguments (formatted only when shown).
Query = tuple[str, tuple[Any, ...], dict[str, Any]]


def _shown(value: Any) -> str:
    if isinstance(value, datetime.date):
        return repr(value.isoformat())
    return repr(getattr(value, "value", getattr(value, "id", value)))


def _format(query: str | Query | None) -> str | None:
    """A query as the call that made it: ``members_as_of('2024-06-01', type='country')``."""
    if query is None or isinstance(query, str):
        return query
    name, args, kwargs = query
    parts = [_shown(arg) for arg in args]
    parts += [f"{key}={_shown(value)}" for key, value in kwargs.items() if value is not None]
    return f"{name}({', '.join(parts)})"


def to_plain(value: Any) -> Any:
    """Turn a record (or any value inside one) into JSON-ready plain data.

    Records become dicts, tuples become lists, date windows their EDTF text,
    dates ISO text and enums their values. Every call builds new objects, so
    changing what it returns never changes a record.
    """
    if isinstance(value, DateWindow):
        return value.edtf
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [to_plain(item) for item in value]
    if attrs.has(type(value)):
        return {
            field.name: to_plain(getattr(value, field.name)) for field in attrs.fields(type(value))
        }
    return value


class Results(tuple[T, ...], Generic[T]):
    """The records a query found, in a stable order: a tuple that shows as a table.

    Being a tuple, a Results can be indexed, sliced, counted and iterated, and
    it never changes; it equals the plain tuple of the same records. It also
    knows what it holds (`of`, which an empty Results needs for its columns),
    which query made it (`query`) and the data it came from (`version`,
    `as_of`). `print` shows a table fitted to the terminal under a caption
    saying all that; a notebook shows the same as HTML. It converts to plain
    dicts (`to_records`) and to a pandas DataFrame (`to_dataframe`).
    """

    def __new__(
        cls,
        iterable: Iterable[T] = (),
        *,
        of: type | None = None,
        query: str | Query | None = None,
        package: str | None = None,
        version: str | None = None,
        as_of: datetime.date | None = None,
    ) -> Results[T]:
        """Collect ``iterable`` into a Results of records of type ``of``."""
        self = super().__new__(cls, iterable)
        state = self.__dict__
        state["_of"] = of if of is not None or not self else type(self[0])
        state["_query"] = query
        state["_package"] = package
        state["_version"] = version
        state["_as_of"] = as_of
        return self

    @classmethod
    def of_type(cls, items: Iterable[T], of: type) -> Results[T]:
        """``items`` as a Results of ``of``; a Results of ``of`` is returned as it is."""
        if isinstance(items, Results) and items.of is of:
            return items
        return cls(items, of=of)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Results are immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Results are immutable; cannot delete {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), tuple(self), self.__dict__.copy()))

    @property
    def of(self) -> type | None:
        """The type of the records (None for an empty Results of unknown type)."""
        of: type | None = self.__dict__["_of"]
        return of

    @property
    def query(self) -> str | None:
        """The query that made these results, as a call (``members_as_of('2024-06-01')``)."""
        return _format(self.__dict__["_query"])

    @property
    def package(self) -> str | None:
        """The name of the data package these results came from, when known."""
        package: str | None = self.__dict__["_package"]
        return package

    @property
    def version(self) -> str | None:
        """The version of the data these results came from, when known."""
        version: str | None = self.__dict__["_version"]
        return version

    @property
    def as_of(self) -> datetime.date | None:
        """The date the data these results came from is current to, when known."""
        as_of: datetime.date | None = self.__dict__["_as_of"]
        return as_of

    @overload
    def __getitem__(self, index: SupportsIndex) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Results[T]: ...
    def __getitem__(self, index: SupportsIndex | slice) -> T | Results[T]:
        """A record, or a slice of the Results as Results of the same kind."""
        if isinstance(index, slice):
            part: Results[T] = tuple.__new__(Results, tuple.__getitem__(self, index))
            part.__dict__.update(self.__dict__)
            return part
        return tuple.__getitem__(self, index)

    def to_records(self) -> list[dict[str, Any]]:
        """Plain, JSON-ready dicts, one per record (dates as ISO / EDTF text).

        Nested records (a signatory's agreements, their sources) are nested
        dicts. Every call builds new objects.
        """
        return [to_plain(record) for record in self]

    def to_dataframe(self) -> Any:
        """A pandas DataFrame, one row per record (needs ``pip install 'ilrs[pandas]'``).

        Columns are those of `ilrs.tabular.columns_for`: ids and names as text,
        counts as nullable integers, lists as tuples, nested records as their
        ids, and each date window ``w`` as its EDTF text ``w`` plus real date
        columns ``w_earliest`` and ``w_latest`` and its ``w_precision``.
        Raises `ImportError` naming the extra when pandas is not installed.
        """
        return dataframe(self, self.of)

    @property
    def caption(self) -> str:
        """What the table shows: how many records of what, the query, and the data."""
        count = len(self)
        noun = f"{self.of.__name__} record" if self.of is not None else "record"
        return _caption(f"{count} {noun}{'' if count == 1 else 's'}", self.query, self)

    def to_text(self, width: int | None = None, *, max_rows: int | None = 60) -> str:
        """The table `print` shows, ``width`` columns wide (the terminal's by default)."""
        return text_table(
            self, self.of, width=_width(width), caption=self.caption, max_rows=max_rows
        )

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        return html_table(self, self.of, caption=self.caption)


class Groups(dict[K, "Results[T]"]):
    """Results split into groups (by signatory type, say): a dict that shows as one table.

    It is a plain, new `dict` from each key to a `Results`, so changing it
    changes nothing for the next caller. `print` shows one table with a
    ``group`` column and a caption saying how many records each group holds;
    a notebook shows the same as HTML. `to_dataframe` gives one DataFrame
    with a ``group`` column.
    """

    def __init__(
        self, groups: Iterable[tuple[K, Results[T]]] = (), *, query: str | Query | None = None
    ):
        """Collect ``(key, results)`` pairs; ``query`` is the call that made them."""
        super().__init__(groups)
        self.query = _format(query)

    def _all(self) -> tuple[Results[Any], list[str]]:
        """Every record of every group, in group order, and each one's group name."""
        records: list[Any] = []
        names: list[str] = []
        of: type | None = None
        origin: Results[Any] | None = None
        for key, results in self.items():
            name = str(getattr(key, "value", key))
            records += results
            names += [name] * len(results)
            of = of or results.of
            origin = origin or (results if results.version else None)
        if origin is None:
            return Results(records, of=of), names
        return Results(
            records,
            of=of,
            package=origin.package,
            version=origin.version,
            as_of=origin.as_of,
        ), names

    @property
    def caption(self) -> str:
        """How many records each group holds, the query, and the data."""
        everything, _ = self._all()
        sizes = ", ".join(f"{getattr(k, 'value', k)} {len(v)}" for k, v in self.items())
        head = f"{len(everything)} records in {len(self)} groups ({sizes})"
        return _caption(head, self.query, everything)

    def to_text(self, width: int | None = None, *, max_rows: int | None = 60) -> str:
        """One table of every group (a ``group`` column first), ``width`` columns wide."""
        everything, names = self._all()
        return text_table(
            everything,
            everything.of,
            width=_width(width),
            caption=self.caption,
            max_rows=max_rows,
            group=names,
        )

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        everything, names = self._all()
        return html_table(everything, everything.of, caption=self.caption, group=names)

    def to_dataframe(self) -> Any:
        """One pandas DataFrame of every group's records, with a ``group`` column first."""
        everything, names = self._all()
        frame = dataframe(everything, everything.of)
        frame.insert(0, "group", names)
        return frame


def sliced(results: Results[T], index: slice, query: str | Query | None) -> Results[T]:
    """A slice of ``results``, from the same data, made by ``query`` (one copy of the items)."""
    part: Results[T] = tuple.__new__(Results, tuple.__getitem__(results, index))
    part.__dict__.update(results.__dict__)
    part.__dict__["_query"] = query
    return part


def _caption(head: str, query: str | None, origin: Results[Any]) -> str:
    """A table's caption: what it holds, the query, and the data it came from."""
    parts = [head]
    if query:
        parts.append(query)
    if origin.version and origin.as_of:
        data = origin.package or "ilrs"
        parts.append(f"{data} data {origin.version}, as of {origin.as_of.isoformat()}")
    return " · ".join(parts)


def _width(width: int | None) -> int:
    """``width``, or the terminal's when it is None."""
    if width is not None:
        return width
    import shutil  # (only to print)

    return shutil.get_terminal_size().columns


def _rebuild(
    cls: type[Results[Any]], items: tuple[Any, ...], state: dict[str, Any]
) -> Results[Any]:
    self = cls(items)
    self.__dict__.update(state)
    return self
