"""Hostile packages, misread dates, hijacked lookups, exports and a command line that never crashes.

Each test here stands for one defect an adversarial review found; every test
uses only the public API and the ``ilrs`` command, and fails on release 0.2.0.
"""

import csv
import io
import json
import os
import pickle
import subprocess
import sys
import textwrap

import pytest

import ilrs
from conftest import BUNDLED
from ilrs.cli import run


def call(*argv):
    out, err = io.StringIO(), io.StringIO()
    status = run(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def command(*argv, env=None, timeout=60, **kwargs):
    """Run ``python -m ilrs`` in a fresh interpreter (bytes in and out)."""
    return subprocess.run(
        [sys.executable, "-m", "ilrs", *map(str, argv)],
        capture_output=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        **kwargs,
    )


def refused(package):
    with pytest.raises(ilrs.DataError) as caught:
        ilrs.load(package)
    return caught.value


# -- reading outside the package, and leaking it ------------------------------------


def test_a_resource_linked_outside_the_package_is_refused(package, tmp_path):
    elsewhere = tmp_path / "elsewhere.csv"
    elsewhere.write_bytes((package / "gaps.csv").read_bytes())  # a valid table, outside
    (package / "gaps.csv").unlink()
    (package / "gaps.csv").symlink_to(elsewhere)
    error = refused(package)
    assert [p.file for p in error.problems] == ["gaps.csv"]
    assert "outside the package directory" in str(error)


def test_a_link_inside_the_package_is_followed(package):
    (package / "copies").mkdir()
    (package / "gaps.csv").rename(package / "copies" / "gaps.csv")
    (package / "gaps.csv").symlink_to(package / "copies" / "gaps.csv")
    assert ilrs.load(package).gaps() == ilrs.gaps()


def test_a_refused_file_is_never_quoted(package, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:SECRET-TOKEN-4242:/root:/bin/sh\n", encoding="utf-8")
    (package / "gaps.csv").unlink()
    (package / "gaps.csv").symlink_to(secret)
    error = refused(package)
    assert "SECRET" not in str(error) and "root:x" not in str(error)
    status = command("validate", package)
    assert status.returncode == 1 and b"SECRET" not in status.stdout + status.stderr


# -- unbounded reads -----------------------------------------------------------------


def test_a_fifo_resource_is_refused_without_hanging(package):
    (package / "gaps.csv").unlink()
    os.mkfifo(package / "gaps.csv")
    done = command("validate", package, timeout=60)  # (the old release hung here)
    assert done.returncode == 1
    assert b"gaps.csv: is not a regular file" in done.stdout


def test_a_link_to_a_device_is_refused_without_reading_it(package):
    (package / "gaps.csv").unlink()
    (package / "gaps.csv").symlink_to("/dev/zero")
    limit = "import resource; resource.setrlimit(resource.RLIMIT_AS, (2**31, 2**31))\n"
    code = (
        limit
        + f"import ilrs\ntry:\n    ilrs.load({str(package)!r})\nexcept ilrs.DataError as e:\n    print(e)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-500:]
    assert "gaps.csv" in done.stdout and "outside the package" in done.stdout


def test_a_file_over_the_size_limit_is_refused_unread(package):
    from ilrs.validate import MAX_FILE_BYTES

    with open(package / "gaps.csv", "r+b") as file:  # a sparse file: nothing is written
        file.truncate(MAX_FILE_BYTES + 1)
    error = refused(package)
    assert "more than the limit" in str(error) and error.problems[0].file == "gaps.csv"


# -- dates read another way than the writer meant -------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "3.4.2024 10:00",  # 3 April in Germany, 4 March in the US
        "03/04/2024 10:00",
        "03-04-2024 00:00",
        "3.4.2024",
        "2023-01-01/2025-01-01",  # a window, not a day
        "../2025-01-01",
        "2024-05-07/2024-05-08",  # str() of a window of the library's own
        "2024-06-01 at",  # something left over
        "2024-06-01 10:00 tomorrow",
        "13/04/76",  # a two-digit year
        "1 June 24",
        "2024-06-01 junk",
    ],
)
def test_text_that_is_not_certainly_one_day_is_refused(text):
    with pytest.raises(ValueError, match="expected one day"):
        ilrs.members_as_of(text)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("13.04.2024 10:00", "2024-04-13"),  # unambiguous: 13 is no month
        ("04/13/2024", "2024-04-13"),
        ("03/03/2024", "2024-03-03"),  # the same either way
        ("2024/04/03", "2024-04-03"),
        ("3 April 2024", "2024-04-03"),
        ("April 3, 2024", "2024-04-03"),
        ("Wednesday, 8 May 2024", "2024-05-08"),
        ("2024-06-01T23:30-05:00", "2024-06-02"),  # the day in UTC
    ],
)
def test_text_that_names_one_day_for_certain_is_read(text, day):
    from ilrs.dates import to_date

    assert to_date(text).isoformat() == day


def test_a_weekday_that_does_not_fit_is_refused():
    with pytest.raises(ValueError, match="weekday"):
        ilrs.members_as_of("Tuesday, 8 May 2024")


def test_long_text_is_refused_at_once():
    with pytest.raises(ValueError, match="longer than 64 characters"):
        ilrs.members_as_of("1" * 1_000_000)


# -- lookups hijacked by a package that passes validation ----------------------------


def test_an_alias_that_is_another_signatorys_iso_code_is_refused(package, edit):
    edit("signatories", lambda rows: rows[-1].update(aliases="SRB"))
    assert "alias 'SRB' is also the ISO code of 'serbia'" in str(refused(package))


def test_a_name_differing_only_by_case_or_spaces_is_refused(package, edit):
    edit("signatories", lambda rows: rows[-1].update(name="S E R B I A"))
    error = refused(package)
    assert "name 'S E R B I A' is also the id of 'serbia'" in str(error)


def test_a_mission_alias_that_is_another_missions_id_is_refused(package, edit):
    def hijack(rows):
        for row in rows:
            if row["id"] == "change-8":
                row["aliases"] += "|CHANGE-7"

    edit("missions", hijack)
    assert "alias 'CHANGE-7' is also the id of 'change-7'" in str(refused(package))


def test_a_unicode_variant_of_a_key_is_refused(package, edit):
    # full-width letters are the same key once normalized (NFKC)
    edit("signatories", lambda rows: rows[-1].update(aliases="ＰＡＫＩＳＴＡＮ"))  # noqa: RUF001
    assert "is also the" in str(refused(package))


# -- export ------------------------------------------------------------------------


def test_export_replaces_a_link_in_the_folder_and_never_writes_through_it(tmp_path):
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me\n", encoding="utf-8")
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "signatories.csv").symlink_to(outside)
    status, _, err = call("export", "--format", "csv", "--out", str(folder))
    assert status == 0, err
    assert outside.read_text(encoding="utf-8") == "keep me\n"
    assert not (folder / "signatories.csv").is_symlink()
    assert (folder / "signatories.csv").read_text(encoding="utf-8").startswith("id,name")


def test_export_over_a_fifo_does_not_hang(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    os.mkfifo(folder / "gaps.json")
    done = command("export", "--format", "json", "--out", folder, timeout=60)
    assert done.returncode == 0
    assert json.loads((folder / "gaps.json").read_text(encoding="utf-8"))


def test_a_failed_export_leaves_nothing_behind(tmp_path, monkeypatch):
    from ilrs import cli

    def broken(dataset):
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(cli.TABLES, "zz-last", broken)
    folder = tmp_path / "out"
    status, _, err = call("export", "--format", "csv", "--out", str(folder))
    assert status == 2 and "no space left on device" in err and "Errno" not in err
    assert list(folder.iterdir()) == []


def test_every_exported_csv_table_round_trips(tmp_path):
    from ilrs.cli import TABLES
    from ilrs.tabular import Kind, columns_for

    folder = tmp_path / "out"
    assert call("export", "--format", "csv", "--out", str(folder))[0] == 0
    dataset = ilrs.bundled()
    for name, query in TABLES.items():
        records = query(dataset)
        with open(folder / f"{name}.csv", encoding="utf-8", newline="") as file:
            rows = list(csv.DictReader(file))
        assert len(rows) == len(records), name
        for record, row in zip(records, rows, strict=True):
            for column in columns_for(type(record)):
                value = column.get(record)
                if column.kind is Kind.LIST:
                    items = [str(getattr(i, "value", i)) for i in value]
                    assert (row[column.name].split("|") if row[column.name] else []) == items
    # goals of the bundled phases hold "; ": each phase keeps its number of goals
    with open(folder / "phases.csv", encoding="utf-8", newline="") as file:
        counts = [len(row["goals"].split("|")) for row in csv.DictReader(file) if row["goals"]]
    assert counts == [len(p.goals) for p in TABLES["phases"](dataset) if p.goals]
    assert any("; " in goal for p in TABLES["phases"](dataset) for goal in p.goals)


# -- crashes instead of clear errors ---------------------------------------------------


def test_a_deeply_nested_descriptor_is_a_problem_not_a_crash(package):
    (package / "datapackage.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    done = command("validate", package)
    assert done.returncode == 1 and b"Traceback" not in done.stderr
    assert b"nested too deeply" in done.stdout


def test_a_nul_byte_in_a_resource_path_is_a_problem(package):
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"][0]["path"] = "sources\0.csv"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    done = command("validate", package)
    assert done.returncode == 1 and b"Traceback" not in done.stderr
    assert b"must be a relative path inside the package" in done.stdout


def test_a_number_too_long_to_read_is_a_problem(package):
    path = package / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"version"', '"huge": ' + "9" * 5001 + ', "version"', 1))
    done = command("validate", package)
    assert done.returncode == 1 and b"number is too long" in done.stdout


def test_the_command_line_survives_a_closed_standard_output():
    closed = subprocess.run(
        f"{sys.executable} -m ilrs members --as-of 2024-06-01 >&-",
        shell=True,
        capture_output=True,
        timeout=60,
    )
    assert b"Traceback" not in closed.stderr
    assert closed.returncode == 2 and b"standard output is closed" in closed.stderr


def test_json_on_an_ascii_only_output_is_complete_and_the_same_data():
    done = command(
        "show", "serbia", "--format", "json", env={"PYTHONIOENCODING": "ascii"}, timeout=60
    )
    assert done.returncode == 0 and b"Traceback" not in done.stderr
    assert json.loads(done.stdout)["aliases"] == list(ilrs.get("serbia").aliases)


def test_a_data_error_pickles_with_its_problems(package, edit):
    edit("signatories", lambda rows: rows[0].update(type="planet"))
    error = refused(package)
    again = pickle.loads(pickle.dumps(error))
    assert again.problems == error.problems and str(again) == str(error)


@pytest.mark.parametrize("number", ["1" + "0" * 30, "-5"])
def test_integers_without_bounds_are_refused(package, edit, number):
    edit("official_counts", lambda rows: rows[0].update(total=number))
    assert "official_counts.csv" in str(refused(package))


def test_a_year_the_charts_cannot_draw_is_refused(package, edit):
    edit("launch_announcements", lambda rows: rows[0].update(launch_window="9999"))
    assert "outside the years" in str(refused(package))


def test_a_name_with_dollar_signs_is_drawn_as_written(package, edit):
    pytest.importorskip("matplotlib")
    from ilrs import plot

    def rename(rows):
        for row in rows:
            if row["id"] == "unisat":
                row["name"] = r"Sat $\notacommand$ Corp"

    edit("signatories", rename)
    figure = plot.membership_timeline(ilrs.load(package))
    figure.savefig(io.BytesIO(), format="png")
    labels = [t.get_text() for ax in figure.axes for t in ax.get_yticklabels()]
    assert any("notacommand" in label for label in labels)


def test_a_fork_while_another_thread_loads_does_not_deadlock_the_child():
    script = textwrap.dedent(
        """
        import gc, os, sys, threading, time
        import ilrs
        import ilrs.bundle as bundle
        started, release = threading.Event(), threading.Event()
        real = bundle.read_bundled
        def slow(*args):
            started.set()
            release.wait(30)
            return real(*args)
        bundle.read_bundled = slow
        loader = threading.Thread(target=ilrs.bundled)
        loader.start()
        started.wait(30)
        pid = os.fork()
        if pid == 0:
            bundle.read_bundled = real
            ok = len(ilrs.members_as_of("2024-06-01")) > 0 and gc.isenabled()
            os._exit(0 if ok else 3)
        release.set()
        loader.join()
        _, status = os.waitpid(pid, 0)
        print(os.waitstatus_to_exitcode(status))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == "0", done.stderr[-800:]


def test_country_is_a_copy_the_caller_may_change():
    import pycountry

    country = ilrs.get("PK").country
    country.name = "Changed"
    assert pycountry.countries.get(alpha_2="PK").name == "Pakistan"
    assert ilrs.get("PK").country.name == "Pakistan"


def test_an_empty_path_is_not_the_current_directory(monkeypatch):
    monkeypatch.chdir(BUNDLED)  # a valid package is right here
    with pytest.raises(ValueError, match="empty path"):
        ilrs.load("")


# -- loose cells -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["0_2", " 2", "+2", "２", "2 ", "0x2"])  # noqa: RUF001
def test_an_integer_is_plain_ascii_digits(package, edit, text):
    edit("phases", lambda rows: rows[0].update(order=text))
    assert "is not an integer in plain digits" in str(refused(package))


def test_a_required_cell_of_blanks_is_refused(package, edit):
    edit("missions", lambda rows: rows[0].update(name="   "))
    assert "is required but blank" in str(refused(package))


@pytest.mark.parametrize("url", ["https://", "http:///path", "https://localhost x", "ftp://a.b"])
def test_a_url_needs_a_scheme_and_a_host(package, edit, url):
    edit("sources", lambda rows: rows[0].update(url=url))
    assert "is not an http(s) URL with a host" in str(refused(package))
