"""Break copies of the bundled data on purpose and check that the validator catches it.

Each defect in ``DEFECTS`` damages one thing in a copy of ``ilrs/data`` (a file,
a header, a cell, a key, a reference, the descriptor) and says which problem
``ilrs validate`` must report for it: the file, the record, the field and a
fragment of the message. The script runs the real command line,
``python -m ilrs validate DIR``, on

- one copy per defect, and
- one copy per group in ``TOGETHER`` carrying all of that group's defects at once,

and checks that every run exits with status 1 and reports every defect it
carries, not only the first::

    python scripts/break_data.py             # run everything, exit 1 if a defect was missed
    python scripts/break_data.py --list      # list the defects
    python scripts/break_data.py --keep DIR  # leave the broken copies in DIR to look at

The tests import this file (tests/test_reliability.py), so the catalogue is
checked on every test run.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

BUNDLED = Path(str(files("ilrs").joinpath("data")))


@dataclass(frozen=True)
class Expected:
    """The problem a validator must report for one defect."""

    file: str
    #: As ``ilrs.Problem.record`` shows it: ``"'china'"`` (a key, quoted) or ``None``.
    record: str | None
    field: str | None
    #: Text the problem's message must contain.
    fragment: str

    def matches(self, problem: object) -> bool:
        """True when ``problem`` (an ``ilrs.Problem``) reports this defect."""
        return (
            getattr(problem, "file", None) == self.file
            and (self.record is None or getattr(problem, "record", None) == self.record)
            and (self.field is None or getattr(problem, "field", None) == self.field)
            and self.fragment in str(getattr(problem, "message", ""))
        )

    def found_in(self, lines: Iterable[str]) -> bool:
        """True when one line of ``ilrs validate`` output reports this defect."""
        for line in lines:
            where, _, message = line.partition(": ")
            parts = where.split(", ")
            if parts[0] != self.file or self.fragment not in message:
                continue
            if self.record is not None and f"record {self.record}" not in parts[1:]:
                continue
            if self.field is not None and f"field {self.field!r}" not in parts[1:]:
                continue
            return True
        return False

    def __str__(self) -> str:
        where = [self.file]
        if self.record is not None:
            where.append(f"record {self.record}")
        if self.field is not None:
            where.append(f"field {self.field!r}")
        return f"{', '.join(where)}: ...{self.fragment}..."


@dataclass(frozen=True)
class Defect:
    """One deliberate defect: what it breaks, and how to break a copy."""

    name: str
    description: str
    #: Damages the package in the given directory and returns what must be reported.
    apply: Callable[[Path], Expected]


# ---------------------------------------------------------------------------
# editing a copy


def read_table(package: Path, table: str) -> tuple[list[str], list[dict[str, str]]]:
    with open(package / f"{table}.csv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def write_table(
    package: Path, table: str, header: Sequence[str], rows: Iterable[dict[str, str]]
) -> None:
    with open(package / f"{table}.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(header), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def set_cell(package: Path, table: str, index: int, field: str, value: str) -> dict[str, str]:
    """Set one cell of row ``index``; return the row as it was."""
    header, rows = read_table(package, table)
    before = dict(rows[index])
    rows[index][field] = value
    write_table(package, table, header, rows)
    return before


def cell_defect(
    name: str, description: str, table: str, index: int, field: str, value: str, fragment: str
) -> Defect:
    def apply(package: Path) -> Expected:
        row = set_cell(package, table, index, field, value)
        return Expected(f"{table}.csv", repr(row["id"]), field, fragment)

    return Defect(name, description, apply)


def _remove_file(package: Path) -> Expected:
    (package / "gaps.csv").unlink()
    return Expected("gaps.csv", None, None, "file is missing")


def _unterminated_quote(package: Path) -> Expected:
    with open(package / "payloads.csv", "a", encoding="utf-8", newline="") as fh:
        fh.write('x-1,change-7,"a quoted cell that never ends\n')
    return Expected("payloads.csv", None, None, "does not parse as CSV")


def _not_utf8(package: Path) -> Expected:
    with open(package / "official_counts.csv", "ab") as fh:
        fh.write(b"count-x,2024,Someone,\xff\xfe,,,words,src-x\n")
    return Expected("official_counts.csv", None, None, "not UTF-8")


def _bad_header(package: Path) -> Expected:
    path = package / "plans.csv"
    head, sep, rest = path.read_text(encoding="utf-8").partition("\n")
    path.write_text(head.replace("scope", "scoop") + sep + rest, encoding="utf-8")
    return Expected("plans.csv", None, None, "bad header")


def _duplicate_id(package: Path) -> Expected:
    header, rows = read_table(package, "missions")
    write_table(package, "missions", header, [*rows, dict(rows[0])])
    return Expected("missions.csv", repr(rows[0]["id"]), "id", "duplicate primary key")


def _dangling_reference(package: Path) -> Expected:
    row = set_cell(package, "phase_missions", 0, "mission_id", "atlantis-base")
    return Expected(
        "phase_missions.csv",
        repr(f"{row['phase_id']}/atlantis-base"),
        "mission_id",
        "'atlantis-base'",
    )


def _after_data_as_of(package: Path) -> Expected:
    row = set_cell(package, "agreements", 1, "announced", "2099-01-01")
    return Expected("agreements.csv", repr(row["id"]), "announced", "reaches past")


def _path_outside(package: Path) -> Expected:
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["name"] == "exclusion_sources":
            resource["path"] = "../exclusion_sources.csv"
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    return Expected("datapackage.json", "'exclusion_sources'", "path", "inside the package")


def _descriptor_not_json(package: Path) -> Expected:
    path = package / "datapackage.json"
    path.write_text(path.read_text(encoding="utf-8")[:-40], encoding="utf-8")
    return Expected("datapackage.json", None, None, "does not parse as JSON")


def _uncited_mission(package: Path) -> Expected:
    header, rows = read_table(package, "mission_sources")
    victim = rows[0]["mission_id"]
    write_table(package, "mission_sources", header, [r for r in rows if r["mission_id"] != victim])
    return Expected("missions.csv", repr(victim), None, "cites no source")


def _joined_disagrees(package: Path) -> Expected:
    header, rows = read_table(package, "signatories")
    _, agreements = read_table(package, "agreements")
    signed = {a["signatory_id"] for a in agreements}
    index = next(i for i, r in enumerate(rows) if r["evidence"] == "signed" and r["id"] in signed)
    victim = rows[index]["id"]
    rows[index]["joined"] = "2021-01-01"
    write_table(package, "signatories", header, rows)
    return Expected("signatories.csv", repr(victim), "joined", "first agreement")


def _announced_before_signed(package: Path) -> Expected:
    header, rows = read_table(package, "agreements")
    index = next(i for i, r in enumerate(rows) if r["signed"] > "2022")
    rows[index]["announced"] = "2021-01-01"
    write_table(package, "agreements", header, rows)
    return Expected("agreements.csv", repr(rows[index]["id"]), "announced", "before it was signed")


DEFECTS: tuple[Defect, ...] = (
    Defect("missing-resource", "gaps.csv deleted", _remove_file),
    Defect("csv-does-not-parse", "payloads.csv ends inside a quoted cell", _unterminated_quote),
    Defect("not-utf8", "official_counts.csv holds bytes that are not UTF-8", _not_utf8),
    Defect("bad-header", "plans.csv header renames 'scope' to 'scoop'", _bad_header),
    cell_defect(
        "impossible-date",
        "an agreement signed on 30 February",
        "agreements",
        0,
        "signed",
        "2023-02-30",
        "impossible date",
    ),
    cell_defect(
        "reversed-window",
        "a launch target window that ends before it starts",
        "launch_announcements",
        0,
        "launch_window",
        "2031/2030",
        "reversed",
    ),
    Defect("duplicate-id", "a mission row appears twice", _duplicate_id),
    Defect(
        "dangling-reference", "a phase names a mission that does not exist", _dangling_reference
    ),
    cell_defect(
        "unknown-enum",
        "a signatory of type 'planet'",
        "signatories",
        0,
        "type",
        "planet",
        "unknown value 'planet'",
    ),
    cell_defect(
        "invalid-iso-code",
        "an exclusion with the unassigned country code QQQ",
        "exclusions",
        0,
        "country_code",
        "QQQ",
        "ISO 3166-1",
    ),
    cell_defect("source-without-url", "a source with no URL", "sources", 0, "url", "", "required"),
    cell_defect(
        "url-not-http",
        "a source whose URL is not http(s)",
        "sources",
        1,
        "url",
        "ftp://example.org/x",
        "http(s) URL",
    ),
    cell_defect(
        "not-an-integer", "a phase whose order is 'first'", "phases", 0, "order", "first", "integer"
    ),
    cell_defect(
        "required-cell-empty", "a mission with no name", "missions", 1, "name", "", "required"
    ),
    Defect("date-after-data-as-of", "an agreement announced in 2099", _after_data_as_of),
    Defect(
        "path-outside-package",
        "datapackage.json points a resource outside the package",
        _path_outside,
    ),
    Defect("descriptor-not-json", "datapackage.json cut short", _descriptor_not_json),
    Defect("uncited-record", "a mission whose every source row was removed", _uncited_mission),
    Defect(
        "joined-disagrees",
        "a signatory's joined date differs from its first agreement's",
        _joined_disagrees,
    ),
    Defect(
        "announced-before-signed",
        "an agreement announced before it was signed",
        _announced_before_signed,
    ),
)

BY_NAME = {defect.name: defect for defect in DEFECTS}

#: Defects that go into one copy together; each group must be reported whole.
#: The rules (sourcing, joined vs first agreement...) need every cell to parse,
#: so they are grouped apart from the file, cell and key defects.
TOGETHER: dict[str, tuple[str, ...]] = {
    "files-cells-keys": (
        "missing-resource",
        "csv-does-not-parse",
        "not-utf8",
        "bad-header",
        "impossible-date",
        "reversed-window",
        "duplicate-id",
        "dangling-reference",
        "unknown-enum",
        "invalid-iso-code",
        "source-without-url",
        "url-not-http",
        "not-an-integer",
        "required-cell-empty",
        "date-after-data-as-of",
        "path-outside-package",
    ),
    "rules": ("uncited-record", "joined-disagrees", "announced-before-signed"),
}


def broken_copy(target: Path, names: Sequence[str]) -> list[tuple[str, Expected]]:
    """Copy the bundled package to ``target``, apply the named defects, return what to expect."""
    shutil.copytree(BUNDLED, target)
    return [(name, BY_NAME[name].apply(target)) for name in names]


def validate(package: Path) -> tuple[int, list[str]]:
    """Run ``python -m ilrs validate package``; return its status and output lines."""
    done = subprocess.run(
        [sys.executable, "-m", "ilrs", "validate", str(package)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    return done.returncode, done.stdout.splitlines()


def check(package: Path, names: Sequence[str]) -> tuple[bool, str]:
    """Break ``package`` (a new directory) with ``names``; validate; report on each defect."""
    expected = broken_copy(package, names)
    status, lines = validate(package)
    report = [f"  exit status {status}, {len(lines)} problem line(s)"]
    ok = status == 1
    for name, want in expected:
        found = want.found_in(lines)
        ok = ok and found
        report.append(f"  {'reported' if found else 'MISSED  '}  {name:24} {want}")
    return ok, "\n".join(report)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list the defects and exit")
    parser.add_argument("--keep", metavar="DIR", help="leave the broken copies in DIR")
    args = parser.parse_args(argv)
    if args.list:
        for defect in DEFECTS:
            print(f"{defect.name:24} {defect.description}")
        return 0
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="ilrs-broken-"))
    root.mkdir(parents=True, exist_ok=True)
    runs = [(d.name, (d.name,)) for d in DEFECTS]
    runs += [(f"together-{group}", names) for group, names in TOGETHER.items()]
    failures = 0
    try:
        for label, names in runs:
            ok, report = check(root / label, names)
            failures += not ok
            print(f"{'ok  ' if ok else 'FAIL'} {label}")
            print(report)
    finally:
        if not args.keep:
            shutil.rmtree(root)
    print(f"{len(runs) - failures} of {len(runs)} broken copies refused with every defect reported")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
