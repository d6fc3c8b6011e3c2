"""The ``ilrs`` command line: query the bundled data, or check a data package.

Every listing prints as an aligned table (default), JSON or CSV. A bad
argument prints one line to stderr and exits with status 2; ``validate``
exits 1 when the package has problems.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
from collections.abc import Callable, Sequence
from typing import Any

from ._version import __version__
from .bundle import DATA_AS_OF, DATA_VERSION, bundled
from .dataset import Dataset
from .results import Results, to_plain
from .tabular import csv_rows, text_table


class UsageError(Exception):
    """A bad argument: reported on one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse would print usage and exit
        raise UsageError(message)


def _render(records: Sequence[Any], fmt: str, out: Any) -> None:
    if fmt == "json":
        json.dump([to_plain(r) for r in records], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    of = records.of if isinstance(records, Results) else None
    if of is None and records:
        of = type(records[0])
    if fmt == "csv":
        if of is not None:
            csv.writer(out, lineterminator="\n").writerows(csv_rows(records, of))
        return
    caption = records.caption if isinstance(records, Results) else f"{len(records)} records"
    width = shutil.get_terminal_size().columns
    out.write(text_table(records, of, width=width, caption=caption, max_rows=None) + "\n")


def _show(dataset: Dataset, key: str, out: Any) -> None:
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
    """The argument parser of the ``ilrs`` command (its errors raise `UsageError`)."""
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
        cmd.add_argument(
            "--format",
            choices=("table", "json", "csv"),
            default="table",
            help="table (default; main columns), json (whole records) or csv (every column)",
        )
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
    agreements.add_argument("--signatory", metavar="KEY", help="id, name, alias or ISO code")
    agreements.add_argument("--kind", metavar="KIND")
    missions = listing("missions", "missions and infrastructure")
    missions.add_argument("--status", metavar="STATUS")
    missions.add_argument("--phase", metavar="PHASE")
    missions.add_argument("--kind", metavar="KIND")
    phases = listing("phases", "phases of a plan version (the current one by default)")
    phases.add_argument("--plan", metavar="PLAN")
    listing("plans", "published versions of the roadmap")
    timeline = listing("timeline", "members by type on each day membership changed")
    timeline.add_argument("--type", metavar="TYPE")
    listing("counts", "official counts of partners beside the members documented by then")
    listing("exclusions", "states reported as joining that are not counted, and why")
    listing("gaps", "known gaps: partners or facts too thinly sourced for a record")
    listing("sources", "every source cited")
    show = sub.add_parser(
        "show", help="one signatory or mission as JSON", description="one record as JSON"
    )
    show.add_argument("key", help="id, name, alias or ISO code of a signatory, or a mission")
    export = sub.add_parser(
        "export",
        help="write every table to a directory",
        description="Write every table (signatories, agreements, missions, ...) "
        "as one file each to a directory.",
    )
    export.add_argument("--format", choices=("csv", "json"), required=True)
    export.add_argument("--out", required=True, metavar="DIR", help="created if missing")
    validate = sub.add_parser(
        "validate",
        help="check a data package directory",
        description="Check a data package directory; list every problem (exit status 1).",
    )
    validate.add_argument("path")
    return parser


def _listing(dataset: Dataset, args: argparse.Namespace) -> Sequence[Any]:
    command = args.command
    if command == "members":
        return dataset.members_as_of(args.as_of, type=args.type)
    if command == "possible":
        return dataset.possible_members_as_of(args.as_of, type=args.type)
    if command == "signatories":
        return dataset.signatories(type=args.type)
    if command == "agreements":
        return dataset.agreements(signatory=args.signatory, kind=args.kind)
    if command == "missions":
        return dataset.missions(status=args.status, phase=args.phase, kind=args.kind)
    if command == "phases":
        return dataset.phases(args.plan)
    if command == "timeline":
        return dataset.timeline(type=args.type)
    return TABLES[command](dataset)


#: The tables ``export`` writes, by file name, and the simple listings.
TABLES: dict[str, Callable[[Dataset], Sequence[Any]]] = {
    "signatories": lambda d: d.signatories(),
    "agreements": lambda d: d.agreements(),
    "missions": lambda d: d.missions(),
    "plans": lambda d: d.plans(),
    "phases": lambda d: [phase for plan in d.plans() for phase in d.phases(plan)],
    "timeline": lambda d: d.timeline(),
    "counts": lambda d: d.compare_counts(),
    "exclusions": lambda d: d.exclusions(),
    "gaps": lambda d: d.gaps(),
    "sources": lambda d: d.sources(),
}


def _export(dataset: Dataset, fmt: str, folder: str, out: Any) -> None:
    from pathlib import Path

    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise UsageError(f"--out {folder!r} exists and is not a directory")
    target.mkdir(parents=True, exist_ok=True)
    for name, query in TABLES.items():
        path = target / f"{name}.{fmt}"
        with open(path, "w", encoding="utf-8", newline="") as fh:
            _render(query(dataset), fmt, fh)
        out.write(f"{path}\n")


def run(argv: Sequence[str] | None, out: Any, err: Any) -> int:
    """Run the command line with ``argv``; return the exit status."""
    try:
        args = build_parser().parse_args(argv)
        command = args.command
        if command == "validate":
            return _validate(args.path, out, err)
        dataset = bundled()
        if command == "show":
            _show(dataset, args.key, out)
        elif command == "export":
            _export(dataset, args.format, args.out, out)
        else:
            _render(_listing(dataset, args), args.format, out)
        return 0
    except BrokenPipeError:
        raise
    except (UsageError, ValueError, TypeError, LookupError, OSError) as exc:
        message = str(exc.args[0]) if isinstance(exc, LookupError) and exc.args else str(exc)
        err.write(f"ilrs: error: {message.splitlines()[0] if message else type(exc).__name__}\n")
        return 2


def _validate(path: str, out: Any, err: Any) -> int:
    from .validate import check

    try:
        problems = check(path)
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
