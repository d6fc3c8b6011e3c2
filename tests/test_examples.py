"""The examples run, and the notebook executes without an error."""

import subprocess
import sys
from pathlib import Path

import pytest

import ilrs

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(*argv, cwd):
    return subprocess.run(
        [sys.executable, *map(str, argv)], capture_output=True, text=True, check=True, cwd=cwd
    ).stdout


def test_membership_by_region(tmp_path):
    out = run(EXAMPLES / "membership_by_region.py", "--csv", cwd=tmp_path)
    rows = [line.split(",") for line in out.splitlines()]
    header, last = rows[0], rows[-1]
    assert header[0] == "year_end" and "Europe" in header
    assert sum(int(cell) for cell in last[1:]) == len(ilrs.members_as_of(ilrs.DATA_AS_OF))
    table = run(EXAMPLES / "membership_by_region.py", cwd=tmp_path)
    assert "Pakistan" in table and str(ilrs.DATA_AS_OF) in table


def test_mission_slips(tmp_path):
    png = tmp_path / "slips.png"
    out = run(EXAMPLES / "mission_slips.py", "--png", png, cwd=tmp_path)
    assert "Chang'e-6" in out and "(flew)" in out
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_notebook_executes(tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.read(EXAMPLES / "ilrs_analysis.ipynb", as_version=4)
    nbclient.NotebookClient(
        notebook,
        timeout=180,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    tables = [o for o in outputs if "text/html" in o.get("data", {})]
    assert len(images) == 3 and len(tables) >= 3


def test_the_committed_notebook_shows_its_outputs():
    # so that a reader sees its tables and charts without running it
    nbformat = pytest.importorskip("nbformat")
    notebook = nbformat.read(EXAMPLES / "ilrs_analysis.ipynb", as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.outputs for cell in code)
    kinds = {key for cell in code for output in cell.outputs for key in output.get("data", {})}
    assert {"text/html", "image/png"} <= kinds
