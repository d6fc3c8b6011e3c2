"""The canonical table schema, and turning a CSV cell into its typed value.

The bundled package's ``datapackage.json`` is the schema every package must
follow: the same resources, with the same fields in the same order. Each
field's Table Schema descriptor says its type (``string``, ``integer``,
``date``, ``list``) and its constraints; ilrs's own properties mark EDTF
date windows (``ilrs:edtf``), ISO country codes (``ilrs:country``), list
items from a closed set (``ilrs:itemEnum``) and dates that may not be after
the data's date (``ilrs:notAfterAsOf``).

`Field.value` converts a cell that is known to be good (the bundled package,
validated by the test suite); `Field.check` says what is wrong with a cell
first, and then converts it the same way.
"""

from __future__ import annotations

import datetime
import functools
import json
import os
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from .dates import DateWindow

__all__ = [
    "BUNDLED",
    "DESCRIPTOR",
    "MAX_INTEGER",
    "YEARS",
    "CellError",
    "Field",
    "Resource",
    "Schema",
    "alpha2",
    "canonical",
    "lookup_key",
    "lookup_keys",
    "read_schema",
    "schema_of",
]

#: The name of a package's descriptor file.
DESCRIPTOR = "datapackage.json"
_HERE = os.path.dirname(os.path.abspath(__file__))
#: The bundled packages, by name: their directories inside the installed ``ilrs``.
BUNDLED = {"ilrs": os.path.join(_HERE, "data"), "artemis": os.path.join(_HERE, "artemis")}
#: The largest integer a cell may hold (and its negative the smallest).
MAX_INTEGER = 10**9
#: The years a date or a date window may fall in.
YEARS = (1900, 2200)


class CellError(ValueError):
    """A cell's text is not a value of its field; the message says why."""


def _iso_date(text: str) -> datetime.date:
    """A ``YYYY-MM-DD`` date, read the same way on every Python version."""
    if not (len(text) == 10 and text[4] == text[7] == "-" and text.isascii()):
        raise ValueError(text)
    digits = text[:4] + text[5:7] + text[8:]
    if not digits.isdigit():
        raise ValueError(text)
    return datetime.date.fromisoformat(text)


def _is_integer_text(text: str) -> bool:
    """Plain ASCII digits with an optional leading minus: no ``+``, ``_``, spaces or others."""
    digits = text[1:] if text.startswith("-") else text
    return 0 < len(digits) <= 10 and digits.isascii() and digits.isdigit()


def _is_http_url(text: str) -> bool:
    """An http(s) URL with a host and nothing that does not belong in a URL."""
    scheme, sep, rest = text.partition("://")
    if not sep or scheme not in ("http", "https"):
        return False
    host = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].rsplit("@", 1)[-1]
    host = host.split(":", 1)[0]
    return bool(host) and "." in host.strip(".") and not any(c.isspace() for c in text)


@attrs.frozen(kw_only=True)
class Field:
    """One field (column) of a resource, from its Table Schema descriptor."""

    name: str
    type: str
    required: bool
    unique: bool
    pattern: str | None
    enum: tuple[str, ...] | None
    minimum: int | None
    maximum: int | None
    delimiter: str
    item_enum: tuple[str, ...] | None
    edtf: bool
    uri: bool
    country: bool
    not_after_as_of: bool

    @classmethod
    def from_descriptor(cls, field: Mapping[str, Any]) -> Field:
        """Build from one entry of a resource's ``schema.fields``."""
        constraints = field.get("constraints", {})
        enum = constraints.get("enum")
        items = field.get("ilrs:itemEnum")
        return cls(
            name=field["name"],
            type=field.get("type", "string"),
            required=bool(constraints.get("required")),
            unique=bool(constraints.get("unique")),
            pattern=constraints.get("pattern"),
            enum=None if enum is None else tuple(enum),
            minimum=constraints.get("minimum"),
            maximum=constraints.get("maximum"),
            delimiter=field.get("delimiter", ","),
            item_enum=None if items is None else tuple(items),
            edtf=bool(field.get("ilrs:edtf")),
            uri=field.get("format") == "uri",
            country=bool(field.get("ilrs:country")),
            not_after_as_of=bool(field.get("ilrs:notAfterAsOf")),
        )

    @property
    def default(self) -> Any:
        """The value of an empty cell."""
        return () if self.type == "list" else None

    def value(self, text: str, windows: dict[str, DateWindow]) -> Any:
        """The typed value of a good cell (``windows`` shares equal date windows)."""
        if not text:
            return self.default
        if self.type == "list":
            return tuple(item.strip() for item in text.split(self.delimiter))
        if self.type == "integer":
            return int(text)
        if self.type == "boolean":
            return text == "true"
        if self.type == "date":
            return _iso_date(text)
        if self.edtf:
            window = windows.get(text)
            if window is None:
                window = windows[text] = DateWindow.parse(text)
            return window
        return text

    def column(self, cells: Sequence[str], windows: dict[str, DateWindow]) -> list[Any]:
        """The typed values of a column of good cells (as `value` gives them, faster)."""
        if self.type == "string" and not self.edtf:
            return [cell or None for cell in cells]
        value = self.value
        return [value(cell, windows) for cell in cells]

    def check(
        self,
        text: str,
        windows: dict[str, DateWindow],
        is_country: Callable[[str], bool],
    ) -> Any:
        """The typed value of a cell; `CellError` saying what is wrong if it is bad."""
        if self.required and not text.strip():
            raise CellError("is required but empty" if not text else "is required but blank")
        if not text:
            return self.default
        if self.type == "list":
            items = tuple(item.strip() for item in text.split(self.delimiter))
            if "" in items:
                raise CellError(f"empty item in list {text!r}")
            if self.item_enum is not None:
                for item in items:
                    if item not in self.item_enum:
                        expected = ", ".join(self.item_enum)
                        raise CellError(f"unknown value {item!r}; expected one of: {expected}")
            return items
        if self.pattern is not None and not _pattern(self.pattern)(text):
            raise CellError(f"{text!r} does not match the pattern {self.pattern!r}")
        if self.enum is not None and text not in self.enum:
            raise CellError(f"unknown value {text!r}; expected one of: {', '.join(self.enum)}")
        if self.type == "integer":
            return self._integer(text)
        if self.type == "boolean":
            if text not in ("true", "false"):
                raise CellError(f"{text[:20]!r} is not a boolean; expected true or false")
            return text == "true"
        if self.type == "date":
            try:
                day = _iso_date(text)
            except ValueError:
                raise CellError(f"{text!r} is not a real date in YYYY-MM-DD form") from None
            if not YEARS[0] <= day.year <= YEARS[1]:
                raise CellError(f"{text!r} is outside the years {YEARS[0]} to {YEARS[1]}")
            return day
        if self.edtf:
            try:
                window: DateWindow = self.value(text, windows)
            except ValueError as exc:
                raise CellError(str(exc)) from None
            first = window.earliest or window.latest
            if first.year < YEARS[0] or window.latest.year > YEARS[1]:
                raise CellError(f"{text!r} is outside the years {YEARS[0]} to {YEARS[1]}")
            return window
        if self.uri and not _is_http_url(text):
            raise CellError(f"{text!r} is not an http(s) URL with a host")
        if self.country and not is_country(text):
            raise CellError(f"{text!r} is not an ISO 3166-1 alpha-3 country code")
        return text

    def _integer(self, text: str) -> int:
        if not _is_integer_text(text):
            raise CellError(f"{text[:20]!r} is not an integer in plain digits")
        number = int(text)
        low = -MAX_INTEGER if self.minimum is None else self.minimum
        high = MAX_INTEGER if self.maximum is None else self.maximum
        if number < low:
            raise CellError(f"{number} is below the minimum {low}")
        if number > high:
            raise CellError(f"{number} is above the maximum {high}")
        return number


@functools.cache
def _pattern(pattern: str) -> Callable[[str], bool]:
    fullmatch = re.compile(pattern).fullmatch
    return lambda text: fullmatch(text) is not None


@attrs.frozen(kw_only=True)
class Resource:
    """One resource (table) of the schema: its name, file, fields and keys."""

    name: str
    path: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    #: Each foreign key as (field, referenced resource, referenced field).
    foreign_keys: tuple[tuple[str, str, str], ...]

    @classmethod
    def from_descriptor(cls, resource: Mapping[str, Any]) -> Resource:
        """Build from one entry of a descriptor's ``resources``."""
        schema = resource["schema"]
        key = schema.get("primaryKey", [])
        return cls(
            name=resource["name"],
            path=resource["path"],
            fields=tuple(Field.from_descriptor(field) for field in schema["fields"]),
            primary_key=(key,) if isinstance(key, str) else tuple(key),
            foreign_keys=tuple(
                (fk["fields"], fk["reference"]["resource"], fk["reference"]["fields"])
                for fk in schema.get("foreignKeys", [])
            ),
        )

    @property
    def names(self) -> tuple[str, ...]:
        """The field names, in order (the CSV header)."""
        return tuple(field.name for field in self.fields)


#: The resources of a package, by name, in the descriptor's order.
Schema = Mapping[str, Resource]


def schema_of(descriptor: Mapping[str, Any]) -> dict[str, Resource]:
    """The resources of a parsed ``datapackage.json`` known to be well formed."""
    resources = (Resource.from_descriptor(entry) for entry in descriptor["resources"])
    return {resource.name: resource for resource in resources}


def lookup_key(text: str) -> str:
    """A key as lookups compare it: Unicode-normalized (NFKC), without case or whitespace."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def alpha2(code: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of an alpha-3 ``code``; None if no country has it.

    pycountry is imported on the first call, not with this module.
    """
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    return None if country is None else str(country.alpha_2)


def lookup_keys(row: Mapping[str, Any]) -> list[tuple[str, str]]:
    """What a ``signatories`` or ``missions`` row is looked up by, each with its kind.

    Its id, its name, every alias and, for a state, its ISO alpha-3 code:
    `Dataset.get` and `Dataset.mission` index these, and `ilrs.validate`
    requires each (compared as `lookup_key` folds it) to name one record.
    """
    keys = [("id", row["id"]), ("name", row["name"])]
    keys += [("alias", alias) for alias in row["aliases"]]
    if row.get("type") == "country" and row["country_code"]:
        keys.append(("ISO code", row["country_code"]))
    return keys


def read_schema(package: str) -> tuple[Schema, dict[str, Any]]:
    """The schema and the descriptor of a bundled package (``"ilrs"`` or ``"artemis"``).

    Both bundled packages follow the one canonical schema; the test suite
    checks that their descriptors agree on every resource and field.
    """
    with open(os.path.join(BUNDLED[package], DESCRIPTOR), encoding="utf-8") as file:
        descriptor = json.load(file)
    return schema_of(descriptor), descriptor


@functools.cache
def canonical() -> Schema:
    """The schema every package must follow: that of the bundled ILRS package."""
    return read_schema("ilrs")[0]
