"""The ``ilrs`` command line: query the bundled data, or check a data package.

Every listing prints as an aligned table (default), JSON or CSV. A bad
argument prints one line to stderr and exits with status 2; ``validate``
exits 1 when the package has problems.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from . import DATA_AS_OF, DATA_VERSION, __version__
from .dataset import Dataset
from .records import (
    Agreement,
    Mission,
    OfficialCount,
    Phase,
    Plan,
    Signatory,
)

Column = tuple[str, Callable[[Any], Any]]


def _join(values: Sequence[Any]) -> str:
    return "; ".join(str(v.value if hasattr(v, "value") else v) for v in values)


COLUMNS: dict[type, list[Column]] = {
    Signatory: [
        ("id", lambda s: s.id),
        ("name", lambda s: s.name),
        ("type", lambda s: s.type.value),
        ("country_code", lambda s: s.country_code or ""),
        ("joined", lambda s: s.joined.edtf),
        ("evidence", lambda s: s.evidence.value),
    ],
    Agreement: [
        ("id", lambda a: a.id),
        ("signatory_id", lambda a: a.signatory_id),
        ("kind", lambda a: a.kind.value),
        ("signed", lambda a: a.signed.edtf),
        ("ilrs_parties", lambda a: _join(a.ilrs_parties)),
        ("partner_parties", lambda a: _join(a.partner_parties)),
    ],
    Mission: [
        ("id", lambda m: m.id),
        ("name", lambda m: m.name),
        ("lead_agency", lambda m: m.lead_agency),
        ("kinds", lambda m: _join(m.kinds)),
        ("status", lambda m: m.status.value),
        ("launched", lambda m: m.launched.isoformat() if m.launched else ""),
    ],
    Phase: [
        ("order", lambda p: p.order),
        ("id", lambda p: p.id),
        ("name", lambda p: p.name),
        ("start_year", lambda p: "" if p.start_year is None else p.start_year),
        ("end_year", lambda p: "" if p.end_year is None else p.end_year),
        ("missions", lambda p: _join(p.mission_ids)),
    ],
    Plan: [
        ("id", lambda p: p.id),
        ("published", lambda p: p.published.edtf),
        ("published_by", lambda p: p.published_by),
        ("name", lambda p: p.name),
    ],
    OfficialCount: [
        ("id", lambda c: c.id),
        ("stated", lambda c: c.stated.edtf),
        ("speaker", lambda c: c.speaker),
        (
            "countries_and_orgs",
            lambda c: "" if c.countries_and_orgs is None else c.countries_and_orgs,
        ),
        ("institutions", lambda c: "" if c.institutions is None else c.institutions),
        ("total", lambda c: "" if c.total is None else c.total),
    ],
}


#: Cells wider than this are cut in table output (JSON and CSV keep them whole).
WIDEST = 48


class UsageError(Exception):
    """A bad argument: reported on one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse would print usage and exit
        raise UsageError(message)


def _render(records: Sequence[Any], fmt: str, out: io.TextIOBase | Any) -> None:
    if fmt == "json":
        from .results import to_plain

        json.dump([to_plain(r) for r in records], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    columns = COLUMNS[type(records[0])] if records else []
    rows = [[str(get(r)) for _, get in columns] for r in records]
    if fmt == "table":
        rows = [[c if len(c) <= WIDEST else c[: WIDEST - 1] + "…" for c in row] for row in rows]
    headers = [name for name, _ in columns]
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(headers)
        writer.writerows(rows)
        return
    if not records:
        out.write("(none)\n")
        return
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    out.write(line.rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in rows:
        out.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")


def _show(dataset: Dataset, key: str, out: Any) -> None:
    from .results import to_plain

    record: Any
    try:
        record = dataset.get(key)
    except LookupError as miss:
        try:
            record = dataset.mission(key)
        except LookupError:
            raise miss from None
    json.dump(to_plain(record), out, ensure_ascii=False, indent=2)
    out.write("\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ilrs",
        description="Query the curated ILRS dataset "
        f"(data {DATA_VERSION}, current to {DATA_AS_OF}).",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"ilrs {__version__} (data {DATA_VERSION}, as of {DATA_AS_OF})",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def listing(name: str, help_text: str) -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        cmd.add_argument("--format", choices=("table", "json", "csv"), default="table")
        return cmd

    members = listing("members", "signatories that had certainly joined by a date")
    members.add_argument("--as-of", required=True, metavar="DATE", help="e.g. 2024-06-01")
    members.add_argument("--type", metavar="TYPE", help="country, university, ...")
    possible = listing("possible", "signatories whose joining window straddles a date")
    possible.add_argument("--as-of", required=True, metavar="DATE")
    possible.add_argument("--type", metavar="TYPE")
    signatories = listing("signatories", "every signatory, in order of joining")
    signatories.add_argument("--type", metavar="TYPE")
    agreements = listing("agreements", "every agreement, in order of signing")
    agreements.add_argument("--signatory", metavar="KEY")
    agreements.add_argument("--kind", metavar="KIND")
    missions = listing("missions", "missions and infrastructure")
    missions.add_argument("--status", metavar="STATUS")
    missions.add_argument("--phase", metavar="PHASE")
    missions.add_argument("--kind", metavar="KIND")
    phases = listing("phases", "phases of a plan version (the current one by default)")
    phases.add_argument("--plan", metavar="PLAN")
    listing("plans", "published versions of the roadmap")
    listing("counts", "official statements of the number of partners")
    show = sub.add_parser("show", help="one signatory or mission as JSON")
    show.add_argument("key", help="id, name, alias or ISO code")
    validate = sub.add_parser("validate", help="check a data package directory")
    validate.add_argument("path")
    return parser


def run(argv: Sequence[str] | None, out: Any, err: Any) -> int:
    """Run the command line with ``argv``; return the exit status."""
    from . import bundled

    try:
        args = build_parser().parse_args(argv)
        command = args.command
        if command == "validate":
            return _validate(args.path, out, err)
        dataset = bundled()
        if command == "show":
            _show(dataset, args.key, out)
            return 0
        records: Sequence[Any]
        if command == "members":
            records = dataset.members_as_of(args.as_of, type=args.type)
        elif command == "possible":
            records = dataset.possible_members_as_of(args.as_of, type=args.type)
        elif command == "signatories":
            records = dataset.signatories(type=args.type)
        elif command == "agreements":
            records = dataset.agreements(signatory=args.signatory, kind=args.kind)
        elif command == "missions":
            records = dataset.missions(status=args.status, phase=args.phase, kind=args.kind)
        elif command == "phases":
            records = dataset.phases(args.plan)
        elif command == "plans":
            records = dataset.plans()
        else:
            records = dataset.official_counts()
        _render(records, args.format, out)
        return 0
    except (UsageError, ValueError, TypeError, LookupError) as exc:
        message = str(exc.args[0]) if isinstance(exc, LookupError) and exc.args else str(exc)
        err.write(f"ilrs: error: {message.splitlines()[0] if message else type(exc).__name__}\n")
        return 2


def _validate(path: str, out: Any, err: Any) -> int:
    from .package import check_path

    try:
        problems = check_path(path)
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from None
    for problem in problems:
        out.write(f"{problem}\n")
    if problems:
        err.write(f"ilrs: {len(problems)} problem(s) in {path}\n")
        return 1
    out.write(f"ok: {path} is a valid ilrs data package\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ilrs`` console script and ``python -m ilrs``."""
    try:
        return run(argv, sys.stdout, sys.stderr)
    except BrokenPipeError:  # e.g. piped into head
        return 0
