"""MkDocs hook: pages that show generated content stay in step with the code.

- ``<!-- ilrs:cli-help -->`` in a page becomes the ``--help`` text of the ``ilrs``
  command and of each subcommand.
- The charts of ``ilrs.plot`` are drawn into the built site as PNG files under
  ``images/`` (nothing is written into ``docs/``), so the docs show the current data.
"""

from __future__ import annotations

import os

CLI_MARKER = "<!-- ilrs:cli-help -->"
BLOCS_MARKER = "<!-- ilrs:blocs-both -->"
CHARTS = {
    "membership_timeline": "membership.png",
    "missions_timeline": "missions.png",
    "bloc_race": "race.png",
    "bloc_map": "blocs.png",
}


def _cli_help() -> str:
    import argparse

    from ilrs.cli import build_parser

    parser = build_parser()
    os.environ["COLUMNS"] = "88"
    parts = ["```text\n$ ilrs --help\n" + parser.format_help() + "```\n"]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                parts.append(f"### `ilrs {name}`\n\n```text\n{sub.format_help()}```\n")
    return "\n".join(parts)


def _blocs_both() -> str:
    import ilrs

    day = min(ilrs.DATA_AS_OF, ilrs.artemis.DATA_AS_OF)
    rows = [r for r in ilrs.blocs(day) if r.bloc is ilrs.Bloc.BOTH]
    lines = [
        f"On {day} (the older of the two data dates: both are current to it), "
        f"{len(rows)} states are in both:",
        "",
        "| state | joined the ILRS | signed the Accords | NASA's number |",
        "|---|---|---|---|",
    ]
    for row in rows:
        number = "" if row.accords_order is None else str(row.accords_order)
        lines.append(f"| {row.name} | {row.ilrs_joined} | {row.accords_joined} | {number} |")
    return "\n".join(lines) + "\n"


def on_page_markdown(markdown: str, page, config, files) -> str:
    if CLI_MARKER in markdown:
        markdown = markdown.replace(CLI_MARKER, _cli_help())
    if BLOCS_MARKER in markdown:
        markdown = markdown.replace(BLOCS_MARKER, _blocs_both())
    return markdown


def on_files(files, config):
    """Add the charts to the site as generated files, drawn from the current data."""
    import io

    import matplotlib
    from mkdocs.structure.files import File

    matplotlib.use("Agg")
    from ilrs import plot

    for chart, name in CHARTS.items():
        buffer = io.BytesIO()
        getattr(plot, chart)().savefig(buffer, format="png", dpi=110)
        files.append(File.generated(config, f"images/{name}", content=buffer.getvalue()))
    return files
