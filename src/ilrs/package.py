"""Reading and validating an ilrs data package.

A data package is a directory with a Frictionless ``datapackage.json`` and one
CSV file per resource. The bundled package (``ilrs/data``) defines the
canonical layout: every package read here must have the same resources and
columns, and its rows are checked against the bundled schema (types, required
fields, enums, patterns, EDTF windows, ISO codes, primary and foreign keys)
and against the rules no schema language can say (a signatory's ``joined``
agrees with its first agreement, every record is sourced, ...).

Every problem found is collected; if there is any, :class:`~ilrs.errors.DataError`
is raised with all of them and nothing is returned. Nothing in the data is
ever executed: JSON and CSV are parsed as text only.
"""

from __future__ import annotations

import csv
import datetime as _dt
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import PurePosixPath
from typing import Any

import attrs

from .dates import DateWindow
from .errors import DataError, Problem

__all__ = ["PackageData", "check_path", "read_bundled", "read_path"]

Row = dict[str, Any]
Opener = Callable[[str], str]
Converter = Callable[[str], Any]

DESCRIPTOR = "datapackage.json"


@attrs.frozen(kw_only=True)
class PackageData:
    """The validated, typed rows of a data package, by resource name."""

    version: str
    data_as_of: _dt.date
    tables: Mapping[str, tuple[Row, ...]]


# ---------------------------------------------------------------------------
# the canonical schema: the bundled descriptor


def _bundled_opener() -> Opener:
    from importlib.resources import files  # imported on first load only

    root = files("ilrs").joinpath("data")

    def open_text(name: str) -> str:
        return root.joinpath(name).read_text(encoding="utf-8")

    return open_text


_CANONICAL: dict[str, Any] | None = None


def _canonical(open_bundled: Opener | None = None) -> dict[str, Any]:
    global _CANONICAL
    if _CANONICAL is None:
        opener = open_bundled or _bundled_opener()
        _CANONICAL = json.loads(opener(DESCRIPTOR))
    return _CANONICAL


# ---------------------------------------------------------------------------
# cell converters, compiled from field descriptors


class _CellError(ValueError):
    pass


def _country_checker() -> Callable[[str], bool]:
    import pycountry  # imported only when a package's ISO codes are checked

    def valid(code: str) -> bool:
        return pycountry.countries.get(alpha_3=code) is not None

    return valid


def _compile(field: Mapping[str, Any], check_country: Callable[[str], bool] | None) -> Converter:
    kind = field.get("type", "string")
    constraints = field.get("constraints", {})
    pattern = re.compile(constraints["pattern"]) if "pattern" in constraints else None
    allowed = constraints.get("enum")
    minimum = constraints.get("minimum")
    item_enum = field.get("ilrs:itemEnum")

    def convert(text: str) -> Any:
        if kind == "list":
            items = tuple(item.strip() for item in text.split(field.get("delimiter", ",")))
            if any(not item for item in items):
                raise _CellError(f"empty item in list {text!r}")
            if item_enum is not None:
                for item in items:
                    if item not in item_enum:
                        raise _CellError(
                            f"unknown value {item!r}; expected one of: {', '.join(item_enum)}"
                        )
            return items
        if pattern is not None and not pattern.fullmatch(text):
            raise _CellError(f"{text!r} does not match the pattern {pattern.pattern!r}")
        if allowed is not None and text not in allowed:
            raise _CellError(f"unknown value {text!r}; expected one of: {', '.join(allowed)}")
        if kind == "integer":
            try:
                number = int(text)
            except ValueError:
                raise _CellError(f"{text!r} is not an integer") from None
            if minimum is not None and number < minimum:
                raise _CellError(f"{number} is below the minimum {minimum}")
            return number
        if kind == "date":
            try:
                return _dt.date.fromisoformat(text)
            except ValueError:
                raise _CellError(f"{text!r} is not a real date in YYYY-MM-DD form") from None
        if field.get("ilrs:edtf"):
            try:
                return DateWindow.parse(text)
            except ValueError as exc:
                raise _CellError(str(exc)) from None
        if field.get("format") == "uri" and not text.startswith(("https://", "http://")):
            raise _CellError(f"{text!r} is not an http(s) URL")
        if field.get("ilrs:country") and check_country is not None and not check_country(text):
            raise _CellError(f"{text!r} is not an ISO 3166-1 alpha-3 country code")
        return text

    return convert


# ---------------------------------------------------------------------------
# reading


class _Reader:
    """Collects problems while reading one package."""

    def __init__(self, opener: Opener, *, check_countries: bool) -> None:
        self.opener = opener
        self.problems: list[Problem] = []
        self.check_country = _country_checker() if check_countries else None

    def problem(
        self, file: str, message: str, record: str | None = None, field: str | None = None
    ) -> None:
        self.problems.append(Problem(file=file, record=record, field=field, message=message))

    def read_text(self, name: str) -> str | None:
        try:
            return self.opener(name)
        except FileNotFoundError:
            self.problem(name, "file is missing")
        except UnicodeDecodeError as exc:
            self.problem(name, f"file is not UTF-8 text ({exc.reason} at byte {exc.start})")
        except OSError as exc:
            self.problem(name, f"file cannot be read ({exc.strerror or exc})")
        return None

    def descriptor(self) -> dict[str, Any] | None:
        text = self.read_text(DESCRIPTOR)
        if text is None:
            return None
        try:
            descriptor = json.loads(text)
        except json.JSONDecodeError as exc:
            self.problem(DESCRIPTOR, f"does not parse as JSON ({exc})")
            return None
        if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
            self.problem(DESCRIPTOR, "expected a JSON object with a 'resources' list")
            return None
        return descriptor

    def table(self, resource: Mapping[str, Any], path: str) -> list[Row]:
        text = self.read_text(path)
        if text is None:
            return []
        fields = resource["schema"]["fields"]
        names = [field["name"] for field in fields]
        try:
            lines = list(csv.reader(text.splitlines(), strict=True))
        except csv.Error as exc:
            self.problem(path, f"does not parse as CSV ({exc})")
            return []
        if not lines:
            self.problem(path, f"is empty; expected the header {','.join(names)}")
            return []
        header = lines[0]
        if header != names:
            missing = [name for name in names if name not in header]
            extra = [name for name in header if name not in names]
            detail = []
            if missing:
                detail.append(f"missing columns {missing}")
            if extra:
                detail.append(f"unexpected columns {extra}")
            if not detail:
                detail.append(f"columns out of order; expected {names}")
            self.problem(path, "bad header: " + "; ".join(detail))
            return []
        converters = [_compile(field, self.check_country) for field in fields]
        required = [bool(field.get("constraints", {}).get("required")) for field in fields]
        empty_default = [() if field.get("type") == "list" else None for field in fields]
        key_field = _key_fields(resource)
        rows: list[Row] = []
        for number, cells in enumerate(lines[1:], start=2):
            if not cells:
                continue
            if len(cells) != len(names):
                self.problem(
                    path, f"has {len(cells)} cells, expected {len(names)}", record=f"line {number}"
                )
                continue
            row: Row = {}
            label = _label(cells, names, key_field, number)
            for name, cell, convert, needed, default in zip(
                names, cells, converters, required, empty_default, strict=True
            ):
                if cell == "":
                    if needed:
                        self.problem(path, "is required but empty", record=label, field=name)
                    row[name] = default
                    continue
                try:
                    row[name] = convert(cell)
                except _CellError as exc:
                    self.problem(path, str(exc), record=label, field=name)
                    row[name] = default
            rows.append(row)
        return rows


def _key_fields(resource: Mapping[str, Any]) -> list[str]:
    key = resource["schema"].get("primaryKey", [])
    return [key] if isinstance(key, str) else list(key)


def _label(cells: list[str], names: list[str], key_fields: list[str], number: int) -> str:
    values = [cells[names.index(name)] for name in key_fields if name in names]
    if values and all(values):
        return repr("/".join(values)) if len(values) > 1 else repr(values[0])
    return f"line {number}"


def _key(row: Row, fields: list[str]) -> tuple[Any, ...]:
    return tuple(row[field] for field in fields)


def _safe_path(path: object) -> str | None:
    if not isinstance(path, str) or not path:
        return None
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or "\\" in path:
        return None
    return path


def read(opener: Opener, *, check_countries: bool) -> tuple[PackageData | None, list[Problem]]:
    """Read and check a package; return its data (``None`` if defective) and its problems."""
    reader = _Reader(opener, check_countries=check_countries)
    descriptor = reader.descriptor()
    if descriptor is None:
        return None, reader.problems
    version = descriptor.get("version")
    if not isinstance(version, str) or not version:
        reader.problem(DESCRIPTOR, "needs a non-empty 'version'", field="version")
    as_of: _dt.date | None = None
    try:
        as_of = _dt.date.fromisoformat(str(descriptor.get("ilrs:dataAsOf")))
    except ValueError:
        reader.problem(
            DESCRIPTOR, "needs 'ilrs:dataAsOf' as a YYYY-MM-DD date", field="ilrs:dataAsOf"
        )
    paths: dict[str, str] = {}
    for entry in descriptor["resources"]:
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            safe = _safe_path(entry.get("path"))
            if safe is None:
                reader.problem(
                    DESCRIPTOR,
                    f"resource path {entry.get('path')!r} must be a relative path inside "
                    "the package",
                    record=repr(entry["name"]),
                    field="path",
                )
            else:
                paths[entry["name"]] = safe
    canonical = _canonical()
    tables: dict[str, list[Row]] = {}
    files: dict[str, str] = {}
    for resource in canonical["resources"]:
        name = resource["name"]
        if name not in paths:
            reader.problem(DESCRIPTOR, f"has no resource named {name!r}", field="resources")
            continue
        files[name] = paths[name]
        tables[name] = reader.table(resource, paths[name])
    if reader.problems:
        return None, reader.problems
    _check_keys(reader, canonical, tables, files)
    assert as_of is not None and isinstance(version, str)
    _check_dates(reader, canonical, tables, files, as_of)
    _check_rules(reader, tables, files)
    if reader.problems:
        return None, reader.problems
    frozen = {name: tuple(rows) for name, rows in tables.items()}
    return PackageData(version=version, data_as_of=as_of, tables=frozen), []


def _check_keys(
    reader: _Reader,
    canonical: Mapping[str, Any],
    tables: Mapping[str, list[Row]],
    files: Mapping[str, str],
) -> None:
    keys: dict[str, set[tuple[Any, ...]]] = {}
    for resource in canonical["resources"]:
        name, schema = resource["name"], resource["schema"]
        fields = _key_fields(resource)
        seen: set[tuple[Any, ...]] = set()
        for row in tables[name]:
            key = _key(row, fields)
            if key in seen:
                reader.problem(
                    files[name],
                    f"duplicate primary key {'/'.join(map(str, key))!r}",
                    record=repr("/".join(map(str, key))),
                    field=",".join(fields),
                )
            seen.add(key)
        keys[name] = seen
        for field in schema["fields"]:
            if field.get("constraints", {}).get("unique") and [field["name"]] != fields:
                counts = Counter(row[field["name"]] for row in tables[name])
                for value in sorted(v for v, n in counts.items() if n > 1 and v is not None):
                    reader.problem(
                        files[name], f"value {value!r} is not unique", field=field["name"]
                    )
    for resource in canonical["resources"]:
        name = resource["name"]
        pk = _key_fields(resource)
        for foreign in resource["schema"].get("foreignKeys", []):
            field = foreign["fields"]
            target = foreign["reference"]["resource"]
            known = keys[target]
            for row in tables[name]:
                value = row[field]
                if value is not None and (value,) not in known:
                    reader.problem(
                        files[name],
                        f"refers to {value!r}, which is not an id in {files[target]}",
                        record=repr("/".join(map(str, _key(row, pk)))),
                        field=field,
                    )


def _check_dates(
    reader: _Reader,
    canonical: Mapping[str, Any],
    tables: Mapping[str, list[Row]],
    files: Mapping[str, str],
    as_of: _dt.date,
) -> None:
    for resource in canonical["resources"]:
        name = resource["name"]
        pk = _key_fields(resource)
        for field in resource["schema"]["fields"]:
            if not field.get("ilrs:notAfterAsOf"):
                continue
            for row in tables[name]:
                value = row[field["name"]]
                last = value.latest if isinstance(value, DateWindow) else value
                if last is not None and last > as_of:
                    reader.problem(
                        files[name],
                        f"{value} reaches past the data's date {as_of}",
                        record=repr("/".join(map(str, _key(row, pk)))),
                        field=field["name"],
                    )


def _by(rows: Iterable[Row], field: str) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        grouped.setdefault(row[field], []).append(row)
    return grouped


def _check_rules(
    reader: _Reader, tables: Mapping[str, list[Row]], files: Mapping[str, str]
) -> None:
    """The rules a Table Schema cannot express."""
    sig_file = files["signatories"]
    agreements = _by(tables["agreements"], "signatory_id")
    own_sources = _by(tables["signatory_sources"], "signatory_id")
    agreement_sources = _by(tables["agreement_sources"], "agreement_id")
    names: dict[str, str] = {}
    for row in tables["signatories"]:
        sid = row["id"]
        mine = agreements.get(sid, [])
        evidence = row["evidence"]
        if mine:
            first = min((a["signed"] for a in mine), key=lambda w: w.sort_key)
            if row["joined"] != first:
                reader.problem(
                    sig_file,
                    f"joined is {row['joined']} but its first agreement was signed {first}",
                    record=repr(sid),
                    field="joined",
                )
            if evidence == "listed":
                reader.problem(
                    sig_file, "evidence 'listed' but it has agreements", repr(sid), "evidence"
                )
        elif evidence == "signed":
            reader.problem(
                sig_file, "evidence 'signed' but it has no agreement", repr(sid), "evidence"
            )
        if evidence == "listed" and row["joined"].earliest is not None:
            reader.problem(
                sig_file,
                "a listed signatory's joined must be ../DATE of the list",
                repr(sid),
                "joined",
            )
        if sid not in own_sources and not any(a["id"] in agreement_sources for a in mine):
            reader.problem(
                sig_file,
                "cites no source (in signatory_sources or through an agreement)",
                repr(sid),
            )
        for key in (row["name"], *row["aliases"]):
            folded = key.casefold()
            other = names.setdefault(folded, sid)
            if other != sid:
                reader.problem(
                    sig_file,
                    f"name or alias {key!r} is also used by {other!r}",
                    repr(sid),
                    "aliases",
                )
    for sid in {row["id"] for row in tables["signatories"]}:
        owner = names.get(sid.casefold())
        if owner is not None and owner != sid:
            reader.problem(
                sig_file, f"its id {sid!r} is a name or alias of {owner!r}", repr(sid), "id"
            )

    for row in tables["agreements"]:
        announced, signed = row["announced"], row["signed"]
        if announced is not None and announced.latest < (signed.earliest or signed.latest):
            reader.problem(
                files["agreements"],
                f"announced {announced} before it was signed {signed}",
                repr(row["id"]),
                "announced",
            )
    for table, link, key in (
        ("agreements", "agreement_sources", "agreement_id"),
        ("missions", "mission_sources", "mission_id"),
        ("plans", "plan_sources", "plan_id"),
        ("exclusions", "exclusion_sources", "exclusion_id"),
        ("gaps", "gap_sources", "gap_id"),
    ):
        cited = {row[key] for row in tables[link]}
        for row in tables[table]:
            if row["id"] not in cited:
                reader.problem(files[table], f"cites no source in {files[link]}", repr(row["id"]))

    members = {row["country_code"] for row in tables["signatories"] if row["type"] == "country"}
    for row in tables["exclusions"]:
        if row["country_code"] is not None and row["country_code"] in members:
            reader.problem(
                files["exclusions"],
                f"{row['country_code']} is also a member state",
                repr(row["id"]),
                "country_code",
            )
    orders: set[tuple[str, int]] = set()
    for row in tables["phases"]:
        start, end = row["start_year"], row["end_year"]
        if start is not None and end is not None and end < start:
            reader.problem(
                files["phases"],
                f"ends ({row['end_year']}) before it starts ({row['start_year']})",
                repr(row["id"]),
                "end_year",
            )
        if (row["plan_id"], row["order"]) in orders:
            reader.problem(
                files["phases"],
                f"order {row['order']} repeats in plan {row['plan_id']!r}",
                repr(row["id"]),
                "order",
            )
        orders.add((row["plan_id"], row["order"]))
    for row in tables["official_counts"]:
        if all(row[key] is None for key in ("countries_and_orgs", "institutions", "total")):
            reader.problem(files["official_counts"], "gives no number", repr(row["id"]))


# ---------------------------------------------------------------------------
# entry points


def read_bundled() -> PackageData:
    """Read the bundled package (ISO codes are checked by the test suite, not here)."""
    opener = _bundled_opener()
    _canonical(opener)
    data, problems = read(opener, check_countries=False)
    if data is None:
        raise DataError(problems)
    return data


def _path_opener(path: str | Any) -> Opener:
    from pathlib import Path

    root = Path(path)
    if not root.is_dir():
        raise FileNotFoundError(f"{str(path)!r} is not a directory holding a {DESCRIPTOR}")

    def open_text(name: str) -> str:
        return (root / name).read_text(encoding="utf-8")

    return open_text


def check_path(path: str | Any) -> list[Problem]:
    """Every problem of the package in directory ``path`` (empty when it is valid)."""
    _, problems = read(_path_opener(path), check_countries=True)
    return problems


def read_path(path: str | Any) -> PackageData:
    """Read and fully validate the package in directory ``path``; raise DataError if defective."""
    data, problems = read(_path_opener(path), check_countries=True)
    if data is None:
        raise DataError(problems)
    return data
