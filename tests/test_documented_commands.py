"""Every shell command and Python block of README.md and docs/ runs, as a reader would run it.

Shell commands (``sh`` blocks, one per line, ``&&`` chains split) run with the
``ilrs`` command of the environment under test, in a scratch folder that holds
a copy of the bundled package at ``src/ilrs/data`` (as a clone has it). Python
blocks (``python`` blocks) run page by page in one interpreter, in order, so a
page's later blocks may use its earlier ones. ``pycon`` blocks are doctests
(tests/test_docs.py). A few commands are not run here; each is listed with the
reason.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BUNDLED

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"```(sh|python)\n(.*?)```", re.S)

#: Commands a test cannot run, with the reason: each is checked some other way.
NOT_RUN = {
    "python3 -m venv": "makes the virtual environment the rest of the line runs in",
    ". .venv/bin/activate": "activates that environment (here: the one under test)",
    "pip install": "installs: the test suite runs against the installed wheel",
    "bash scripts/check": "is the test suite itself (.ci/run runs it)",
    "mkdocs build": "builds the docs site: tests/test_docs.py does",
    "python benchmarks/run.py": "takes minutes: its budgets are checked by running it (docs/performance.md)",
    "HYPOTHESIS_PROFILE=extended": "the extended property run takes minutes",
    "python scripts/break_data.py": "tests/test_reliability.py runs the same breakage",
    "python scripts/snapshot.py": "rewrites files of the checkout: tests/test_data.py checks them",
    "python scripts/data_docs.py": "rewrites docs/data.md: tests/test_data.py checks it",
}


def blocks(kind):
    for page in PAGES:
        found = [
            body for language, body in BLOCK.findall(page.read_text("utf-8")) if language == kind
        ]
        if found:
            yield page, found


def commands():
    for page, found in blocks("sh"):
        for body in found:
            for line in body.splitlines():
                line = line.split("  #")[0].strip()
                if not line or line.startswith("#"):
                    continue
                for part in line.split("&&"):
                    yield pytest.param(part.strip(), id=f"{page.name}: {part.strip()}")


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    """A scratch folder laid out like a clone, as far as the documented commands need."""
    folder = tmp_path_factory.mktemp("clone")
    shutil.copytree(BUNDLED, folder / "src" / "ilrs" / "data")
    return folder


def run_in(folder, command, *, shell=False):
    """Run ``command`` as a reader would, in ``folder``, with the environment under test."""
    return subprocess.run(
        command,
        shell=shell,
        cwd=folder,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=300,
    )


def environment():
    bin_dir = str(Path(sys.executable).parent)
    return {
        **os.environ,
        "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
        "COLUMNS": "100",
    }


@pytest.mark.parametrize("command", list(commands()))
def test_a_documented_command_runs(command, clone):
    skipped = [reason for prefix, reason in NOT_RUN.items() if command.startswith(prefix)]
    if skipped:
        pytest.skip(f"{command!r} {skipped[0]}")
    done = run_in(clone, command, shell=True)
    assert done.returncode == 0, f"{command!r} failed:\n{done.stderr[-2000:]}"
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("page", "found"), list(blocks("python")), ids=lambda v: getattr(v, "name", "")
)
def test_a_documented_python_page_runs(page, found, clone):
    script = "\n\n".join(found)
    done = run_in(
        clone, [sys.executable, "-c", "import matplotlib; matplotlib.use('Agg')\n" + script]
    )
    assert done.returncode == 0, f"a Python block of {page.name} failed:\n{done.stderr[-2000:]}"


def test_every_documented_command_is_run_or_has_a_reason():
    found = [p.values[0] for p in commands()]
    assert found, "the pages hold shell commands"
    ran = [c for c in found if not any(c.startswith(prefix) for prefix in NOT_RUN)]
    assert len(ran) >= 10
