"""What a reader sees: tables that fit, short reprs, cards, grouped tables, periods, counts, lookups."""

import datetime as dt
import io
import os
import subprocess
import sys
import warnings

import pytest

import ilrs
from conftest import every_record
from ilrs import DateWindow, Results
from ilrs.cli import run

D = dt.date


def call(*argv):
    out, err = io.StringIO(), io.StringIO()
    status = run(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


# -- readable text ------------------------------------------------------------------


def test_print_of_a_query_is_a_captioned_table_fitted_to_100_columns():
    code = "import ilrs; print(ilrs.members_as_of('2024-06-01'))"
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "100"},
    )
    lines = done.stdout.splitlines()
    members = ilrs.members_as_of("2024-06-01")
    assert lines[0].startswith(f"{len(members)} Signatory records · members_as_of('2024-06-01')")
    assert f"ilrs data {ilrs.DATA_VERSION}, as of {ilrs.DATA_AS_OF}" in lines[0]
    assert max(len(line) for line in lines[1:]) <= 100
    assert lines[1].split()[:2] == ["id", "name"] and len(lines) == len(members) + 3


@pytest.mark.parametrize("width", [60, 80, 100, 180])
def test_tables_fit_any_width_and_never_cut_a_date(width):
    for results in (ilrs.signatories(), ilrs.missions(), ilrs.agreements(), ilrs.compare_counts()):
        text = results.to_text(width, max_rows=None)
        assert max(len(line) for line in text.splitlines()[1:]) <= width
    windows = {s.joined.edtf for s in ilrs.signatories()}
    shown = ilrs.signatories().to_text(60, max_rows=None)
    assert all(edtf in shown for edtf in windows)


def test_every_bundled_record_has_a_short_repr():
    lengths = {type(r).__name__: 0 for r in every_record(ilrs.bundled())}
    for record in every_record(ilrs.bundled()):
        lengths[type(record).__name__] = max(lengths[type(record).__name__], len(repr(record)))
    assert max(lengths.values()) < 600, lengths


def test_nested_collections_are_results_that_print_as_tables():
    serbia = ilrs.get("serbia")
    assert isinstance(serbia.agreements, Results) and serbia.agreements.of is ilrs.Agreement
    assert isinstance(serbia.sources, Results) and isinstance(serbia.all_sources, Results)
    mission = ilrs.mission("change-6")
    assert isinstance(mission.launch_announcements, Results)
    assert isinstance(mission.payloads, Results) and mission.payloads.of is ilrs.Payload
    assert str(serbia.agreements).startswith("1 Agreement record")
    assert serbia.agreements.to_text(100).splitlines()[1].startswith("id")


def test_print_of_a_record_is_a_card_with_its_agreements_and_sources():
    card = ilrs.get("pakistan").to_text(100)
    assert card.startswith("Pakistan (Signatory pakistan)\n")
    assert "joined:" in card and "agreements (" in card and "sources (" in card
    assert all(s.url in card for s in ilrs.get("pakistan").sources)


def test_a_record_in_a_notebook_is_an_html_card():
    html = ilrs.get("pakistan")._repr_html_()
    assert 'class="ilrs-card"' in html and "<th>joined</th>" in html
    assert '<table class="ilrs-table"><caption>agreements (' in html
    assert all(f'href="{s.url}"' in html for s in ilrs.get("pakistan").sources)


def test_html_tables_are_left_aligned_and_keep_dates_whole():
    html = ilrs.signatories()._repr_html_()
    assert "text-align:left" in html and "white-space:nowrap" in html
    assert '<td class="nowrap">2024-05-07/2024-05-08</td>' in html or "2024-05-08" in html


def test_by_type_is_a_new_dict_that_shows_as_one_grouped_table():
    groups = ilrs.by_type("2024-06-01")
    assert isinstance(groups, dict) and list(groups) == list(ilrs.SignatoryType)
    text = groups.to_text(100)
    assert text.count("\n") == sum(len(v) for v in groups.values()) + 2
    assert text.splitlines()[1].split()[:2] == ["group", "id"]
    html = groups._repr_html_()
    assert html.count("<table") == 1 and "<th>country</th>" in html
    frame = groups.to_dataframe()
    assert list(frame["group"].unique()) == [k.value for k, v in groups.items() if v]
    groups.clear()
    assert ilrs.by_type("2024-06-01")[ilrs.SignatoryType.COUNTRY]


# -- date windows and periods -------------------------------------------------------


def test_windows_sort_by_last_day_then_first():
    windows = [DateWindow.parse(t) for t in ("2024-05", "2024-05-31", "../2024-05-31", "2024")]
    assert [w.edtf for w in sorted(windows)] == ["../2024-05-31", "2024-05", "2024-05-31", "2024"]
    assert DateWindow.parse("2024-05-08") < DateWindow.parse("2024-05-09")
    with pytest.raises(TypeError):
        _ = DateWindow.parse("2024") < "2024"


def test_windows_contain_overlap_and_lie_within_periods():
    may = DateWindow.parse("2024-05")
    assert may.contains("2024-05-31") and not may.contains(D(2024, 6, 1))
    assert may.overlaps(("2024-05-31", "2024-12-31")) and not may.overlaps(
        ("2024-06-01", "2024-12-31")
    )
    assert may.overlaps(DateWindow.parse("../2024-05-01"))
    assert may.within(DateWindow.year(2024)) and not may.within(("2024-05-02", "2024-12-31"))
    assert DateWindow.parse("../2025-04-28").overlaps(("2024-01-01", "2024-12-31"))
    with pytest.raises(ValueError, match="reversed period"):
        may.overlaps(("2024-12-31", "2024-01-01"))


def test_joined_in_keeps_the_certain_apart_from_the_possible():
    joined = ilrs.joined_in(2024)
    certain = {s.id for s in joined["certain"]}
    possible = {s.id for s in joined["possible"]}
    assert "serbia" in certain and not certain & possible
    # known only as "on or before 28 April 2025": possibly in 2024, never dropped
    assert {"bolivia", "djibouti", "ethiopia"} <= possible
    for signatory in ilrs.signatories():
        window = signatory.joined
        if window.within(DateWindow.year(2024)):
            assert signatory.id in certain
        elif window.overlaps(DateWindow.year(2024)):
            assert signatory.id in possible
    assert ilrs.joined_between("2024-01-01", "2024-12-31") == joined
    with pytest.raises(ValueError, match="reversed period"):
        ilrs.joined_between("2025-01-01", "2024-01-01")


# -- counts that say what they are ----------------------------------------------------


def test_official_counts_say_what_kind_of_number_each_is():
    for count in ilrs.official_counts():
        assert isinstance(count.kind, ilrs.CountKind)
        for name in ("countries_and_orgs", "institutions", "total"):
            assert (getattr(count, name) is None) == (getattr(count, f"{name}_bound") is None)


def test_compare_counts_compares_like_with_like():
    compared = {c.id: c for c in ilrs.compare_counts()}
    for comparison in compared.values():
        count = comparison.count
        if count.kind is ilrs.CountKind.TARGET:
            assert not comparison.comparable and "target" in comparison.note
        else:
            assert comparison.comparable
        if count.founders_included is False:
            assert not comparison.founders_included and "left out" in comparison.note
            founders = sum(
                1 for s in ilrs.members_as_of(comparison.on) if s.evidence is ilrs.Evidence.FOUNDER
            )
            assert comparison.documented_total == len(ilrs.members_as_of(comparison.on)) - founders
    assert any(not c.comparable for c in compared.values())


# -- lookups that explain --------------------------------------------------------------


def test_a_miss_on_an_excluded_state_names_the_reason():
    turkey = next(e for e in ilrs.exclusions() if e.country_code == "TUR")
    for key in ("Turkey", "TUR", "tr"):
        with pytest.raises(LookupError, match=r"Turkey is recorded as not a member \(") as caught:
            ilrs.get(key)
        assert "exclusions()" in str(caught.value)
        assert turkey.reason.split(". ")[0].rstrip(".")[:40] in str(caught.value)


def test_suggestions_are_names_and_never_another_states_code():
    with pytest.raises(LookupError) as caught:
        ilrs.get("UAE")
    assert "'aze'" not in str(caught.value) and "AZE" not in str(caught.value)
    with pytest.raises(LookupError, match="closest matches: 'Serbia'"):
        ilrs.get("Serbja")


# -- names --------------------------------------------------------------------------------


def test_the_launch_date_field_is_launch_window_and_target_still_works():
    note = ilrs.mission("change-6").launch_announcements[0]
    assert isinstance(note.launch_window, DateWindow)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert note.target == note.launch_window
    assert caught and caught[0].category is DeprecationWarning


def test_phase_takes_an_id_a_name_or_a_slug():
    phase = next(p for p in ilrs.phases() if p.name.lower() == "basic model")
    for key in (phase.id, "Basic model", "basic-model", "BASIC_MODEL"):
        assert ilrs.missions(phase=key) == ilrs.missions(phase=phase)
    status, out, err = call("missions", "--phase", "basic-model")
    assert status == 0 and "change-7" in out, err


# -- the command line -------------------------------------------------------------------


def test_cli_tables_fit_the_terminal_and_carry_the_caption(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    status, out, _ = call("signatories")
    lines = out.splitlines()
    assert status == 0 and lines[0].startswith(f"{len(ilrs.signatories())} Signatory records")
    assert max(len(line) for line in lines[1:]) <= 80


def test_cli_errors_never_show_raw_errno_text(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    status, _, err = call("export", "--format", "csv", "--out", str(blocker / "sub"))
    assert status == 2 and "Errno" not in err and err.startswith("ilrs: error: ")


def test_cli_export_writes_every_table_including_announcements_and_payloads(tmp_path):
    status, _, _ = call("export", "--format", "csv", "--out", str(tmp_path))
    written = {p.stem for p in tmp_path.glob("*.csv")}
    assert status == 0
    assert {"launch_announcements", "payloads", "official_counts", "sources"} <= written
    rows = (tmp_path / "launch_announcements.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) - 1 == sum(len(m.launch_announcements) for m in ilrs.missions())
