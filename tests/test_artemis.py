"""The Artemis Accords package, its queries, the blocs beside the ILRS, and their charts."""

import csv
import datetime as dt
import io
import itertools
import json
import re
from pathlib import Path

import pytest

import ilrs
from ilrs import artemis
from ilrs.cli import run
from ilrs.schema import BUNDLED

ACCORDS = Path(BUNDLED["artemis"])


def call(*argv):
    out, err = io.StringIO(), io.StringIO()
    status = run(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def ordinal(number):
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


# -- the package -------------------------------------------------------------------


def test_the_package_is_valid_with_full_checks_and_follows_the_ilrs_schema():
    from ilrs.validate import check

    assert check(ACCORDS) == []
    ours = json.loads((ACCORDS / "datapackage.json").read_text(encoding="utf-8"))
    theirs = json.loads((Path(BUNDLED["ilrs"]) / "datapackage.json").read_text(encoding="utf-8"))
    assert ours["resources"] == theirs["resources"]
    assert ours["name"] == "artemis-accords"
    assert (ours["version"], ours["ilrs:dataAsOf"]) == (
        artemis.DATA_VERSION,
        artemis.DATA_AS_OF.isoformat(),
    )


def test_data_as_of_is_the_newest_source_date():
    data = artemis.bundled_accords()
    assert max(s.published.latest for s in data.sources()) == data.data_as_of


def test_every_signatory_is_a_state_with_one_signing_and_a_source():
    for signatory in artemis.signatories():
        assert signatory.type is ilrs.SignatoryType.COUNTRY and signatory.country_code
        assert signatory.all_sources, signatory.id
        if signatory.evidence is not ilrs.Evidence.REPORTED:
            assert len(signatory.agreements) == 1, signatory.id
            assert signatory.agreements[0].kind is ilrs.AgreementKind.DECLARATION


def test_every_source_has_a_kind_a_real_title_and_is_cited():
    data = artemis.bundled_accords()
    cited = {s.id for r in data.signatories() for s in r.all_sources}
    cited |= {c.source.id for c in data.official_counts()}
    cited |= {s.id for g in data.gaps() for s in g.sources}
    cited |= {s.id for e in data.exclusions() for s in e.sources}
    for source in data.sources():
        assert source.id in cited, source.id
        assert "not read" not in source.title and "URL slug" not in source.title, source.id
        assert not source.title.startswith(("[", "(")), source.id


def test_nasa_numbers_run_without_repeats_and_every_missing_one_is_a_gap():
    numbers = [s.order for s in artemis.signatories() if s.order is not None]
    assert len(numbers) == len(set(numbers)) and min(numbers) >= 1
    # NASA counts the eight founders first, without numbering them one by one
    founders = [s for s in artemis.signatories() if s.evidence is ilrs.Evidence.FOUNDER]
    assert len(founders) == 8 and all(s.order is None for s in founders)
    explained = " ".join(g.description for g in artemis.gaps())
    for missing in sorted(set(range(len(founders) + 1, max(numbers) + 1)) - set(numbers)):
        mentioned = re.search(rf"\b{missing}(st|nd|rd|th)?\b", explained)
        assert mentioned, f"no signatory and no gap for the {ordinal(missing)}"


def test_nasa_numbers_agree_with_the_dates():
    numbered = sorted((s for s in artemis.signatories() if s.order), key=lambda s: s.order)
    for earlier, later in itertools.pairwise(numbered):
        assert earlier.joined.latest <= later.joined.latest, (earlier.id, later.id)


@pytest.mark.parametrize(
    "count", list(artemis.official_counts()), ids=lambda c: f"{c.id}:{c.countries_and_orgs}"
)
def test_members_on_each_stated_count_match_nasas_number(count):
    day = count.stated.latest
    # signatories known to exist but not identified (a gap with a count) are counted too
    unnamed = sum(g.count for g in artemis.gaps() if g.count and g.date.latest <= day)
    members = len(artemis.members_as_of(day)) + unnamed
    possible = len(artemis.possible_members_as_of(day))
    number = count.countries_and_orgs or count.total
    if count.countries_and_orgs_bound is ilrs.Bound.LOWER_BOUND:
        assert members + possible >= number
    else:
        # the stated number is reached by the day of the statement, counting the signings
        # whose day is uncertain only as far as their window allows
        assert members <= number <= members + possible, (members, possible)


def test_the_eight_founders_signed_on_13_october_2020():
    founders = artemis.members_as_of("2020-10-13")
    assert len(founders) == 8
    assert {s.country_code for s in founders} == {
        "AUS", "CAN", "ITA", "JPN", "LUX", "ARE", "GBR", "USA",
    }  # fmt: skip
    assert all(s.evidence is ilrs.Evidence.FOUNDER for s in founders)


# -- queries ------------------------------------------------------------------------


def test_the_same_queries_and_records_as_the_ilrs():
    members = artemis.members_as_of("2025-01-01")
    assert isinstance(members, ilrs.Results) and members.of is ilrs.Signatory
    assert members.package == "artemis-accords"
    assert artemis.get("JPN") is artemis.get("Japan")
    assert artemis.timeline()[-1].total == len(artemis.signatories())
    assert isinstance(artemis.timeline(), ilrs.Results)
    frame = members.to_dataframe()
    assert list(frame["id"]) == [s.id for s in members]
    assert "ilrs data" not in str(members) and "artemis-accords data" in str(members)


def test_blocs_name_the_states_in_both():
    rows = ilrs.blocs(artemis.DATA_AS_OF)
    both = {row.country_code for row in rows if row.bloc is ilrs.Bloc.BOTH}
    ilrs_states = {s.country_code for s in ilrs.members_as_of(artemis.DATA_AS_OF, type="country")}
    accords = {s.country_code for s in artemis.members_as_of(artemis.DATA_AS_OF)}
    assert both == ilrs_states & accords
    assert {"THA", "SEN"} <= both
    assert {row.country_code for row in rows} == ilrs_states | accords
    for row in rows:
        assert (row.ilrs_joined is not None) == (row.bloc is not ilrs.Bloc.ACCORDS)
        assert (row.accords_joined is not None) == (row.bloc is not ilrs.Bloc.ILRS)


@pytest.mark.parametrize("day", ["2021-03-09", "2023-12-31", "2024-12-20", "2025-07-31"])
def test_blocs_on_any_day_follow_the_membership_rule(day):
    when = dt.date.fromisoformat(day)
    rows = ilrs.blocs(day)
    for row in rows:
        if row.ilrs_joined:
            assert row.ilrs_joined.latest <= when
        if row.accords_joined:
            assert row.accords_joined.latest <= when


def test_blocs_can_add_ilrs_organizations_hosted_by_accords_states():
    rows = ilrs.blocs(artemis.DATA_AS_OF, organizations=True)
    bodies = [row for row in rows if row.type is not ilrs.SignatoryType.COUNTRY]
    assert bodies and all(row.accords_joined is not None for row in bodies)
    assert {"oman-lens", "belgrade-observatory"} & {row.id for row in bodies}


# -- command line and charts ----------------------------------------------------------


def test_cli_blocs_and_artemis_members():
    status, out, _ = call("blocs", "--as-of", str(artemis.DATA_AS_OF), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert status == 0 and {"both", "ilrs", "accords"} == {r["bloc"] for r in rows}
    status, out, _ = call("artemis", "members", "--as-of", "2020-10-13", "--format", "json")
    assert status == 0 and len(json.loads(out)) == 8
    status, out, _ = call("artemis", "show", "Japan")
    assert status == 0 and out.startswith("Japan (Signatory")


def test_every_state_of_both_packages_has_a_tile():
    from ilrs.plot import _tiles

    tiles = _tiles()
    codes = {s.country_code for s in artemis.signatories()}
    codes |= {s.country_code for s in ilrs.signatories() if s.country_code}
    codes |= {e.country_code for e in ilrs.exclusions() if e.country_code}
    assert codes <= set(tiles), sorted(codes - set(tiles))
    assert len(set(tiles.values())) == len(tiles)


def test_race_chart_and_map_draw(tmp_path):
    pytest.importorskip("matplotlib")
    from ilrs import plot

    race = plot.bloc_race()
    texts = " ".join(t.get_text() for t in race.texts)
    assert artemis.DATA_VERSION in texts and ilrs.DATA_VERSION in texts
    labels = [t.get_text() for t in race.axes[0].get_legend().get_texts()]
    assert labels == ["states in the Artemis Accords", "states in the ILRS", "states in both"]
    bloc_map = plot.bloc_map("2025-01-01")
    legend = [t.get_text() for t in bloc_map.axes[0].get_legend().get_texts()]
    both = sum(1 for row in ilrs.blocs("2025-01-01") if row.bloc is ilrs.Bloc.BOTH)
    assert f"both ({both})" in legend
    for figure, name in ((race, "race.png"), (bloc_map, "map.png")):
        figure.savefig(tmp_path / name)
        assert (tmp_path / name).read_bytes()[:4] == b"\x89PNG"
