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

import gc
import io
import os
import threading
import zlib
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import repeat
from typing import Any

from . import _dt
from .dates import DateWindow, Precision, _Frozen, _is_edtf_day, _set, _window
from .errors import DataError, Problem

__all__ = ["PackageData", "check_path", "read_bundled", "read_path"]

Row = dict[str, Any]
Opener = Callable[[str], str]

DESCRIPTOR = "datapackage.json"


class PackageData(_Frozen):
    """The validated, typed rows of a data package, by resource name."""

    __slots__ = ("data_as_of", "tables", "version")
    version: str
    data_as_of: _dt.date
    tables: Mapping[str, tuple[Row, ...]]

    def __init__(
        self, *, version: str, data_as_of: _dt.date, tables: Mapping[str, tuple[Row, ...]]
    ) -> None:
        _set(self, "version", version)
        _set(self, "data_as_of", data_as_of)
        _set(self, "tables", tables)


# ---------------------------------------------------------------------------
# the canonical schema: the bundled descriptor


def _bundled_root() -> str | None:
    """The bundled package's directory; ``None`` if ilrs is not installed as files."""
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
    return root if os.path.isdir(root) else None


def _bundled_opener() -> Opener:
    root = _bundled_root()
    if root is not None:  # the usual case: ilrs installed as files
        return _directory_opener(root)
    from importlib.resources import files  # e.g. ilrs imported from a zip file

    resources = files("ilrs").joinpath("data")

    def open_text(name: str) -> str:
        return resources.joinpath(name).read_text(encoding="utf-8")

    return open_text


def _bundled_bytes(name: str) -> bytes:
    """The bytes of one file of the bundled package."""
    root = _bundled_root()
    if root is not None:
        with open(os.path.join(root, name), "rb") as file:
            return file.read()
    from importlib.resources import files

    return files("ilrs").joinpath("data").joinpath(name).read_bytes()


def _directory_opener(root: str) -> Opener:
    def open_text(name: str) -> str:
        with open(os.path.join(root, name), encoding="utf-8") as file:
            return file.read()

    return open_text


_CANONICAL: dict[str, Any] | None = None


def _canonical() -> dict[str, Any]:
    global _CANONICAL
    if _CANONICAL is None:
        import json  # (not needed to read an unchanged bundled package: see _read_checked)

        _CANONICAL = json.loads(_bundled_opener()(DESCRIPTOR))
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


_LOWER = "abcdefghijklmnopqrstuvwxyz"
_UPPER = _LOWER.upper()
_ID_CHARS = _LOWER + "0123456789-"
_ID_BYTES = _ID_CHARS.encode("ascii")
_ID_PATTERN = "[a-z0-9][a-z0-9-]*"


def _is_id(text: str) -> bool:
    """``[a-z0-9][a-z0-9-]*``: ``strip`` leaves nothing when every character is allowed."""
    return text[:1] not in ("", "-") and not text.strip(_ID_CHARS)


def _all_ids(texts: Collection[str]) -> bool:
    """``_is_id`` of every one of ``texts`` (all non-empty), tested on them joined.

    None may start with "-", and as ASCII bytes, deleting the allowed ones must
    leave nothing.
    """
    lines = "\n".join(texts)
    if lines[:1] == "-" or "\n-" in lines:
        return False
    try:
        raw = "".join(texts).encode("ascii")
    except UnicodeEncodeError:
        return False
    return not raw.translate(None, _ID_BYTES)


def _is_edtf(text: str) -> bool:
    """The bundled schema's EDTF pattern: ``D``, ``D/D`` or ``../D`` (see ``_is_edtf_day``)."""
    if text.startswith("../"):
        return _is_edtf_day(text[3:])
    first, slash, second = text.partition("/")
    return _is_edtf_day(first) and (not slash or _is_edtf_day(second))


#: Plain-Python tests equal to the ``re.fullmatch`` of the bundled schema's patterns, so
#: that reading the bundled package compiles no regular expression.
_KNOWN_PATTERNS: dict[str, Callable[[str], bool]] = {
    _ID_PATTERN: _is_id,
    r"(\d{4}(-\d{2}(-\d{2})?)?)(/\d{4}(-\d{2}(-\d{2})?)?)?|\.\./\d{4}(-\d{2}(-\d{2})?)?": _is_edtf,
    "[A-Z]{3}": lambda text: len(text) == 3 and not text.strip(_UPPER),
    "[a-z]{2}": lambda text: len(text) == 2 and not text.strip(_LOWER),
}


def _matcher(pattern: str) -> Callable[[str], bool]:
    known = _KNOWN_PATTERNS.get(pattern)
    if known is not None:
        return known
    import re  # any other pattern

    fullmatch = re.compile(pattern).fullmatch
    return lambda text: fullmatch(text) is not None


def _iso_date(text: str) -> _dt.date:
    """A ``YYYY-MM-DD`` date, read the same way on every Python version.

    From Python 3.11 on, ``date.fromisoformat`` alone also takes ``20240501`` and
    ``2024-W18-3``, so a package would be valid on one version and not on another.
    """
    digits = text[:4] + text[5:7] + text[8:]
    if (
        len(text) != 10
        or text[4] != "-"
        or text[7] != "-"
        or not (digits.isascii() and digits.isdigit())
    ):
        raise ValueError(f"{text!r} is not a YYYY-MM-DD date")
    return _dt.date.fromisoformat(text)


class _Field:
    """How the cells of one field (column) are checked and converted.

    :meth:`cell` converts one cell, raising :class:`_CellError` saying what is
    wrong with it; :meth:`column` converts a whole column at once and raises
    :class:`ValueError` (saying nothing) if any cell has a problem. Both give
    the same values.
    """

    def __init__(
        self,
        field: Mapping[str, Any],
        check_country: Callable[[str], bool] | None,
        windows: dict[str | None, dict[str, DateWindow]],
    ) -> None:
        self.name: str = field["name"]
        kind = field.get("type", "string")
        constraints = field.get("constraints", {})
        self.required = bool(constraints.get("required"))
        self.kind = kind
        self.default: Any = () if kind == "list" else None
        self.delimiter: str = field.get("delimiter", ",")
        self.item_enum: list[str] | None = field.get("ilrs:itemEnum")
        self.items = frozenset(self.item_enum) if self.item_enum is not None else None
        self.pattern: str | None = constraints.get("pattern")
        self.matches = _matcher(self.pattern) if self.pattern is not None else None
        self.enum: list[str] | None = constraints.get("enum")
        self.allowed = frozenset(self.enum) if self.enum is not None else None
        self.minimum: int | None = constraints.get("minimum")
        self.edtf = bool(field.get("ilrs:edtf"))
        self.uri = field.get("format") == "uri"
        self.country = check_country if field.get("ilrs:country") else None
        self.windows = windows.setdefault(self.pattern, {})
        #: True when a non-empty cell is kept as it is (after its checks).
        self.as_text = kind not in ("list", "integer", "date") and not self.edtf

    # -- one cell, saying what is wrong ---------------------------------------
    def cell(self, text: str) -> Any:
        """The value of a non-empty cell; :class:`_CellError` if the cell is bad."""
        if self.kind == "list":
            return self._list(text)
        if self.matches is not None and not self.matches(text):
            raise _CellError(f"{text!r} does not match the pattern {self.pattern!r}")
        if self.allowed is not None and text not in self.allowed:
            expected = ", ".join(self.enum or ())
            raise _CellError(f"unknown value {text!r}; expected one of: {expected}")
        if self.kind == "integer":
            try:
                number = int(text)
            except ValueError:
                raise _CellError(f"{text!r} is not an integer") from None
            if self.minimum is not None and number < self.minimum:
                raise _CellError(f"{number} is below the minimum {self.minimum}")
            return number
        if self.kind == "date":
            try:
                return _iso_date(text)
            except ValueError:
                raise _CellError(f"{text!r} is not a real date in YYYY-MM-DD form") from None
        if self.edtf:
            try:
                return self._window(text)
            except ValueError as exc:
                raise _CellError(str(exc)) from None
        if self.uri and not text.startswith(("https://", "http://")):
            raise _CellError(f"{text!r} is not an http(s) URL")
        if self.country is not None and not self.country(text):
            raise _CellError(f"{text!r} is not an ISO 3166-1 alpha-3 country code")
        return text

    def _list(self, text: str) -> tuple[str, ...]:
        items = tuple(item.strip() for item in text.split(self.delimiter))
        if "" in items:
            raise _CellError(f"empty item in list {text!r}")
        if self.items is not None:
            for item in items:
                if item not in self.items:
                    expected = ", ".join(self.item_enum or ())
                    raise _CellError(f"unknown value {item!r}; expected one of: {expected}")
        return items

    def _window(self, text: str) -> DateWindow:
        # Windows are immutable: one per distinct text, shared by every cell holding it.
        # The cache is the field's pattern's, and holds only texts that match it.
        window = self.windows.get(text)
        if window is None:
            window = self.windows[text] = DateWindow.parse(text)
        return window

    def _new_window(self, text: str) -> DateWindow:
        window = self.windows.get(text)
        if window is None:
            if self.matches is not None and not self.matches(text):
                raise ValueError
            window = self.windows[text] = DateWindow.parse(text)
        return window

    # -- a whole column, when nothing is wrong -----------------------------------
    def column(self, cells: tuple[str, ...]) -> Sequence[Any]:
        """The values of a column, empty cells as the default; ValueError if any is bad."""
        empty = "" in cells
        if empty and self.required:
            raise ValueError
        if self.edtf and self.allowed is None:  # each new text is checked as it is read
            convert: Callable[[str], Any] = self._new_window
        else:
            distinct = set(filter(None, cells)) if empty else set(cells)
            if self.matches is not None and not (
                _all_ids(distinct)
                if self.pattern == _ID_PATTERN
                else all(map(self.matches, distinct))
            ):
                raise ValueError
            if self.allowed is not None and not self.allowed.issuperset(distinct):
                raise ValueError
            if self.as_text:
                if self.uri and not all(
                    text.startswith(("https://", "http://")) for text in distinct
                ):
                    raise ValueError
                if self.country is not None and not all(map(self.country, distinct)):
                    raise ValueError
                return [text or None for text in cells] if empty else cells
            convert = self.cell
        if empty:
            default = self.default
            return [convert(text) if text else default for text in cells]
        return list(map(convert, cells))


# ---------------------------------------------------------------------------
# reading


class _Reader:
    """Collects problems while reading one package."""

    def __init__(self, opener: Opener, *, check_countries: bool) -> None:
        self.opener = opener
        self.problems: list[Problem] = []
        #: Resources whose rows are not all known (a file that could not be read, a
        #: dropped row, a bad key cell): references into them are not checked.
        self.incomplete: set[str] = set()
        self.check_country = _country_checker() if check_countries else None
        #: Every date window read so far, by the pattern its text matched and its text.
        self.windows: dict[str | None, dict[str, DateWindow]] = {}

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
        import json

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
        """The rows of one resource's file; ``[]`` (and a problem) if it cannot be read."""
        rows = self._table(resource, path)
        if rows is None:
            self.incomplete.add(resource["name"])
            return []
        return rows

    def _table(self, resource: Mapping[str, Any], path: str) -> list[Row] | None:
        text = self.read_text(path)
        if text is None:
            return None
        fields = resource["schema"]["fields"]
        names = [field["name"] for field in fields]
        try:
            lines = _csv_lines(text)
        except ValueError as exc:
            self.problem(path, f"does not parse as CSV ({exc})")
            return None
        if not lines:
            self.problem(path, f"is empty; expected the header {','.join(names)}")
            return None
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
            return None
        columns = [_Field(field, self.check_country, self.windows) for field in fields]
        body = [cells for cells in lines[1:] if cells]
        try:
            return _fast_rows(columns, names, body)
        except ValueError:
            pass
        # Some row has a problem: read row by row, reporting every problem in order.
        width = len(names)
        key_fields = _key_fields(resource)
        rows: list[Row] = []
        for number, cells in enumerate(lines[1:], start=2):
            if not cells:
                continue
            if len(cells) != width:
                self.problem(
                    path, f"has {len(cells)} cells, expected {width}", record=f"line {number}"
                )
                self.incomplete.add(resource["name"])
                continue
            label = _label(cells, names, key_fields, number)
            row: Row = {}
            for column, cell in zip(columns, cells, strict=True):
                name = column.name
                if cell == "":
                    if column.required:
                        self.problem(path, "is required but empty", record=label, field=name)
                        if name in key_fields:
                            self.incomplete.add(resource["name"])
                    row[name] = column.default
                    continue
                try:
                    row[name] = column.cell(cell)
                except _CellError as exc:
                    self.problem(path, str(exc), record=label, field=name)
                    row[name] = column.default
                    if name in key_fields:
                        self.incomplete.add(resource["name"])
            rows.append(row)
        return rows


def _csv_lines(text: str) -> list[list[str]]:
    """Every record of a CSV text, as lists of cells (ValueError if it does not parse)."""
    import csv  # (not needed to read an unchanged bundled package: see _read_checked)

    # Only CR and LF end a record, and a line break inside a quoted cell is part of
    # the cell: str.splitlines would drop it, and would also split at U+2028, form
    # feeds and other characters that are plain text in CSV.
    try:
        return list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        raise ValueError(exc) from None


def _fast_rows(columns: list[_Field], names: list[str], body: list[list[str]]) -> list[Row]:
    """The rows of a table with no problem, a column at a time; ValueError otherwise."""
    if not body:
        return []
    if set(map(len, body)) != {len(names)}:
        raise ValueError
    values = [
        column.column(cells) for column, cells in zip(columns, zip(*body, strict=True), strict=True)
    ]
    return _rows(names, zip(*values, strict=True))


def _rows(names: Sequence[str], values: Iterable[Sequence[Any]]) -> list[Row]:
    """A row dict for each sequence of ``values``, in the order of ``names``."""
    return list(map(dict, map(zip, repeat(names), values)))


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
    # absolute, or with a ".." part, as a POSIX path; or with a Windows separator
    if path.startswith("/") or ".." in path.split("/") or "\\" in path:
        return None
    return path


def read(
    opener: Opener, *, check_countries: bool, descriptor: dict[str, Any] | None = None
) -> tuple[PackageData | None, list[Problem]]:
    """Read and check a package; return its data (``None`` if defective) and its problems.

    ``descriptor`` is the package's datapackage.json when the caller has already
    parsed it (the bundled package's is also the canonical schema).
    """
    reader = _Reader(opener, check_countries=check_countries)
    if not (isinstance(descriptor, dict) and isinstance(descriptor.get("resources"), list)):
        descriptor = reader.descriptor()
    if descriptor is None:
        return None, reader.problems
    version = descriptor.get("version")
    if not isinstance(version, str) or not version:
        reader.problem(DESCRIPTOR, "needs a non-empty 'version'", field="version")
    as_of: _dt.date | None = None
    try:
        as_of_text = descriptor.get("ilrs:dataAsOf")
        if not isinstance(as_of_text, str):
            raise ValueError
        as_of = _iso_date(as_of_text)
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
        files[name] = paths.get(name, DESCRIPTOR)
        if name not in paths:
            reader.problem(DESCRIPTOR, f"has no resource named {name!r}", field="resources")
            reader.incomplete.add(name)
            tables[name] = []
            continue
        tables[name] = reader.table(resource, paths[name])
    # Keys, references and dates are checked even when some cells are bad, so that
    # one run reports them all. The rules between records need every cell: they wait.
    cells_ok = not reader.problems
    _check_keys(reader, canonical, tables, files)
    if as_of is not None:
        _check_dates(reader, canonical, tables, files, as_of)
    if cells_ok:
        _check_rules(reader, tables, files)
    if reader.problems:
        return None, reader.problems
    assert as_of is not None and isinstance(version, str)
    frozen = {name: tuple(rows) for name, rows in tables.items()}
    return PackageData(version=version, data_as_of=as_of, tables=frozen), []


def _check_keys(
    reader: _Reader,
    canonical: Mapping[str, Any],
    tables: Mapping[str, list[Row]],
    files: Mapping[str, str],
) -> None:
    #: Each table's primary keys: plain values for a key of one field, else tuples.
    keys: dict[str, set[Any]] = {}
    single: set[str] = set()
    for resource in canonical["resources"]:
        name, schema = resource["name"], resource["schema"]
        fields = _key_fields(resource)
        rows = tables[name]
        if len(fields) == 1:
            single.add(name)
            seen: set[Any] = {row[fields[0]] for row in rows}
        else:
            seen = set(zip(*[[row[field] for row in rows] for field in fields], strict=True))
        if len(seen) != len(rows):  # a key repeats (or there is no key): find where
            seen = set()
            for row in rows:
                key = _key(row, fields)
                if None in key:  # a bad key cell, reported already
                    continue
                if key in seen:
                    reader.problem(
                        files[name],
                        f"duplicate primary key {'/'.join(map(str, key))!r}",
                        record=repr("/".join(map(str, key))),
                        field=",".join(fields),
                    )
                seen.add(key)
            if len(fields) == 1:
                seen = {key[0] for key in seen}
        keys[name] = seen
        for field in schema["fields"]:
            if field.get("constraints", {}).get("unique") and [field["name"]] != fields:
                counts = Counter(row[field["name"]] for row in rows)
                for value in sorted(v for v, n in counts.items() if n > 1 and v is not None):
                    reader.problem(
                        files[name], f"value {value!r} is not unique", field=field["name"]
                    )
    for resource in canonical["resources"]:
        name = resource["name"]
        pk = _key_fields(resource)
        rows = tables[name]
        for foreign in resource["schema"].get("foreignKeys", []):
            field = foreign["fields"]
            target = foreign["reference"]["resource"]
            if target in reader.incomplete:
                continue
            # a value is known when it is a key of the target (a key of one field)
            known = keys[target] if target in single else set()
            values = {row[field] for row in rows}
            values.discard(None)
            if values <= known:
                continue
            for row in rows:
                value = row[field]
                if value is not None and value not in known:
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


def _check_rules(
    reader: _Reader, tables: Mapping[str, list[Row]], files: Mapping[str, str]
) -> None:
    """The rules a Table Schema cannot express."""
    sig_file = files["signatories"]
    own_sources = {row["signatory_id"] for row in tables["signatory_sources"]}
    agreement_sources = {row["agreement_id"] for row in tables["agreement_sources"]}
    # each signatory's first signing (the first of the earliest, as min() would give)
    # and whether one of its agreements cites a source
    firsts: dict[str, DateWindow] = {}
    cited_through: set[str] = set()
    for agreement in tables["agreements"]:
        sid, signed = agreement["signatory_id"], agreement["signed"]
        earlier = firsts.get(sid)
        if earlier is None or signed.sort_key < earlier.sort_key:
            firsts[sid] = signed
        if agreement["id"] in agreement_sources:
            cited_through.add(sid)
    names: dict[str, str] = {}
    for row in tables["signatories"]:
        sid = row["id"]
        first = firsts.get(sid)
        evidence = row["evidence"]
        if first is not None:
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
        if sid not in own_sources and sid not in cited_through:
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


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's automatic garbage collection, if it is on, for a bulk load.

    Reading a package allocates a few objects per cell, none of them in a
    reference cycle, so the collector's passes find nothing to free; but each
    full pass walks every object alive, and as they pile up those passes make
    a large load's time grow faster than its size (about twice the time per
    record at 100,000 signatories as at 1,000). Collection resumes, if it was
    on, when the block ends; another thread's garbage waits until then.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def fingerprint(raw: bytes) -> tuple[int, int]:
    """A file's fingerprint: its size and CRC-32."""
    return len(raw), zlib.crc32(raw)


def _read_checked() -> PackageData | None:
    """The bundled package from its compiled rows, if its files are as last validated.

    ``ilrs._checked`` holds each bundled file's :func:`fingerprint`, taken when
    the whole package last passed full validation, and the typed rows that
    validation gave (``scripts/snapshot.py`` writes it; the test suite fails
    when it is stale). When every file still matches, those rows are the
    package, and nothing needs parsing or checking. When any file differs or
    cannot be read, this returns ``None`` and the files are read and
    validated in full instead.
    """
    from . import _checked

    for name, expected in _checked.FILES.items():
        try:
            raw = _bundled_bytes(name)
        except OSError:
            return None
        if fingerprint(raw) != expected:
            return None
    return PackageData(
        version=_checked.VERSION,
        data_as_of=_dt.date.fromisoformat(_checked.DATA_AS_OF),
        tables=_CheckedTables(_checked.TABLES, _checked.WINDOWS),
    )


#: A compiled table: its column names, each column's kind ("window", "date" or "" for
#: a value kept as it is) and its rows (a window as its index in the windows, a date
#: as its ordinal).
CompiledTable = tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[Any, ...], ...]]
#: A compiled date window: the ordinals of its first (or None) and last day, its precision.
CompiledWindow = tuple["int | None", int, str]


class _CheckedTables(Mapping[str, tuple[Row, ...]]):
    """The rows of the compiled bundled package, made when a table is asked for.

    A query about signatories needs five of the bundled package's eighteen
    tables: the others are not made unless something asks for them. Rows are
    not kept: the :class:`~ilrs.dataset.Dataset` reads each table once, to
    build its records.
    """

    def __init__(
        self, tables: Mapping[str, CompiledTable], windows: Sequence[CompiledWindow]
    ) -> None:
        self._tables = tables
        self._compiled_windows = windows
        self._windows: list[DateWindow] | None = None
        self._lock = threading.Lock()

    def _window_list(self) -> list[DateWindow]:
        with self._lock:  # (made once, so that equal windows are one object)
            if self._windows is None:
                day = _dt.date.fromordinal
                self._windows = [
                    _window(None if first is None else day(first), day(last), Precision(precision))
                    for first, last, precision in self._compiled_windows
                ]
            return self._windows

    def __getitem__(self, name: str) -> tuple[Row, ...]:
        names, kinds, rows = self._tables[name]
        if not rows or not any(kinds):
            return tuple(_rows(names, rows))
        columns: list[Sequence[Any]] = list(zip(*rows, strict=True))
        for index, kind in enumerate(kinds):
            if kind == "window":
                windows = self._window_list()
                columns[index] = [None if i is None else windows[i] for i in columns[index]]
            elif kind == "date":
                day = _dt.date.fromordinal
                columns[index] = [None if n is None else day(n) for n in columns[index]]
        return tuple(_rows(names, zip(*columns, strict=True)))

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)


def read_bundled() -> PackageData:
    """Read the bundled package: its compiled rows, if its files are unchanged since then.

    After any change to its files (see :func:`_read_checked`) it is read and
    fully validated like any other package (its ISO codes are then checked by
    the test suite, not here).
    """
    with gc_paused():
        data = _read_checked()
        if data is not None:
            return data
        data, problems = read(_bundled_opener(), check_countries=False)
    if data is None:
        raise DataError(problems)
    return data


def _path_opener(path: str | Any) -> Opener:
    from pathlib import Path

    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(
            f"expected a directory path (str or os.PathLike), got {type(path).__name__} {path!r}"
        )
    root = Path(path)
    if not root.is_dir():
        raise FileNotFoundError(f"{str(path)!r} is not a directory holding a {DESCRIPTOR}")

    def open_text(name: str) -> str:
        return (root / name).read_text(encoding="utf-8")

    return open_text


def check_path(path: str | Any) -> list[Problem]:
    """Every problem of the package in directory ``path`` (empty when it is valid)."""
    opener = _path_opener(path)
    with gc_paused():
        _, problems = read(opener, check_countries=True)
    return problems


def read_path(path: str | Any) -> PackageData:
    """Read and fully validate the package in directory ``path``; raise DataError if defective."""
    opener = _path_opener(path)
    with gc_paused():
        data, problems = read(opener, check_countries=True)
    if data is None:
        raise DataError(problems)
    return data
