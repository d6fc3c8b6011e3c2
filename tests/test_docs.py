"""The docs: their examples run, and the site builds without warnings."""

import doctest
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PYCON = re.compile(r"```pycon\n(.*?)```", re.S)


@pytest.mark.parametrize(
    "page", sorted(p.name for p in DOCS.glob("*.md") if "```pycon" in p.read_text(encoding="utf-8"))
)
def test_examples_in_docs_pages_run(page):
    text = (DOCS / page).read_text(encoding="utf-8")
    examples = "\n".join(block + "\n" for block in PYCON.findall(text))
    test = doctest.DocTestParser().get_doctest(examples, {}, page, page, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert test.examples, "a page with pycon blocks has examples"
    assert runner.failures == 0, f"{runner.failures} example(s) in docs/{page} fail (see output)"


def test_docs_site_builds_strict(tmp_path):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if line.startswith("WARNING")]
    assert warnings == []
    site = tmp_path / "site"
    assert (site / "images" / "membership.png").read_bytes()[:4] == b"\x89PNG"
    assert (site / "images" / "missions.png").read_bytes()[:4] == b"\x89PNG"
    for chart in ("race.png", "blocs.png"):
        assert (site / "images" / chart).read_bytes()[:4] == b"\x89PNG"
    blocs = (site / "artemis" / "index.html").read_text(encoding="utf-8")
    assert "states are in both" in blocs and "Thailand" in blocs
    cli = (site / "cli" / "index.html").read_text(encoding="utf-8")
    assert "ilrs export" in cli and "--as-of" in cli
    reference = (site / "reference" / "index.html").read_text(encoding="utf-8")
    assert "members_as_of" in reference and "DateWindow" in reference
    assert 'id="ilrs.timeline"' in reference  # the function, not a module of that name
    for page in site.rglob("*.html"):  # Markdown docstrings: no Sphinx role shows raw
        text = page.read_text(encoding="utf-8")
        assert not re.search(r":(class|func|meth|mod|attr|data):`", text), page
    data = (site / "data" / "index.html").read_text(encoding="utf-8")
    assert "stylesheets/extra.css" in data  # tables fit the page and wrap (no hidden columns)
    css = (site / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    assert "display: table" in css and "overflow-wrap" in css
    notebook = (site / "ilrs_analysis" / "index.html").read_text(encoding="utf-8")
    assert notebook.count("ilrs-table") >= 3 and "data:image/png" in notebook
    assert "ilrs-card" in notebook
