"""Results conversions (DataFrame, HTML), timeline, count comparisons, plots and export."""

import csv
import io
import json
import pickle
import sys

import pandas as pd
import pytest
from matplotlib.figure import Figure

import ilrs
from ilrs import plot
from ilrs.cli import run
from ilrs.tabular import columns_for

QUERIES = {
    "members_as_of": lambda: ilrs.members_as_of("2024-06-01"),
    "signatories": lambda: ilrs.signatories(),
    "agreements": lambda: ilrs.agreements(),
    "missions": lambda: ilrs.missions(),
    "phases": lambda: ilrs.phases(),
    "plans": lambda: ilrs.plans(),
    "official_counts": lambda: ilrs.official_counts(),
    "compare_counts": lambda: ilrs.compare_counts(),
    "exclusions": lambda: ilrs.exclusions(),
    "gaps": lambda: ilrs.gaps(),
    "sources": lambda: ilrs.sources(),
    "timeline": lambda: ilrs.timeline(),
}


def call(*argv):
    out, err = io.StringIO(), io.StringIO()
    status = run(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("name", QUERIES)
def test_every_query_result_converts(name):
    results = QUERIES[name]()
    assert isinstance(results, ilrs.Results) and isinstance(results, tuple)
    frame = results.to_dataframe()
    assert len(frame) == len(results) > 0
    names = [c.name for c in columns_for(results.of)]
    assert [c for c in frame.columns if c in names] == names
    html = results._repr_html_()
    assert "<table" in html and f"{len(results)} " in html
    assert json.loads(json.dumps(results.to_records()))


def test_signatory_frame_has_ids_names_types_codes_and_real_dates():
    members = ilrs.members_as_of("2024-06-01")
    frame = members.to_dataframe()
    assert {"id", "name", "type", "country_code", "joined_earliest", "joined_latest"} <= set(
        frame.columns
    )
    assert str(frame["joined_latest"].dtype).startswith("datetime64")
    assert list(frame["id"]) == [s.id for s in members]
    assert [d.date() for d in frame["joined_latest"]] == [s.joined.latest for s in members]
    pakistan = frame.set_index("id").loc["pakistan"]
    assert pakistan["country_code"] == "PAK" and pakistan["type"] == "country"


def test_open_start_windows_have_no_earliest_date_in_the_frame():
    frame = ilrs.signatories().to_dataframe().set_index("id")
    bolivia = ilrs.get("bolivia")
    assert bolivia.joined.earliest is None
    assert pd.isna(frame.loc["bolivia", "joined_earliest"])
    assert frame.loc["bolivia", "joined_precision"] == "open_start"


def test_empty_results_still_have_their_columns():
    empty = ilrs.members_as_of("2000-01-01")
    assert len(empty) == 0 and empty.of is ilrs.Signatory
    frame = empty.to_dataframe()
    assert len(frame) == 0 and "joined_latest" in frame.columns
    assert "0 Signatory records" in empty._repr_html_()


def test_to_dataframe_names_the_extra_without_pandas(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"ilrs\[pandas\]"):
        ilrs.signatories().to_dataframe()


def test_html_escapes_text():
    html = ilrs.missions()._repr_html_()
    assert "Chang&#x27;e-4" in html and "Chang'e-4" not in html


def test_results_are_immutable_sliceable_and_picklable():
    members = ilrs.members_as_of("2024-06-01")
    with pytest.raises(AttributeError):
        members.of = ilrs.Agreement
    head = members[:3]
    assert isinstance(head, ilrs.Results) and head.of is ilrs.Signatory and len(head) == 3
    assert members[0] is next(iter(members)) and members[-1] is list(members)[-1]
    again = pickle.loads(pickle.dumps(members))
    assert again == members and again.of is ilrs.Signatory


def test_timeline_agrees_with_members_as_of():
    import datetime as dt

    points = ilrs.timeline()
    assert [p.date for p in points] == sorted({p.date for p in points})
    for point in points:
        on = ilrs.members_as_of(point.date)
        before = ilrs.members_as_of(point.date - dt.timedelta(days=1))
        assert point.total == len(on)
        assert set(point.added) == {s.id for s in on} - {s.id for s in before}
        for kind in ilrs.SignatoryType:
            assert point.count(kind) == len(ilrs.members_as_of(point.date, type=kind))
    assert points[-1].total == len(ilrs.signatories())


def test_timeline_marks_approximate_dates():
    approximate = {p for point in ilrs.timeline() for p in point.approximate}
    expected = {s.id for s in ilrs.signatories() if s.joined.precision is not ilrs.Precision.DAY}
    assert approximate == expected and "bolivia" in approximate


def test_timeline_by_type_and_cached():
    countries = ilrs.timeline(type="country")
    assert countries[-1].total == len(ilrs.signatories(type="country"))
    assert all(p.total == p.count("country") for p in countries)
    assert ilrs.timeline() is ilrs.timeline()
    with pytest.raises(ValueError, match="planet"):
        ilrs.timeline(type="planet")


def test_compare_counts_sets_claims_beside_documented_members():
    comparisons = ilrs.compare_counts()
    assert [c.id for c in comparisons] == [c.id for c in ilrs.official_counts()]
    for comparison in comparisons:
        members = ilrs.members_as_of(comparison.on)
        # a count that leaves China and Russia out is compared with the members less them
        if comparison.count.founders_included is False:
            members = [s for s in members if s.evidence is not ilrs.Evidence.FOUNDER]
        assert comparison.on == comparison.count.stated.latest
        assert comparison.documented_total == len(members)
        states = sum(
            1 for s in members if s.type.value in ("country", "intergovernmental_organization")
        )
        assert comparison.documented_countries_and_orgs == states


# -- plots -----------------------------------------------------------------


@pytest.mark.parametrize("chart", ["membership_timeline", "missions_timeline"])
def test_charts_are_figures_with_title_legend_and_source(chart, tmp_path):
    fig = getattr(plot, chart)()
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_title(loc="left")
    assert any(a.get_legend() is not None for a in fig.axes) or fig.legends
    texts = " ".join(t.get_text() for t in fig.texts)
    assert ilrs.DATA_AS_OF.isoformat() in texts and ilrs.DATA_VERSION in texts
    path = tmp_path / f"{chart}.png"
    fig.savefig(path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_membership_chart_ends_at_the_member_count():
    fig = plot.membership_timeline()
    annotations = [t.get_text() for t in fig.axes[0].texts]
    assert str(len(ilrs.signatories())) in annotations
    labels = [t.get_text() for t in fig.axes[1].get_yticklabels()]
    assert "Bolivia" in labels and "China" not in labels


def test_slip_chart_has_a_panel_per_mission_whose_target_moved():
    fig = plot.missions_timeline()
    titles = [
        a.get_title(loc="left") for a in fig.axes if a.get_visible() and a.get_title(loc="left")
    ]
    expected = [
        m.name
        for m in ilrs.missions()
        if len({a.announced for a in m.launch_announcements}) >= 2
        or (m.launch_announcements and m.launched)
    ]
    assert len(titles) == len(expected)
    for title, name in zip(titles, expected, strict=True):
        assert name.startswith(title.rstrip("…"))
    assert "Chang'e-7" in titles
    # every panel shares its axes, and a launch is a star on the diagonal
    first = fig.axes[0]
    assert all(a.get_xlim() == first.get_xlim() for a in fig.axes if a.get_title(loc="left"))
    stars = [line for line in first.get_lines() if line.get_marker() == "*"]
    assert stars and stars[0].get_xdata()[0] == stars[0].get_ydata()[0]


def test_slip_chart_draws_chosen_missions_and_refuses_unknown_ones():
    fig = plot.missions_timeline(missions=["CE-7", "Luna-26"])
    titles = [a.get_title(loc="left") for a in fig.axes if a.get_title(loc="left")]
    assert titles == ["Chang'e-7", "Luna-26"]
    with pytest.raises(LookupError, match="Atlantis"):
        plot.missions_timeline(missions=["Atlantis"])


def test_plot_names_the_extra_without_matplotlib(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    plot._chart_class.cache_clear()
    try:
        with pytest.raises(ImportError, match=r"ilrs\[plot\]"):
            plot.membership_timeline()
    finally:
        plot._chart_class.cache_clear()


def test_plot_refuses_what_is_not_a_dataset():
    with pytest.raises(TypeError, match="Dataset"):
        plot.membership_timeline("bundled")


# -- command line ------------------------------------------------------------


def test_cli_timeline_and_counts():
    status, out, _ = call("timeline", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert status == 0 and [r["date"] for r in rows] == [
        p.date.isoformat() for p in ilrs.timeline()
    ]
    assert rows[-1]["total"] == str(len(ilrs.signatories()))
    status, out, _ = call("counts", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert status == 0
    assert {"claimed_countries_and_orgs", "documented_countries_and_orgs"} <= set(rows[0])
    assert [r["documented_total"] for r in rows] == [
        str(c.documented_total) for c in ilrs.compare_counts()
    ]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_cli_export_writes_every_table(fmt, tmp_path):
    out_dir = tmp_path / "export"
    status, out, err = call("export", "--format", fmt, "--out", str(out_dir))
    assert status == 0 and err == ""
    written = sorted(p.name for p in out_dir.iterdir())
    assert f"signatories.{fmt}" in written and f"missions.{fmt}" in written
    assert len(out.splitlines()) == len(written)
    path = out_dir / f"signatories.{fmt}"
    if fmt == "csv":
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            ids = [row["id"] for row in reader]
            assert reader.fieldnames == [c.name for c in columns_for(ilrs.Signatory)]
    else:
        ids = [row["id"] for row in json.loads(path.read_text(encoding="utf-8"))]
    assert ids == [s.id for s in ilrs.signatories()]


def test_cli_export_refuses_a_file_as_out(tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("x")
    status, out, err = call("export", "--format", "csv", "--out", str(target))
    assert status == 2 and out == "" and err.count("\n") == 1 and "file.txt" in err


def test_cli_export_needs_a_format(tmp_path):
    status, _, err = call("export", "--out", str(tmp_path))
    assert status == 2 and err.startswith("ilrs: error: ")
