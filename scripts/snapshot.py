"""Regenerate tests/snapshot.json, the counts that follow the bundled data.

Run after every data change; review the diff and commit it with the data:

    python scripts/snapshot.py
"""

import json
from pathlib import Path

import ilrs

ROOT = Path(__file__).resolve().parent.parent
DATES = ["2021-12-31", "2022-12-31", "2023-12-31", "2024-06-01", "2024-12-31", "2025-12-31"]


def snapshot() -> dict[str, object]:
    data = ilrs.bundled()
    return {
        "data_version": data.version,
        "tables": {
            "signatories": len(data.signatories()),
            "agreements": len(data.agreements()),
            "sources": len(data.sources()),
            "missions": len(data.missions()),
            "plans": len(data.plans()),
            "official_counts": len(data.official_counts()),
            "exclusions": len(data.exclusions()),
            "gaps": len(data.gaps()),
        },
        "by_type": {kind.value: len(group) for kind, group in data.by_type().items()},
        "members_as_of": {
            day: {kind.value: len(group) for kind, group in data.by_type(day).items()}
            for day in DATES
        },
        "current_plan": data.current_plan.id,
    }


if __name__ == "__main__":
    target = ROOT / "tests" / "snapshot.json"
    target.write_text(json.dumps(snapshot(), indent=2) + "\n", encoding="utf-8")
    print(f"wrote {target}")
