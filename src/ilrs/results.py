"""Query results: tuples of records that also convert to plain data."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any, Generic, SupportsIndex, TypeVar, overload

import attrs

from . import _dt
from .dates import DateWindow

__all__ = ["Results", "to_plain"]

T = TypeVar("T")
_new_tuple = tuple.__new__


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
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [to_plain(item) for item in value]
    if attrs.has(type(value)):
        return {
            field.name: to_plain(getattr(value, field.name)) for field in attrs.fields(type(value))
        }
    return value


class Results(tuple[T, ...], Generic[T]):
    """The records a query found, in a stable order: a tuple with conversions.

    Being a tuple, a Results can be indexed, sliced, counted and iterated, and
    it never changes. It also converts to plain dicts (:meth:`to_records`), to
    a pandas DataFrame (:meth:`to_dataframe`) and shows as a table in a
    notebook. ``of`` is the record type, which an empty Results needs to know
    its columns; it is taken from the first record when not given.
    """

    def __new__(cls, iterable: Iterable[T] = (), *, of: type | None = None) -> Results[T]:
        """Collect ``iterable`` into a Results of records of type ``of``."""
        self = super().__new__(cls, iterable)
        object.__setattr__(self, "_of", of if of is not None or not self else type(self[0]))
        return self

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Results are immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Results are immutable; cannot delete {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), tuple(self), self.of))

    @property
    def of(self) -> type | None:
        """The type of the records (None for an empty Results of unknown type)."""
        of: type | None = self.__dict__["_of"]
        return of

    @overload
    def __getitem__(self, index: SupportsIndex) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Results[T]: ...
    def __getitem__(self, index: SupportsIndex | slice) -> T | Results[T]:
        """A record, or a slice of the Results as Results of the same type."""
        if isinstance(index, slice):
            # what __new__ does, without its call: slicing is on the hot path of
            # members_as_of
            part: Results[T] = _new_tuple(Results, tuple.__getitem__(self, index))
            part.__dict__["_of"] = self.__dict__["_of"]
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

        Columns are those of :func:`ilrs.tabular.columns_for`: ids and names as
        text, counts as nullable integers, lists as tuples, and each date
        window ``w`` as its EDTF text ``w`` plus real date columns
        ``w_earliest`` and ``w_latest`` and its ``w_precision``. Raises
        :class:`ImportError` naming the extra when pandas is not installed.
        """
        from .tabular import dataframe

        return dataframe(self, self.of)

    def _repr_html_(self) -> str:
        from .tabular import html_table

        return html_table(self, self.of)

    def __repr__(self) -> str:
        return f"Results({tuple.__repr__(self)})"


def _rebuild(cls: type[Results[Any]], items: tuple[Any, ...], of: type | None) -> Results[Any]:
    return cls(items, of=of)
