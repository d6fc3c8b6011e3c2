"""Reading a bundled data package: its files become typed tables, without checks.

The bundled packages are validated in full by the test suite (a data change
that fails cannot land), so reading them again here checks nothing: each
table is parsed and typed the first time something asks for it. Packages from
elsewhere go through `ilrs.validate` instead.
"""

from __future__ import annotations

import csv
import datetime
import os
from collections.abc import Iterator, Mapping
from typing import Any

from .dates import DateWindow
from .schema import BUNDLED, Schema, read_schema

__all__ = ["Row", "Tables", "read_bundled"]

#: A typed row: field name to value.
Row = dict[str, Any]


class Tables(Mapping[str, tuple[Row, ...]]):
    """The typed rows of a package's tables, by resource name.

    A table given when the mapping is made is kept as it is; any other is
    read from ``directory`` the first time it is asked for. Two threads asking
    at once may both read it, and both get the rows kept first: no lock is
    needed, so none can be left held in a forked child.
    """

    def __init__(
        self,
        schema: Schema,
        *,
        name: str,
        version: str,
        data_as_of: datetime.date,
        directory: str | None = None,
        tables: Mapping[str, tuple[Row, ...]] | None = None,
    ) -> None:
        self.schema = schema
        self.name = name
        self.version = version
        self.data_as_of = data_as_of
        self._directory = directory
        self._tables: dict[str, tuple[Row, ...]] = dict(tables or {})
        self._windows: dict[str, DateWindow] = {}

    def __getitem__(self, name: str) -> tuple[Row, ...]:
        found = self._tables.get(name)
        if found is None:
            found = self._tables.setdefault(name, self._read(name))
        return found

    def _read(self, name: str) -> tuple[Row, ...]:
        resource = self.schema[name]  # (KeyError for an unknown name)
        if self._directory is None:
            raise KeyError(name)
        fields = resource.fields
        path = os.path.join(self._directory, resource.path)
        with open(path, encoding="utf-8", newline="") as file:
            lines = csv.reader(file)
            next(lines)  # the header
            body = [cells for cells in lines if cells]
        if not body:
            return ()
        windows = self._windows
        cells_by_field = zip(*body, strict=True)
        columns = [
            field.column(cells, windows)
            for field, cells in zip(fields, cells_by_field, strict=True)
        ]
        names = resource.names
        return tuple(dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True))

    def __iter__(self) -> Iterator[str]:
        return iter(self.schema)

    def __len__(self) -> int:
        return len(self.schema)


def read_bundled(package: str = "ilrs") -> Tables:
    """The tables of a bundled package (each read on first use), with its version and date."""
    schema, descriptor = read_schema(package)
    return Tables(
        schema,
        name=descriptor["name"],
        version=descriptor["version"],
        data_as_of=datetime.date.fromisoformat(descriptor["ilrs:dataAsOf"]),
        directory=BUNDLED[package],
    )
