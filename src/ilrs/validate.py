"""Validating a data package from anywhere: typed tables, or every problem it has.

A package is a directory with a ``datapackage.json`` and one CSV file per
resource, laid out like the bundled one (`ilrs.schema.canonical`). Every file
is read once, and only when it is a regular file inside the package directory
(after resolving links) of at most `MAX_FILE_BYTES`; it is read in a bounded
way and never followed out of the package. Its rows are checked against the
canonical schema and against the rules a schema cannot say: keys and
references, dates not after the data's date, every record sourced, joining
dates that agree with the first agreement, and lookup keys that name one
record only. Every problem is collected; if there is any, nothing is returned.

A problem's message may quote a bad cell of a file being validated, but never
the content of a file it refused to read.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import stat
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .dates import DateWindow
from .errors import DataError, Problem
from .read import Row, Tables
from .schema import (
    DESCRIPTOR,
    CellError,
    Field,
    Resource,
    Schema,
    alpha2,
    canonical,
    lookup_key,
    lookup_keys,
)

__all__ = ["MAX_FILE_BYTES", "check", "validate"]

#: The largest file a package may hold (64 MiB: the bundled files are a few hundred kB).
MAX_FILE_BYTES = 64 * 2**20


class _Refused(Exception):
    """A file is not read (the message says why, and never quotes the file)."""


def _directory(path: object) -> str:
    """The real path of a package directory; TypeError, ValueError or FileNotFoundError."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(
            f"expected a directory path (str or os.PathLike), got {type(path).__name__} {path!r}"
        )
    text = os.fspath(path)
    if not isinstance(text, str):
        raise TypeError(f"expected a text path, got {type(text).__name__} {text!r}")
    if not text:
        raise ValueError("expected the path of a package directory, got an empty path")
    if "\0" in text:
        raise ValueError(f"{text!r} is not a usable path: it holds a NUL character")
    if not os.path.isdir(text):
        raise FileNotFoundError(f"{text!r} is not a directory holding a {DESCRIPTOR}")
    return os.path.realpath(text)


def _read_bytes(root: str, relative: str) -> bytes:
    """A file of the package, read only if it is a regular file inside it, of bounded size."""
    real = os.path.realpath(os.path.join(root, relative))
    if os.path.commonpath([root, real]) != root:
        raise _Refused("resolves to a file outside the package directory; it was not read")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(real, flags)
    except FileNotFoundError:
        raise _Refused("file is missing") from None
    except OSError as exc:
        raise _Refused(f"file cannot be opened ({exc.strerror or 'error'})") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise _Refused("is not a regular file; it was not read")
        if info.st_size > MAX_FILE_BYTES:
            raise _Refused(
                f"is {info.st_size} bytes, more than the limit of {MAX_FILE_BYTES}; it was not read"
            )
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            # one byte more than its size: a file that grows while read is refused
            raw = file.read(info.st_size + 1)
    finally:
        os.close(descriptor)
    if len(raw) != info.st_size:
        raise _Refused("changed size while it was read; it was not used")
    return raw


def _is_name(name: str) -> bool:
    """A Frictionless package name: lower-case letters, digits, ``-``, ``.`` and ``_``."""
    return (
        0 < len(name) <= 80
        and name.isascii()
        and all(c.islower() or c.isdigit() or c in "-._" for c in name)
    )


def _safe_relative(path: object) -> str | None:
    """A resource path that is relative, POSIX and stays inside the package; else None."""
    if not isinstance(path, str) or not path or "\0" in path or "\\" in path:
        return None
    if path.startswith("/") or ".." in path.split("/"):
        return None
    return path


class _Checker:
    """Collects problems while validating one package."""

    def __init__(self, root: str, schema: Schema) -> None:
        self.root = root
        self.schema = schema
        self.problems: list[Problem] = []
        #: Tables whose rows are not all known (unread file, dropped row, bad key).
        self.incomplete: set[str] = set()
        self.windows: dict[str, DateWindow] = {}

    def is_country(self, code: str) -> bool:
        return alpha2(code) is not None

    def problem(
        self, file: str, message: str, record: str | None = None, field: str | None = None
    ) -> None:
        self.problems.append(Problem(file=file, record=record, field=field, message=message))

    def text(self, name: str) -> str | None:
        """A file's text, or None (and a problem) if it cannot or may not be read."""
        try:
            raw = _read_bytes(self.root, name)
        except _Refused as refused:
            self.problem(name, str(refused))
            return None
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            self.problem(name, f"is not UTF-8 text ({exc.reason} at byte {exc.start})")
            return None

    # -- the descriptor ---------------------------------------------------------
    def descriptor(
        self,
    ) -> tuple[str, str | None, datetime.date | None, dict[str, str]] | None:
        """The package's name, version and date (None where bad), and each resource's path.

        None when the descriptor cannot be used at all.
        """
        text = self.text(DESCRIPTOR)
        if text is None:
            return None
        try:
            descriptor = json.loads(text)
        except json.JSONDecodeError as exc:
            self.problem(DESCRIPTOR, f"does not parse as JSON ({exc.msg} at line {exc.lineno})")
            return None
        except RecursionError:
            self.problem(DESCRIPTOR, "does not parse as JSON (nested too deeply)")
            return None
        except ValueError:  # e.g. a number with more digits than int() takes
            self.problem(DESCRIPTOR, "does not parse as JSON (a number is too long)")
            return None
        if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
            self.problem(DESCRIPTOR, "expected a JSON object with a 'resources' list")
            return None
        name = descriptor.get("name")
        if not isinstance(name, str) or not _is_name(name):
            self.problem(
                DESCRIPTOR, "needs a 'name' of lower-case letters, digits and - . _", field="name"
            )
        version = descriptor.get("version")
        if not isinstance(version, str) or not version.strip() or len(version) > 40:
            self.problem(DESCRIPTOR, "needs a 'version' of 1 to 40 characters", field="version")
        as_of: datetime.date | None = None
        as_of_text = descriptor.get("ilrs:dataAsOf")
        try:
            as_of = DATE_FIELD.check(
                as_of_text if isinstance(as_of_text, str) else "?", {}, self.is_country
            )
        except CellError:
            self.problem(
                DESCRIPTOR, "needs 'ilrs:dataAsOf' as a YYYY-MM-DD date", field="ilrs:dataAsOf"
            )
        paths: dict[str, str] = {}
        for entry in descriptor["resources"]:
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
                continue
            resource = entry["name"][:80]
            safe = _safe_relative(entry.get("path"))
            if safe is None:
                shown = entry.get("path")
                shown = repr(shown[:80]) if isinstance(shown, str) else type(shown).__name__
                self.problem(
                    DESCRIPTOR,
                    f"resource path {shown} must be a relative path inside the package",
                    record=repr(resource),
                    field="path",
                )
            else:
                paths[resource] = safe
        for needed in self.schema:
            if needed not in paths and not any(p.record == repr(needed) for p in self.problems):
                self.problem(DESCRIPTOR, f"has no resource named {needed!r}", field="resources")
        shown_name = name if isinstance(name, str) and _is_name(name) else "package"
        return shown_name, (version if isinstance(version, str) else None), as_of, paths

    # -- one table ------------------------------------------------------------------
    def table(self, resource: Resource, path: str) -> list[Row]:
        rows = self._table(resource, path)
        if rows is None:
            self.incomplete.add(resource.name)
            return []
        return rows

    def _table(self, resource: Resource, path: str) -> list[Row] | None:
        text = self.text(path)
        if text is None:
            return None
        names = list(resource.names)
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        del text  # (the rows are made as the reader goes: the text need not be kept twice)
        try:
            header = next(reader, None)
        except csv.Error as exc:
            self.problem(path, f"does not parse as CSV ({exc})")
            return None
        if header is None:
            self.problem(path, f"is empty; expected the header {','.join(names)}")
            return None
        if header != names:
            self.problem(path, "bad header: " + _header_problem(header, names))
            return None
        rows: list[Row] = []
        try:
            for cells in reader:
                if cells:
                    self._row(resource, path, cells, reader.line_num, rows)
        except csv.Error as exc:
            self.problem(path, f"does not parse as CSV ({exc})", f"line {reader.line_num}")
            self.incomplete.add(resource.name)
        return rows

    def _row(
        self, resource: Resource, path: str, cells: list[str], number: int, rows: list[Row]
    ) -> None:
        """Check one row's cells; keep its typed row (bad cells as their default)."""
        names, key = resource.names, resource.primary_key
        if len(cells) != len(names):
            self.problem(path, f"has {len(cells)} cells, expected {len(names)}", f"line {number}")
            self.incomplete.add(resource.name)
            return
        label = _label(dict(zip(names, cells, strict=True)), key, number)
        row: Row = {}
        for field, cell in zip(resource.fields, cells, strict=True):
            try:
                row[field.name] = field.check(cell, self.windows, self.is_country)
            except CellError as exc:
                self.problem(path, str(exc), record=label, field=field.name)
                row[field.name] = field.default
                if field.name in key:
                    self.incomplete.add(resource.name)
        rows.append(row)


#: How ``ilrs:dataAsOf`` is checked: a required YYYY-MM-DD date.
DATE_FIELD = Field.from_descriptor(
    {"name": "ilrs:dataAsOf", "type": "date", "constraints": {"required": True}}
)


def _header_problem(header: list[str], names: list[str]) -> str:
    missing = [name for name in names if name not in header]
    extra = [name[:40] for name in header if name not in names][:5]
    detail = []
    if missing:
        detail.append(f"missing columns {missing}")
    if extra:
        detail.append(f"unexpected columns {extra}")
    if not detail:
        detail.append(f"columns out of order; expected {names}")
    return "; ".join(detail)


def _label(row: Mapping[str, Any], key: tuple[str, ...], number: int) -> str:
    values = [str(row[name])[:200] for name in key if row.get(name)]
    if len(values) == len(key):
        return repr("/".join(values))
    return f"line {number}"


def _key(row: Row, fields: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(row[field] for field in fields)


# ---------------------------------------------------------------------------
# rules between rows


def _check_keys(
    checker: _Checker, tables: Mapping[str, list[Row]], files: Mapping[str, str]
) -> None:
    """Primary keys are unique, unique fields are unique, and foreign keys resolve."""
    keys: dict[str, set[Any]] = {}
    for name, resource in checker.schema.items():
        fields = resource.primary_key
        seen: set[tuple[Any, ...]] = set()
        for row in tables[name]:
            key = _key(row, fields)
            if None in key:  # a bad key cell, reported already
                continue
            if key in seen:
                shown = "/".join(map(str, key))
                checker.problem(
                    files[name],
                    f"duplicate primary key {shown!r}",
                    record=repr(shown),
                    field=",".join(fields),
                )
            seen.add(key)
        keys[name] = {key[0] for key in seen} if len(fields) == 1 else set()
        for field in resource.fields:
            if field.unique and (field.name,) != fields:
                counts = Counter(row[field.name] for row in tables[name])
                for value in sorted(v for v, n in counts.items() if n > 1 and v is not None):
                    checker.problem(files[name], f"value {value!r} is not unique", field=field.name)
    for name, resource in checker.schema.items():
        for column, target, _ in resource.foreign_keys:
            if target in checker.incomplete:
                continue
            known = keys[target]
            for row in tables[name]:
                value = row[column]
                if value is not None and value not in known:
                    checker.problem(
                        files[name],
                        f"refers to {value!r}, which is not an id in {files[target]}",
                        record=repr("/".join(map(str, _key(row, resource.primary_key)))),
                        field=column,
                    )


def _check_dates(
    checker: _Checker,
    tables: Mapping[str, list[Row]],
    files: Mapping[str, str],
    as_of: datetime.date,
) -> None:
    """No date marked ``ilrs:notAfterAsOf`` reaches past the data's date."""
    for name, resource in checker.schema.items():
        for field in resource.fields:
            if not field.not_after_as_of:
                continue
            for row in tables[name]:
                value = row[field.name]
                last = value.latest if isinstance(value, DateWindow) else value
                if last is not None and last > as_of:
                    checker.problem(
                        files[name],
                        f"{value} reaches past the data's date {as_of}",
                        record=repr("/".join(map(str, _key(row, resource.primary_key)))),
                        field=field.name,
                    )


def _check_lookup_keys(
    checker: _Checker,
    rows: Iterable[Row],
    keys_of: Callable[[Row], Iterable[tuple[str, str]]],
    file: str,
) -> None:
    """Every lookup key, folded as lookups fold it, names one record only."""
    owner: dict[str, tuple[str, str]] = {}
    for row in rows:
        for kind, key in keys_of(row):
            folded = lookup_key(key)
            if not folded:
                continue
            first = owner.setdefault(folded, (row["id"], kind))
            if first[0] != row["id"]:
                checker.problem(
                    file,
                    f"its {kind} {key!r} is also the {first[1]} of {first[0]!r} "
                    "(lookups compare keys without case, spaces or Unicode variants)",
                    repr(row["id"]),
                    kind if kind in ("id", "name") else "aliases",
                )


def _signatory_keys(row: Row) -> list[tuple[str, str]]:
    """A signatory's lookup keys, with a state's ISO alpha-2 code (which `get` finds too)."""
    found = lookup_keys(row)
    two = alpha2(row["country_code"]) if found[-1][0] == "ISO code" else None
    return [*found, ("ISO code", two)] if two else found


def _check_rules(
    checker: _Checker, tables: Mapping[str, list[Row]], files: Mapping[str, str]
) -> None:
    """The rules a Table Schema cannot express."""
    sig_file = files["signatories"]
    own_sources = {row["signatory_id"] for row in tables["signatory_sources"]}
    agreement_sources = {row["agreement_id"] for row in tables["agreement_sources"]}
    firsts: dict[str, DateWindow] = {}
    cited_through: set[str] = set()
    for agreement in tables["agreements"]:
        sid, signed = agreement["signatory_id"], agreement["signed"]
        earlier = firsts.get(sid)
        if earlier is None or signed.sort_key < earlier.sort_key:
            firsts[sid] = signed
        if agreement["id"] in agreement_sources:
            cited_through.add(sid)
    for row in tables["signatories"]:
        sid, first, evidence = row["id"], firsts.get(row["id"]), row["evidence"]
        if first is not None:
            if row["joined"] != first:
                checker.problem(
                    sig_file,
                    f"joined is {row['joined']} but its first agreement was signed {first}",
                    repr(sid),
                    "joined",
                )
            if evidence == "listed":
                checker.problem(
                    sig_file, "evidence 'listed' but it has agreements", repr(sid), "evidence"
                )
        elif evidence == "signed":
            checker.problem(
                sig_file, "evidence 'signed' but it has no agreement", repr(sid), "evidence"
            )
        if evidence == "listed" and row["joined"].earliest is not None:
            checker.problem(
                sig_file,
                "a listed signatory's joined must be ../DATE of the list",
                repr(sid),
                "joined",
            )
        if sid not in own_sources and sid not in cited_through:
            checker.problem(
                sig_file,
                "cites no source (in signatory_sources or through an agreement)",
                repr(sid),
            )
    _check_lookup_keys(checker, tables["signatories"], _signatory_keys, sig_file)
    _check_lookup_keys(checker, tables["missions"], lookup_keys, files["missions"])

    for row in tables["agreements"]:
        announced, signed = row["announced"], row["signed"]
        if announced is not None and announced.latest < (signed.earliest or signed.latest):
            checker.problem(
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
                checker.problem(files[table], f"cites no source in {files[link]}", repr(row["id"]))

    members = {row["country_code"] for row in tables["signatories"] if row["type"] == "country"}
    for row in tables["exclusions"]:
        if row["country_code"] is not None and row["country_code"] in members:
            checker.problem(
                files["exclusions"],
                f"{row['country_code']} is also a member state",
                repr(row["id"]),
                "country_code",
            )
    orders: set[tuple[str, int]] = set()
    for row in tables["phases"]:
        start, end = row["start_year"], row["end_year"]
        if start is not None and end is not None and end < start:
            checker.problem(
                files["phases"],
                f"ends ({end}) before it starts ({start})",
                repr(row["id"]),
                "end_year",
            )
        if (row["plan_id"], row["order"]) in orders:
            checker.problem(
                files["phases"],
                f"order {row['order']} repeats in plan {row['plan_id']!r}",
                repr(row["id"]),
                "order",
            )
        orders.add((row["plan_id"], row["order"]))
    for row in tables["official_counts"]:
        numbers = ("countries_and_orgs", "institutions", "total")
        if all(row[key] is None for key in numbers):
            checker.problem(files["official_counts"], "gives no number", repr(row["id"]))
        for key in numbers:
            if (row[key] is None) != (row[f"{key}_bound"] is None):
                checker.problem(
                    files["official_counts"],
                    f"{key}_bound must be given exactly when {key} is",
                    repr(row["id"]),
                    f"{key}_bound",
                )


# ---------------------------------------------------------------------------
# entry points


def _run(path: object) -> tuple[Tables | None, list[Problem]]:
    root = _directory(path)
    schema = canonical()
    checker = _Checker(root, schema)
    described = checker.descriptor()
    if described is None:  # nothing else can be read with certainty
        return None, checker.problems
    package, version, as_of, paths = described
    tables: dict[str, list[Row]] = {}
    files: dict[str, str] = {}
    for name, resource in schema.items():
        files[name] = paths.get(name, DESCRIPTOR)
        if name not in paths:
            checker.incomplete.add(name)
            tables[name] = []
            continue
        tables[name] = checker.table(resource, paths[name])
    # Keys, references and dates are checked even when some cells are bad, so that
    # one run reports them all; the rules between records need every cell: they wait.
    cells_ok = not checker.problems
    _check_keys(checker, tables, files)
    if as_of is not None:
        _check_dates(checker, tables, files, as_of)
    if cells_ok:
        _check_rules(checker, tables, files)
    if checker.problems or version is None or as_of is None:
        return None, checker.problems
    frozen = {name: tuple(rows) for name, rows in tables.items()}
    return Tables(schema, name=package, version=version, data_as_of=as_of, tables=frozen), []


def check(path: object) -> list[Problem]:
    """Every problem of the package in directory ``path`` (empty when it is valid).

    Raises `TypeError` if ``path`` is not a path, `ValueError` if it is empty,
    and `FileNotFoundError` if it is not a directory.
    """
    return _run(path)[1]


def validate(path: object) -> Tables:
    """The typed tables of the package in directory ``path``, checked in full.

    Raises `ilrs.DataError` listing every problem (nothing is returned), and
    the errors of `check` for a bad path.
    """
    tables, problems = _run(path)
    if tables is None:
        raise DataError(problems)
    return tables
