"""How ILRS membership grew in each world region.

Every signatory is placed in the region of its country (a university or a
company in the region of the country it is based in; intergovernmental
organizations have no country and are counted apart). Country names come from
pycountry. The regions are the UN M49 macro-regions, written out below for the
countries that occur in the data; a country missing from the table is reported,
never guessed.

Run:  python examples/membership_by_region.py [--as-of DATE] [--csv]
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter

import pycountry

import ilrs

#: UN M49 macro-region of each ISO 3166-1 alpha-3 code that occurs in the data.
REGION = {
    "CHN": "Asia", "PAK": "Asia", "THA": "Asia", "KAZ": "Asia", "KGZ": "Asia",
    "AZE": "Asia", "ARE": "Asia", "OMN": "Asia", "IDN": "Asia",
    "RUS": "Europe", "BLR": "Europe", "SRB": "Europe", "HRV": "Europe", "CHE": "Europe",
    "ZAF": "Africa", "EGY": "Africa", "SEN": "Africa", "DJI": "Africa", "ETH": "Africa",
    "KEN": "Africa",
    "VEN": "Americas", "NIC": "Americas", "BOL": "Americas", "COL": "Americas",
    "URY": "Americas", "PAN": "Americas", "USA": "Americas",
}  # fmt: skip

NO_COUNTRY = "Intl. bodies"


def region_of(signatory: ilrs.Signatory) -> str:
    if signatory.country_code is None:
        return NO_COUNTRY
    try:
        return REGION[signatory.country_code]
    except KeyError:
        sys.exit(f"no region listed for {signatory.country_code} ({signatory.name}); add it")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--as-of", default=ilrs.DATA_AS_OF.isoformat(), metavar="DATE")
    parser.add_argument("--csv", action="store_true", help="one row per year and region")
    args = parser.parse_args()

    members = ilrs.members_as_of(args.as_of)
    years = sorted({s.joined.latest.year for s in members})
    regions = sorted({region_of(s) for s in members})
    if args.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["year_end", *regions])
        for year in years:
            counts = Counter(region_of(s) for s in members if s.joined.latest.year <= year)
            writer.writerow([year, *(counts[r] for r in regions)])
        return

    print(f"ILRS members by region as of {args.as_of} (data as of {ilrs.DATA_AS_OF})\n")
    print("end of year  " + "  ".join(f"{r[:10]:>10}" for r in regions) + "   total")
    for year in years:
        counts = Counter(region_of(s) for s in members if s.joined.latest.year <= year)
        cells = "  ".join(f"{counts[r]:>10}" for r in regions)
        print(f"{year:<11}  {cells}   {sum(counts.values()):>5}")

    print("\nStates by region:")
    for region in regions:
        states = [
            pycountry.countries.get(alpha_3=s.country_code).name
            for s in members
            if s.type is ilrs.SignatoryType.COUNTRY and region_of(s) == region
        ]
        if states:
            print(f"  {region}: {'; '.join(states)}")


if __name__ == "__main__":
    main()
