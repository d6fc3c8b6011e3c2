"""The ``ilrs`` command line: query the bundled data, or check a data package.

Every listing prints as a table fitted to the terminal (default), JSON or CSV.
A bad argument prints one line to stderr and exits with status 2; ``validate``
exits 1 when the package has problems. The command never prints a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from typing import Any

from ._version import __version__
from .artemis import blocs
from .bundle import ARTEMIS_DATA_AS_OF, ARTEMIS_DATA_VERSION, DATA_AS_OF, DATA_VERSION, bundled
from .dataset import Dataset
from .errors import DataError
from .results import Results, to_plain
from .tabular import card_text, csv_rows, text_table
from .validate import check


class UsageError(Exception):
    """A bad argument: reported on one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse would print usage and exit
        raise UsageError(message)


def _width() -> int:
    return shutil.get_terminal_size().columns


def _render(records: Sequence[Any], fmt: str) -> str:
    """A listing as text in one format: table, json or csv."""
    if fmt == "json":
        return json.dumps([to_plain(r) for r in records], ensure_ascii=False, indent=2) + "\n"
    of = records.of if isinstance(records, Results) else None
    if fmt == "csv":
        buffer = io.StringIO()
        if of is not None:
            csv.writer(buffer, lineterminator="\n").writerows(csv_rows(records, of))
        return buffer.getvalue()
    caption = records.caption if isinstance(records, Results) else f"{len(records)} records"
    return text_table(records, of, width=_width(), caption=caption, max_rows=None) + "\n"


def _show(dataset: Dataset, key: str, fmt: str) -> str:
    record: Any
    try:
        record = dataset.get(key)
    except LookupError as miss:
        try:
            record = dataset.mission(key)
        except LookupError:
            raise miss from None
    if fmt == "json":
        return json.dumps(to_plain(record), ensure_ascii=False, indent=2) + "\n"
    return card_text(record, width=_width()) + "\n"


def _format(cmd: argparse.ArgumentParser) -> argparse.ArgumentParser:
    cmd.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help="table (default; main columns, fitted to the terminal), json (whole "
        "records) or csv (every column; list items joined with '|')",
    )
    return cmd


def _add_queries(sub: Any, *, programme: bool) -> None:
    """The query commands, for the ILRS (with its programme) or for the Accords."""

    def listing(name: str, help_text: str) -> argparse.ArgumentParser:
        return _format(sub.add_parser(name, help=help_text, description=help_text))

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
    if programme:
        missions = listing("missions", "missions and infrastructure")
        missions.add_argument("--status", metavar="STATUS")
        missions.add_argument("--phase", metavar="PHASE", help="a phase id or name (basic-model)")
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
    what = "signatory or mission" if programme else "signatory"
    show = sub.add_parser(
        "show",
        help=f"one {what}, as a card (or JSON)",
        description=f"One {what}: a readable card, or the whole record as JSON.",
    )
    show.add_argument("key", help=f"id, name, alias or ISO code of a {what}")
    show.add_argument("--format", choices=("card", "json"), default="card")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``ilrs`` command (its errors raise `UsageError`)."""
    parser = _Parser(
        prog="ilrs",
        description="Query the curated ILRS dataset "
        f"(data {DATA_VERSION}, current to {DATA_AS_OF}), and the Artemis Accords beside it.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"ilrs {__version__} (data {DATA_VERSION}, as of {DATA_AS_OF}; "
        f"Artemis Accords data {ARTEMIS_DATA_VERSION}, as of {ARTEMIS_DATA_AS_OF})",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    _add_queries(sub, programme=True)
    artemis = sub.add_parser(
        "artemis",
        help="the same queries over the Artemis Accords",
        description="Query the bundled Artemis Accords data "
        f"({ARTEMIS_DATA_VERSION}, current to {ARTEMIS_DATA_AS_OF}).",
    )
    _add_queries(
        artemis.add_subparsers(dest="command", required=True, parser_class=_Parser),
        programme=False,
    )
    artemis.set_defaults(package="artemis")
    blocs = _format(
        sub.add_parser(
            "blocs",
            help="states in the ILRS, the Artemis Accords or both on a date",
            description="One row per state in the ILRS, the Artemis Accords or both on a date, "
            "with both joining windows.",
        )
    )
    blocs.add_argument("--as-of", required=True, metavar="DATE", help="e.g. 2025-01-01")
    blocs.add_argument(
        "--organizations",
        action="store_true",
        help="also ILRS organizations whose host state signed the Accords",
    )
    export = sub.add_parser(
        "export",
        help="write every table to a directory",
        description="Write every table (signatories, agreements, sources, missions, launch "
        "announcements, payloads, plans, phases, counts, ...) as one file each to a "
        "directory. Files are written under temporary names and renamed only when all "
        "are written; links in the directory are replaced, never followed.",
    )
    export.add_argument("--format", choices=("csv", "json"), required=True)
    export.add_argument("--out", required=True, metavar="DIR", help="created if missing")
    validate = sub.add_parser(
        "validate",
        help="check a data package directory",
        description="Check a data package directory; list every problem (exit status 1).",
    )
    validate.add_argument("path")
    parser.set_defaults(package="ilrs")
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
    return LISTINGS[command](dataset)


def _all_phases(dataset: Dataset) -> Results[Any]:
    phases = [phase for plan in dataset.plans() for phase in dataset.phases(plan)]
    return Results(phases, of=type(phases[0]) if phases else None, query="every plan's phases")


def _launch_announcements(dataset: Dataset) -> Results[Any]:
    found = [a for m in dataset.missions() for a in m.launch_announcements]
    return Results(found, of=type(found[0]) if found else None, query="launch announcements")


def _payloads(dataset: Dataset) -> Results[Any]:
    found = [p for m in dataset.missions() for p in m.payloads]
    return Results(found, of=type(found[0]) if found else None, query="payloads")


#: The listings that take no argument, by command name.
LISTINGS: dict[str, Callable[[Dataset], Sequence[Any]]] = {
    "plans": lambda d: d.plans(),
    "counts": lambda d: d.compare_counts(),
    "exclusions": lambda d: d.exclusions(),
    "gaps": lambda d: d.gaps(),
    "sources": lambda d: d.sources(),
}

#: The tables ``export`` writes, by file name.
TABLES: dict[str, Callable[[Dataset], Sequence[Any]]] = {
    "signatories": lambda d: d.signatories(),
    "agreements": lambda d: d.agreements(),
    "sources": lambda d: d.sources(),
    "missions": lambda d: d.missions(),
    "launch_announcements": _launch_announcements,
    "payloads": _payloads,
    "plans": lambda d: d.plans(),
    "phases": _all_phases,
    "official_counts": lambda d: d.official_counts(),
    "counts": lambda d: d.compare_counts(),
    "timeline": lambda d: d.timeline(),
    "exclusions": lambda d: d.exclusions(),
    "gaps": lambda d: d.gaps(),
}


def _export(dataset: Dataset, fmt: str, folder: str) -> str:
    """Write every table to ``folder``; all files appear, or none (returns their paths)."""
    if not folder:
        raise UsageError("--out needs a directory, got an empty path")
    if os.path.lexists(folder) and not os.path.isdir(folder):
        raise UsageError(f"--out {folder!r} exists and is not a directory")
    os.makedirs(folder, exist_ok=True)
    finals = {name: os.path.join(folder, f"{name}.{fmt}") for name in TABLES}
    for final in finals.values():
        if os.path.isdir(final) and not os.path.islink(final):
            raise UsageError(f"cannot write {final!r}: a directory of that name is in the way")
    written: list[tuple[str, str]] = []
    try:
        for name, query in TABLES.items():
            # a new file of a name of its own (never an existing file, link or FIFO)
            handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=folder)
            written.append((temporary, finals[name]))
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
                file.write(_render(query(dataset), fmt))
        for temporary, final in written:
            os.replace(temporary, final)  # replaces a link or FIFO there; follows neither
    except BaseException:
        for temporary, _ in written:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        raise
    return "".join(f"{final}\n" for final in finals.values())


def _validate(path: str, out: Any, err: Any) -> int:
    try:
        problems = check(path)
    except (FileNotFoundError, ValueError, TypeError) as exc:
        raise UsageError(str(exc)) from None
    text = "".join(f"{problem}\n" for problem in problems)
    if problems:
        _write(out, text)
        err.write(f"ilrs: {len(problems)} problem(s) in {path}\n")
        return 1
    _write(out, f"ok: {path} is a valid ilrs data package\n")
    return 0


def _message(exc: BaseException) -> str:
    """One line for an error: never a traceback, never raw errno text."""
    if isinstance(exc, OSError):
        where = f" {exc.filename!r}" if exc.filename is not None else ""
        reason = (exc.strerror or type(exc).__name__).lower()
        return f"cannot use{where}: {reason}"
    if isinstance(exc, LookupError) and exc.args:
        text = str(exc.args[0])
    elif isinstance(exc, DataError):
        text = f"the bundled data is defective: {exc.problems[0] if exc.problems else exc}"
    else:
        text = str(exc)
    return text.splitlines()[0] if text else type(exc).__name__


def _write(out: Any, text: str, fmt: str = "table") -> None:
    """Write ``text`` whole, even where the output cannot encode every character.

    JSON falls back to ASCII escapes (the same data), CSV to UTF-8 bytes, and a
    table to ``?`` for what cannot be shown.
    """
    try:
        out.write(text)
    except UnicodeEncodeError:
        if fmt == "json":
            out.write(json.dumps(json.loads(text), ensure_ascii=True, indent=2) + "\n")
        elif fmt == "csv" and hasattr(out, "buffer"):
            out.flush()
            out.buffer.write(text.encode("utf-8"))
        else:
            encoding = getattr(out, "encoding", None) or "ascii"
            out.write(text.encode(encoding, "replace").decode(encoding))


def run(argv: Sequence[str] | None, out: Any, err: Any) -> int:
    """Run the command line with ``argv``; return the exit status."""
    try:
        args = build_parser().parse_args(argv)
        command = args.command
        if command == "validate":
            return _validate(args.path, out, err)
        if command == "blocs":
            found = blocs(args.as_of, organizations=args.organizations)
            _write(out, _render(found, args.format), args.format)
            return 0
        dataset = bundled(args.package)
        if command == "show":
            _write(out, _show(dataset, args.key, args.format), args.format)
        elif command == "export":
            _write(out, _export(dataset, args.format, args.out))
        else:
            _write(out, _render(_listing(dataset, args), args.format), args.format)
        return 0
    except BrokenPipeError:
        raise
    except (UsageError, ValueError, TypeError, LookupError, OSError) as exc:
        err.write(f"ilrs: error: {_message(exc)}\n")
        return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ilrs`` console script and ``python -m ilrs``."""
    if sys.stdout is None:  # started with standard output closed
        if sys.stderr is not None:
            sys.stderr.write("ilrs: error: standard output is closed\n")
        return 2
    try:
        status = run(argv, sys.stdout, sys.stderr)
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. piped into head: stop quietly
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # (so that the exit flush fails no more)
        except (OSError, ValueError):
            pass
        return 0
    except OSError as exc:  # e.g. a closed or full standard output
        sys.stderr.write(f"ilrs: error: {_message(exc)}\n")
        return 2
    return status
