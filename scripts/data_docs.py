"""Regenerate the generated tables in docs/data.md from the bundled data.

python scripts/data_docs.py          # rewrite docs/data.md in place
python scripts/data_docs.py --check  # exit 1 if docs/data.md is out of date
"""

import sys
from pathlib import Path

import ilrs

DOC = Path(__file__).resolve().parent.parent / "docs" / "data.md"
BEGIN = "<!-- BEGIN GENERATED: {name} -->"
END = "<!-- END GENERATED: {name} -->"


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def signatories_table() -> str:
    lines = [
        "| signatory | type | country | joined | evidence | first instrument | sources |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in ilrs.signatories():
        first = s.agreements[0] if s.agreements else None
        instrument = (
            f"{first.kind.value.replace('_', ' ')} ({', '.join(first.ilrs_parties)})"
            if first
            else ""
        )
        values = (
            f"{s.name} (`{s.id}`)",
            s.type.value.replace("_", " "),
            s.country_code or "",
            s.joined,
            s.evidence.value,
            instrument,
            len(s.all_sources),
        )
        lines.append("| " + " | ".join(_cell(v) for v in values) + " |")
    return "\n".join(lines)


def exclusions_table() -> str:
    lines = ["| id | state | reason |", "|---|---|---|"]
    for e in ilrs.exclusions():
        lines.append(f"| {e.id} | {_cell(e.name)} | {_cell(e.reason)} |")
    return "\n".join(lines)


def counts_table() -> str:
    lines = [
        "| stated | speaker | kind | claim | China and Russia | documented then |",
        "|---|---|---|---|---|---|",
    ]
    founders = {True: "included", False: "left out", None: "not said"}
    for c in ilrs.compare_counts():
        count = c.count
        documented = (
            f"{c.documented_countries_and_orgs} countries and orgs, "
            f"{c.documented_institutions} institutions"
            if c.comparable
            else "(a target: not compared)"
        )
        values = (
            c.stated,
            count.speaker,
            count.kind.value,
            c.claim,
            founders[count.founders_included],
            documented,
        )
        lines.append("| " + " | ".join(_cell(v) for v in values) + " |")
    return "\n".join(lines)


def evidence_table() -> str:
    from collections import Counter

    weak = Counter(record.table for record in ilrs.secondary_only())
    data = ilrs.bundled()
    totals = {
        "signatories": len(data.signatories()),
        "agreements": len(data.agreements()),
        "missions": len(data.missions()),
        "launch_announcements": sum(len(m.launch_announcements) for m in data.missions()),
        "payloads": sum(len(m.payloads) for m in data.missions()),
        "plans": len(data.plans()),
        "official_counts": len(data.official_counts()),
        "exclusions": len(data.exclusions()),
        "gaps": len(data.gaps()),
    }
    lines = ["| table | records | resting only on secondary sources | share |", "|---|---|---|---|"]
    for table, total in totals.items():
        share = f"{weak[table] / total:.0%}" if total else ""
        lines.append(f"| {table} | {total} | {weak[table]} | {share} |")
    everything = sum(totals.values())
    all_weak = sum(weak.values())
    lines.append(f"| **all** | {everything} | {all_weak} | {all_weak / everything:.0%} |")
    kinds = Counter(source.kind.value for source in data.sources())
    lines += [
        "",
        "| source kind | sources |",
        "|---|---|",
        *(f"| {kind} | {kinds[kind]} |" for kind in ("official", "wire", "press", "secondary")),
    ]
    return "\n".join(lines)


def dictionary_table() -> str:
    import json
    from importlib.resources import files

    text = files("ilrs").joinpath("data").joinpath("datapackage.json").read_text("utf-8")
    package = json.loads(text)
    lines = []
    for resource in package["resources"]:
        schema = resource["schema"]
        key = schema["primaryKey"]
        lines += [
            f"### `{resource['path']}`: {resource['title']}",
            "",
            f"Primary key: `{', '.join([key] if isinstance(key, str) else key)}`.",
            "",
            "| field | type | required | description |",
            "|---|---|---|---|",
        ]
        for field in schema["fields"]:
            kind = field["type"]
            if field.get("ilrs:edtf"):
                kind = "EDTF window"
            elif field.get("ilrs:country"):
                kind = "ISO alpha-3"
            elif kind == "list":
                kind = f"list ({field['delimiter']})"
            allowed = field.get("constraints", {}).get("enum") or field.get("ilrs:itemEnum")
            description = field["description"]
            if allowed:
                description += " One of: " + ", ".join(f"`{v}`" for v in allowed) + "."
            foreign = [
                f["reference"]["resource"]
                for f in schema.get("foreignKeys", [])
                if f["fields"] == field["name"]
            ]
            if foreign:
                description += f" Refers to `{foreign[0]}.id`."
            required = "yes" if field.get("constraints", {}).get("required") else ""
            lines.append(f"| `{field['name']}` | {kind} | {required} | {_cell(description)} |")
        lines.append("")
    return "\n".join(lines).rstrip()


TABLES = {
    "dictionary": dictionary_table,
    "signatories": signatories_table,
    "exclusions": exclusions_table,
    "counts": counts_table,
    "evidence": evidence_table,
}


def render(text: str) -> str:
    for name, make in TABLES.items():
        begin, end = BEGIN.format(name=name), END.format(name=name)
        head, found, rest = text.partition(begin)
        if not found:
            raise SystemExit(f"{DOC} has no {begin} marker")
        _, found, tail = rest.partition(end)
        if not found:
            raise SystemExit(f"{DOC} has no {end} marker")
        text = f"{head}{begin}\n{make()}\n{end}{tail}"
    return text


if __name__ == "__main__":
    current = DOC.read_text(encoding="utf-8")
    fresh = render(current)
    if "--check" in sys.argv[1:]:
        sys.exit(0 if fresh == current else 1)
    DOC.write_text(fresh, encoding="utf-8")
    print(f"wrote {DOC}")
