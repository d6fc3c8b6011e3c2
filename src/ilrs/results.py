"""Query results: tuples of records that also convert to plain data."""

from __future__ import annotations

import datetime as _dt
import enum
from typing import Any, Generic, TypeVar

import attrs

from .dates import DateWindow

__all__ = ["Results", "to_plain"]

T = TypeVar("T")


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
    """The records a query found, in a stable order: a tuple with conversions."""

    __slots__ = ()

    def to_records(self) -> list[dict[str, Any]]:
        """Plain, JSON-ready dicts, one per record (dates as ISO / EDTF text)."""
        return [to_plain(record) for record in self]

    def __repr__(self) -> str:
        return f"Results({tuple.__repr__(self)})"
