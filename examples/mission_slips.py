"""How far each mission's launch date slipped between announcements.

For every mission with announced launch targets, compares the first target
announced with the latest one (or with the actual launch), using the last day
of each target window, and prints the slip in months. Optionally saves the
missions chart from ilrs.plot.

Run:  python examples/mission_slips.py [--png FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt

import ilrs


def months_between(earlier: dt.date, later: dt.date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def label(window: ilrs.DateWindow) -> str:
    """A window as short text: whole-year ranges as "2026-2030", "by" dates as "by 2029"."""
    first, last = window.earliest, window.latest
    whole_years = (first is None or (first.month, first.day) == (1, 1)) and (
        last.month,
        last.day,
    ) == (12, 31)
    if window.precision is ilrs.Precision.OPEN_START:
        return f"by {last.year}" if whole_years else f"by {last}"
    if window.precision is ilrs.Precision.RANGE and whole_years and first is not None:
        return f"{first.year}-{last.year}"
    whole_months = first is not None and first.day == 1 and (last + dt.timedelta(1)).day == 1
    if window.precision is ilrs.Precision.RANGE and whole_months and first is not None:
        return f"{first:%Y-%m}/{last:%Y-%m}"
    return window.edtf


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--png", metavar="FILE", help="also save the chart (needs ilrs[plot])")
    args = parser.parse_args()

    print(f"Launch-date slips (data as of {ilrs.DATA_AS_OF})\n")
    header = f"{'mission':<28} {'announced':<11} {'first target':<12} {'latest':<20} {'slip':>8}"
    print(header)
    print("-" * len(header))
    pointed = (ilrs.Precision.DAY, ilrs.Precision.MONTH, ilrs.Precision.YEAR)
    for mission in ilrs.missions():
        notes = mission.launch_announcements
        if not notes:
            continue
        first = notes[0]
        if mission.launched is not None:
            now_label, now_day, now_pointed = f"{mission.launched} (flew)", mission.launched, True
        else:
            target = notes[-1].launch_window
            now_label, now_day = label(target), target.latest
            now_pointed = target.precision in pointed
        if first.launch_window.precision in pointed and now_pointed:
            slip = f"{months_between(first.launch_window.latest, now_day):+d} mo"
        else:
            slip = "(range)"
        print(
            f"{mission.name[:28]:<28} {first.announced.edtf:<11} {label(first.launch_window):<12} "
            f"{now_label:<20} {slip:>8}"
        )
    print("\nSlip: months from the first announced target to the launch, or to the latest")
    print("target. A target known only to the year is taken as its last day (31 December);")
    print("no slip is computed when either end is a range of years or a 'by' date.")

    if args.png:
        from ilrs.plot import missions_timeline

        missions_timeline().savefig(args.png, dpi=120)
        print(f"\nchart saved to {args.png}")


if __name__ == "__main__":
    main()
