#!/usr/bin/env python3
"""Benchmarks and budgets for ilrs: cold start, warm queries, scale and memory.

Run from a checkout (or anywhere ilrs is importable)::

    python benchmarks/run.py            # a readable report
    python benchmarks/run.py --json     # {"scale": [...], "cold": {...}, "warm": {...}, ...}

Every budget is a ratio of two things measured in the same run, so the verdict
does not depend on how fast the machine is. The exit status is 1 when a budget
fails (2 for bad arguments). See docs/performance.md for the method.

Sections:

cold
    ``python -c "import ilrs; ilrs.members_as_of('2024-06-01')"`` against the
    peer data library a user already knows,
    ``python -c "import pycountry; pycountry.countries.get(alpha_2='DE')"``,
    and against ``python -c "import attrs"``, in fresh interpreters run as
    interleaved rounds (the order rotating), median of each. The interpreters share a
    bytecode cache (``PYTHONPYCACHEPREFIX``), filled by warm-up runs: like an
    installed wheel, whose modules pip compiles at install time, and unlike an
    editable checkout run with ``PYTHONDONTWRITEBYTECODE``, which compiles
    ilrs's source on every start. That case is measured too, for information.
    Also: which heavy modules the query imported, and where the time goes.
warm
    Per-call latency of queries on the bundled dataset against the code a user
    would write instead, or against rebuilding what the query caches.
scale
    Synthetic valid packages (the bundled layout) of N signatories, each with
    an agreement and a source and the rows linking them, loaded with
    ``ilrs.load`` in a fresh interpreter per N: load time, query latency, and
    peak memory of loading (traced by ``tracemalloc``, in a separate load).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

COLD_QUERY = "import ilrs; ilrs.members_as_of('2024-06-01')"
#: What the cold start is measured against, with the budget for each ratio.
COLD_PEERS = {
    "import pycountry; pycountry.countries.get(alpha_2='DE')": 1.1,
    "import attrs": 1.7,
}
HEAVY = ["pycountry", "dateutil.parser", "pandas", "matplotlib", "importlib.metadata"]
SIZES = (100, 1_000, 10_000, 100_000)

#: Budget limits (each a ratio measured in one run).
WARM_LIMIT = 1.0  # a query / what it saves the user (a comprehension, a rebuild)
LOAD_GROWTH_LIMIT = 1.5  # load time per record at the largest N / at the size before it
MEMORY_GROWTH_LIMIT = 1.25  # peak bytes per record at the largest N / at the one before
MEMORY_CONSTANT_LIMIT = 0.05  # fitted constant / peak at the largest N


# ---------------------------------------------------------------------------
# timing helpers


def per_call_us(call: Callable[[], object], *, target_s: float = 0.02, repeat: int = 5) -> float:
    """Best per-call time in microseconds over ``repeat`` runs of about ``target_s`` each."""
    timer = timeit.Timer(call)
    number, _ = timer.autorange()
    number = max(1, int(number * target_s / 0.2))
    return min(timer.repeat(repeat=repeat, number=number)) / number * 1e6


def run_python(code: str, env: dict[str, str]) -> float:
    """Wall time of ``python -c code`` in a fresh interpreter (the same executable)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    return time.perf_counter() - start


def python_json(code: str, env: dict[str, str] | None = None) -> Any:
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def budget(value: float, limit: float, what: str) -> dict[str, Any]:
    return {"value": round(value, 3), "limit": limit, "ok": value <= limit, "what": what}


# ---------------------------------------------------------------------------
# cold start


def cold_env(cache: str | None) -> dict[str, str]:
    env = dict(os.environ)
    if cache is None:  # as an editable checkout with no bytecode written runs
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.pop("PYTHONPYCACHEPREFIX", None)
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = cache
    return env


def interleaved(
    rounds: int, env: dict[str, str], commands: Sequence[str]
) -> dict[str, list[float]]:
    """Wall times of each command in fresh interpreters, run in rounds (order rotating)."""
    for _ in range(3):  # warm-up: fill the bytecode cache and the OS's file cache
        for command in commands:
            run_python(command, env)
    times: dict[str, list[float]] = {command: [] for command in commands}
    for index in range(rounds):
        shift = index % len(commands)
        for command in [*commands[shift:], *commands[:shift]]:
            times[command].append(run_python(command, env))
    return times


BREAKDOWN = """
import json, time
t0 = time.perf_counter()
import attrs
t1 = time.perf_counter()
import ilrs
t2 = time.perf_counter()
ilrs.members_as_of('2024-06-01')
t3 = time.perf_counter()
print(json.dumps([t1 - t0, t2 - t1, t3 - t2]))
"""

HEAVY_CHECK = f"""
import json, sys
before = set(sys.modules)
import ilrs
ilrs.members_as_of('2024-06-01')
print(json.dumps([m for m in {HEAVY!r} if m in sys.modules and m not in before]))
"""


def cold(rounds: int) -> dict[str, Any]:
    commands = [COLD_QUERY, *COLD_PEERS, "pass"]
    with tempfile.TemporaryDirectory(prefix="ilrs-bench-pyc-") as cache:
        env = cold_env(cache)
        times = interleaved(rounds, env, commands)
        phases = [python_json(BREAKDOWN, env) for _ in range(7)]
        heavy = python_json(HEAVY_CHECK, env)
    no_cache = interleaved(max(5, rounds // 2), cold_env(None), [COLD_QUERY, *COLD_PEERS])
    median_ms = {command: statistics.median(found) * 1e3 for command, found in times.items()}
    query_ms = median_ms[COLD_QUERY]
    no_cache_ms = {command: statistics.median(found) * 1e3 for command, found in no_cache.items()}
    return {
        "rounds": rounds,
        "query": COLD_QUERY,
        "query_median_ms": round(query_ms, 2),
        "python_startup_median_ms": round(median_ms["pass"], 2),
        "peers": {
            peer: {
                "median_ms": round(median_ms[peer], 2),
                "ratio": round(query_ms / median_ms[peer], 3),
                "limit": limit,
                "without_bytecode_cache_ratio": round(
                    no_cache_ms[COLD_QUERY] / no_cache_ms[peer], 3
                ),
            }
            for peer, limit in COLD_PEERS.items()
        },
        "heavy_modules_imported": heavy,
        "in_process_ms": {
            name: round(statistics.median(p[i] for p in phases) * 1e3, 2)
            for i, name in enumerate(["import attrs", "import ilrs", "first query"])
        },
    }


# ---------------------------------------------------------------------------
# warm queries


def warm() -> dict[str, Any]:
    import ilrs

    day = dt.date(2024, 6, 1)
    dataset = ilrs.bundled()
    ordered = ilrs.signatories()
    first, last = ordered[0].id, ordered[-1].id
    plain = {s.id: s for s in ordered}
    kinds = list(ilrs.SignatoryType)

    out: dict[str, Any] = {"signatories": len(ordered), "day": day.isoformat()}
    out["members_as_of_us"] = per_call_us(lambda: ilrs.members_as_of(day))
    out["comprehension_us"] = per_call_us(
        lambda: [s for s in ilrs.signatories() if s.joined.latest <= day]
    )
    out["get_us"] = per_call_us(lambda: ilrs.get(last))
    out["get_scan_us"] = per_call_us(lambda: next(s for s in ilrs.signatories() if s.id == last))
    out["get_first_us"] = per_call_us(lambda: ilrs.get(first))
    out["dict_lookup_us"] = per_call_us(lambda: plain[last])
    out["by_type_us"] = per_call_us(lambda: ilrs.by_type())
    out["by_type_rescan_us"] = per_call_us(
        lambda: {kind: [s for s in ilrs.signatories() if s.type is kind] for kind in kinds}
    )
    checks = {
        "members_as_of_vs_comprehension": budget(
            out["members_as_of_us"] / out["comprehension_us"],
            WARM_LIMIT,
            "members_as_of(date) / [s for s in signatories() if s.joined.latest <= date]",
        ),
        "get_vs_scan": budget(
            out["get_us"] / out["get_scan_us"],
            WARM_LIMIT,
            "get(id) of the last signatory / finding it in signatories() by id",
        ),
        "by_type_vs_rescan": budget(
            out["by_type_us"] / out["by_type_rescan_us"],
            WARM_LIMIT,
            "by_type() / grouping signatories() by type",
        ),
    }
    if hasattr(dataset, "timeline"):
        from ilrs.analysis import membership_timeline

        ilrs.timeline()
        out["timeline_us"] = per_call_us(lambda: ilrs.timeline())
        out["timeline_rebuild_us"] = per_call_us(lambda: membership_timeline(ilrs.signatories()))
        checks["timeline_vs_rebuild"] = budget(
            out["timeline_us"] / out["timeline_rebuild_us"],
            WARM_LIMIT,
            "timeline() / building the timeline again",
        )
    for key, value in list(out.items()):
        if key.endswith("_us"):
            out[key] = round(value, 3)
    out["budgets"] = checks
    return out


# ---------------------------------------------------------------------------
# scale: synthetic packages

KINDS = ["intergovernmental_organization", "organization", "institute", "university", "company"]
HOSTS = ["CHN", "RUS", "PAK", "EGY", "ZAF", "SRB", "THA", "NIC"]
AGREEMENTS = ["memorandum_of_understanding", "cooperation_agreement", "letter_of_intent"]
#: Tables written anew; every other table is copied from the bundled package.
SYNTHETIC = {
    "signatories",
    "agreements",
    "signatory_sources",
    "agreement_sources",
}


def bundled_dir() -> Path:
    import ilrs

    return Path(ilrs.__file__).with_name("data")


def synthetic_days(n: int, as_of: dt.date) -> list[dt.date]:
    """Joining days spread evenly from 2000 to the day before ``as_of``, in order."""
    start = dt.date(2000, 1, 1)
    span = (as_of - start).days - 1
    return [start + dt.timedelta(days=i * span // n) for i in range(n)]


def write_package(target: Path, n: int) -> dict[str, Any]:
    """Write a valid package of ``n`` synthetic signatories; return what the queries need."""
    source = bundled_dir()
    target.mkdir(parents=True)
    descriptor = json.loads((source / "datapackage.json").read_text(encoding="utf-8"))
    shutil.copy(source / "datapackage.json", target / "datapackage.json")
    as_of = dt.date.fromisoformat(descriptor["ilrs:dataAsOf"])
    days = synthetic_days(n, as_of)
    rows: dict[str, list[dict[str, str]]] = {name: [] for name in SYNTHETIC}
    new_sources: list[dict[str, str]] = []
    for i, day in enumerate(days):
        sid, aid, src = f"syn-{i:06d}", f"syn-{i:06d}-1", f"src-syn-{i:06d}"
        kind = KINDS[i % len(KINDS)]
        host = "" if kind == "intergovernmental_organization" else HOSTS[i % len(HOSTS)]
        when = day.isoformat()
        rows["signatories"].append(
            {
                "id": sid,
                "name": f"Synthetic partner {i:06d}",
                "aliases": f"SP {i:06d}",
                "type": kind,
                "country_code": host,
                "evidence": "signed",
                "joined": when,
                "notes": "",
            }
        )
        rows["agreements"].append(
            {
                "id": aid,
                "signatory_id": sid,
                "kind": AGREEMENTS[i % len(AGREEMENTS)],
                "title": f"ILRS cooperation memorandum with synthetic partner {i:06d}",
                "ilrs_parties": "CNSA",
                "partner_parties": f"Synthetic partner {i:06d}",
                "signed": when,
                "announced": "",
                "place": "",
                "event": "",
                "notes": "",
            }
        )
        new_sources.append(
            {
                "id": src,
                "url": f"https://example.org/ilrs/{i:06d}",
                "publisher": "Example News",
                "published": when,
                "title": f"Synthetic partner {i:06d} joins the ILRS",
                "language": "en",
                "kind": "press",
            }
        )
        rows["signatory_sources"].append({"signatory_id": sid, "source_id": src})
        rows["agreement_sources"].append({"agreement_id": aid, "source_id": src})
    for resource in descriptor["resources"]:
        name, path = resource["name"], resource["path"]
        header = [field["name"] for field in resource["schema"]["fields"]]
        if name not in SYNTHETIC and name != "sources":
            shutil.copy(source / path, target / path)
            continue
        with open(target / path, "w", encoding="utf-8", newline="") as out:
            if name == "sources":  # the bundled sources (other tables cite them), then ours
                with open(source / path, encoding="utf-8", newline="") as bundled:
                    text = bundled.read()
                out.write(text if text.endswith("\n") else text + "\n")
                writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
                writer.writerows(new_sources)
            else:
                writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
                writer.writeheader()
                writer.writerows(rows[name])
    # "few members": the day the tenth signatory joined
    return {"early_day": days[min(9, n - 1)].isoformat(), "key": f"syn-{n - 1:06d}"}


CHILD = """
import datetime as dt, gc, json, sys, time, timeit, tracemalloc
sys.path.insert(0, {here!r})
from run import per_call_us
import ilrs

path, n, day, key, repeats = {path!r}, {n}, dt.date.fromisoformat({day!r}), {key!r}, {repeats}
ilrs.load({bundled!r})  # one-time costs (pycountry, the schema) are not load time
times = []
for _ in range(repeats):
    gc.collect()
    start = time.perf_counter()
    data = ilrs.load(path)
    times.append(time.perf_counter() - start)
    del data
data = ilrs.load(path)
assert len(data.signatories()) == n
out = {{
    "load_s": min(times),
    "members_as_of_us": per_call_us(lambda: data.members_as_of(day)),
    "members": len(data.members_as_of(day)),
    "get_us": per_call_us(lambda: data.get(key)),
    "by_type_us": per_call_us(lambda: data.by_type()),
}}
if hasattr(data, "timeline"):
    data.timeline()
    out["timeline_us"] = per_call_us(lambda: data.timeline())
del data
gc.collect()
tracemalloc.start()
data = ilrs.load(path)
gc.collect()
retained, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
out["peak_mb"] = peak / 2**20
out["retained_mb"] = retained / 2**20
print(json.dumps(out))
"""


def scale(sizes: Sequence[int]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="ilrs-bench-data-") as tmp:
        for n in sizes:
            path = Path(tmp) / f"n{n}"
            start = time.perf_counter()
            query = write_package(path, n)
            written = time.perf_counter() - start
            code = CHILD.format(
                here=str(Path(__file__).resolve().parent),
                path=str(path),
                n=n,
                day=query["early_day"],
                key=query["key"],
                repeats=max(3, min(10, 20_000 // n)),
                bundled=str(bundled_dir()),
            )
            measured = python_json(code)
            shutil.rmtree(path)
            entry = {
                "n": n,
                "load_s": round(measured["load_s"], 4),
                "members_as_of_us": round(measured["members_as_of_us"], 3),
                "get_us": round(measured["get_us"], 3),
                "load_us_per_record": round(measured["load_s"] / n * 1e6, 2),
                "members_on_early_day": measured["members"],
                "by_type_us": round(measured["by_type_us"], 3),
                "peak_mb": round(measured["peak_mb"], 2),
                "retained_mb": round(measured["retained_mb"], 2),
                "peak_bytes_per_record": round(measured["peak_mb"] * 2**20 / n),
                "write_s": round(written, 3),
            }
            if "timeline_us" in measured:
                entry["timeline_us"] = round(measured["timeline_us"], 3)
            entries.append(entry)
    return entries, scale_budgets(entries)


def scale_budgets(entries: list[dict[str, Any]]) -> dict[str, Any]:
    if len(entries) < 2:
        return {}
    small, before, large = entries[0], entries[-2], entries[-1]
    log_growth = math.log2(large["n"]) / math.log2(small["n"])
    # Over the largest step (N and the size before it, 10 times smaller with the default
    # sizes): a cost that grows faster than N shows most there, and the fixed part
    # (the bundled tables each package copies) is too small to hide it.
    checks: dict[str, Any] = {
        "load_per_record_growth": budget(
            large["load_us_per_record"] / before["load_us_per_record"],
            LOAD_GROWTH_LIMIT,
            f"load time per record at N={large['n']} / at N={before['n']} (flat)",
        ),
    }
    for key in ("members_as_of_us", "get_us", "by_type_us", "timeline_us"):
        if key in large and key in small:
            checks[key.removesuffix("_us") + "_growth"] = budget(
                large[key] / small[key],
                round(log_growth, 3),
                f"latency at N={large['n']} / at N={small['n']}, at most "
                f"log2({large['n']}) / log2({small['n']})",
            )
    checks["memory_per_record_growth"] = budget(
        large["peak_bytes_per_record"] / before["peak_bytes_per_record"],
        MEMORY_GROWTH_LIMIT,
        f"peak bytes per record at N={large['n']} / at N={before['n']} (linear)",
    )
    # least-squares line through (n, peak): its constant must be small
    ns = [e["n"] for e in entries]
    peaks = [e["peak_mb"] for e in entries]
    mean_n, mean_p = statistics.fmean(ns), statistics.fmean(peaks)
    slope = sum((x - mean_n) * (y - mean_p) for x, y in zip(ns, peaks, strict=True)) / sum(
        (x - mean_n) ** 2 for x in ns
    )
    constant = mean_p - slope * mean_n
    checks["memory_constant"] = budget(
        max(constant, 0.0) / large["peak_mb"],
        MEMORY_CONSTANT_LIMIT,
        f"constant of a line fitted to peak memory ({constant:.2f} MB, "
        f"{slope * 2**20:.0f} bytes per record) / peak at N={large['n']}",
    )
    return checks


# ---------------------------------------------------------------------------
# report


def machine() -> dict[str, Any]:
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    import attrs

    import ilrs

    return {
        "cpu": model,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "os": platform.platform(),
        "attrs": attrs.__version__,
        "ilrs": ilrs.__version__,
        "data": ilrs.DATA_VERSION,
    }


def collect(rounds: int, sizes: Sequence[int]) -> dict[str, Any]:
    started = time.perf_counter()
    result: dict[str, Any] = {}
    result["scale"], scale_checks = scale(sizes)
    result["cold"] = cold(rounds)
    result["warm"] = warm()
    budgets: dict[str, Any] = {
        f"cold_vs_{peer.split(';')[0].removeprefix('import ')}": budget(
            found["ratio"], found["limit"], f"cold query / {peer} (medians)"
        )
        for peer, found in result["cold"]["peers"].items()
    }
    budgets.update(
        {
            "cold_heavy_imports": {
                "value": result["cold"]["heavy_modules_imported"],
                "limit": [],
                "ok": not result["cold"]["heavy_modules_imported"],
                "what": "heavy modules a plain query imports",
            },
        }
    )
    budgets.update({f"warm_{k}": v for k, v in result["warm"].pop("budgets").items()})
    budgets.update({f"scale_{k}": v for k, v in scale_checks.items()})
    result["budgets"] = budgets
    result["ok"] = all(check["ok"] for check in budgets.values())
    result["machine"] = machine()
    result["wall_s"] = round(time.perf_counter() - started, 1)
    return result


def human(result: dict[str, Any]) -> str:
    cold_part, warm_part = result["cold"], result["warm"]
    lines = [
        "ilrs benchmarks ({cpu}, {cpus} CPUs, Python {python}, {os})".format(**result["machine"]),
        "",
        f"cold start ({cold_part['rounds']} interleaved rounds, medians, bytecode cached)",
        f"  {cold_part['query']:<58} {cold_part['query_median_ms']:8.2f} ms",
        *(
            f"  {peer:<58} {found['median_ms']:8.2f} ms  ratio {found['ratio']:.3f} "
            f"(budget {found['limit']}; {found['without_bytecode_cache_ratio']:.3f} "
            "without a bytecode cache)"
            for peer, found in cold_part["peers"].items()
        ),
        f"  {'pass':<58} {cold_part['python_startup_median_ms']:8.2f} ms",
        "  in one process: "
        + ", ".join(f"{k} {v:.2f} ms" for k, v in cold_part["in_process_ms"].items()),
        f"  heavy modules imported: {cold_part['heavy_modules_imported'] or 'none'}",
        "",
        f"warm queries (bundled data, {warm_part['signatories']} signatories), per call",
    ]
    for key, value in warm_part.items():
        if key.endswith("_us"):
            lines.append(f"  {key[:-3]:<28} {value:10.3f} us")
    lines += [
        "",
        "scale (synthetic packages, ilrs.load in a fresh interpreter per N)",
        f"  {'N':>8} {'load s':>8} {'us/rec':>7} {'members_as_of us':>17} {'get us':>7} "
        f"{'peak MB':>8} {'B/rec':>6}",
    ]
    for e in result["scale"]:
        lines.append(
            f"  {e['n']:>8} {e['load_s']:>8.3f} {e['load_us_per_record']:>7.1f} "
            f"{e['members_as_of_us']:>17.3f} {e['get_us']:>7.3f} {e['peak_mb']:>8.1f} "
            f"{e['peak_bytes_per_record']:>6}"
        )
    lines += ["", "budgets"]
    for name, check in result["budgets"].items():
        mark = "ok  " if check["ok"] else "FAIL"
        lines.append(f"  {mark} {name}: {check['value']} (limit {check['limit']}): {check['what']}")
    lines += ["", f"{'all budgets hold' if result['ok'] else 'SOME BUDGETS FAIL'}"]
    lines.append(f"wall time {result['wall_s']} s")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--rounds", type=int, default=40, help="interleaved cold-start rounds (default 40)"
    )
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, SIZES)),
        help="signatory counts of the synthetic packages (default %(default)s)",
    )
    args = parser.parse_args(argv)
    try:
        sizes = sorted({int(size) for size in args.sizes.split(",")})
    except ValueError:
        parser.error(f"--sizes takes comma-separated integers, not {args.sizes!r}")
    if args.rounds < 1 or not sizes or sizes[0] < 10:
        parser.error("--rounds must be at least 1 and every size at least 10")
    result = collect(args.rounds, sizes)
    print(json.dumps(result, indent=2) if args.json else human(result))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
