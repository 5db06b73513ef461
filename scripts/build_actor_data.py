"""Build ``src/veilleur/data/actors/countries.tsv`` (committed; re-run to refresh).

    .venv/bin/python scripts/build_actor_data.py

Sources:
- French short names: Unicode CLDR via Babel (``babel.Locale("fr").territories``).
- ISO 3166-1 alpha-2/alpha-3 codes and English names: pycountry (ISO 3166 data from Debian iso-codes).
- UN membership: https://www.un.org/en/about-us/member-states (193 members): every ISO country
  that is not in ``NOT_UN_MEMBERS`` below (dependent territories and observers).
- Observers and partly recognised entities with their codes: veilleur SPEC §3.
- Common French variants (ALIASES): usage of Le Monde / AFP / Wikipédia, written down by hand.

Babel is only used here, never at run time: the TSV is the data the resolver loads.
"""

from __future__ import annotations

import re
from pathlib import Path

import babel
import pycountry

OUT = Path(__file__).resolve().parents[1] / "src/veilleur/data/actors/countries.tsv"

NOT_UN_MEMBERS = set(
    ["AS", "AI", "AQ", "AW", "AX", "BL", "BM", "BQ", "BV", "CC", "CK", "CW", "CX", "EH", "FK", "FO", "GF", "GG", "GI", "GL", "GP", "GS", "GU", "HK", "HM", "IM", "IO", "JE", "KY", "MF", "MO", "MP", "MQ", "MS", "NC", "NF", "NU", "PF", "PM", "PN", "PR", "PS", "RE", "SH", "SJ", "SX", "TC", "TF", "TK", "TW", "UM", "VA", "VG", "VI", "WF", "YT"]
)

# English names where ISO's formal name is not the one used in news (SPEC §7 shows "North Korea").
ENGLISH = {
    "BOL": "Bolivia", "BRN": "Brunei", "COD": "DR Congo", "COG": "Republic of the Congo",
    "FSM": "Micronesia", "IRN": "Iran", "KOR": "South Korea", "LAO": "Laos", "MDA": "Moldova",
    "PRK": "North Korea", "RUS": "Russia", "SYR": "Syria", "TZA": "Tanzania", "VEN": "Venezuela",
    "VNM": "Vietnam", "TUR": "Türkiye", "GBR": "United Kingdom", "USA": "United States",
    "CIV": "Côte d'Ivoire", "CZE": "Czechia",
}

# French variants beyond CLDR's short name. Hyphen/space and accents need no variant:
# the matcher folds them.
ALIASES: dict[str, list[str]] = {
    "ARE": ["Émirats", "EAU"], "BLR": ["Bélarus", "Belarus"], "BIH": ["Bosnie"],
    "CAF": ["Centrafrique", "RCA"], "CIV": ["Côte d'Ivoire"], "COD": ["RDC", "RD Congo",
    "République démocratique du Congo"], "COG": ["République du Congo"],
    "CZE": ["République tchèque"], "GBR": ["Grande-Bretagne", "Angleterre"],
    "MMR": ["Myanmar", "Birmanie"], "MKD": ["Macédoine"], "PRK": ["Corée du Nord",
    "République populaire démocratique de Corée", "RPDC"], "KOR": ["République de Corée"],
    "TUR": ["Türkiye", "Turkiye"], "USA": ["Etats-Unis", "États-Unis d'Amérique", "USA", "Amérique"],
    "NLD": ["Hollande"], "VNM": ["Vietnam", "Viet Nam"], "TLS": ["Timor-Leste"],
    "SWZ": ["Swaziland"], "CPV": ["Cap Vert"], "KGZ": ["Kirghizistan"], "MDA": ["Moldova"],
    "SAU": ["Arabie Saoudite"], "SSD": ["Sud-Soudan"], "RUS": ["Fédération de Russie"],
    "SYR": ["République arabe syrienne"], "IRN": ["République islamique d'Iran"],
    "DOM": ["Rép. dominicaine"], "STP": ["São Tomé-et-Príncipe"], "VAT": ["Vatican", "Saint-Siège"],
    "PSE": ["Palestine", "État de Palestine", "Autorité palestinienne", "territoires palestiniens"],
    "TWN": ["Taiwan", "Formose"], "ESH": ["République arabe sahraouie démocratique", "RASD"],
    "HKG": ["Hong Kong", "Hongkong"], "MAC": ["Macao"],
}

# (code, alpha-2 for CLDR or "", English name, kind, parent, sector, extra French names)
EXTRA = [
    ("PSE", "PS", "Palestine", "state", None, None, []),
    ("TWN", "TW", "Taiwan", "state", None, None, []),
    ("ESH", "EH", "Western Sahara", "state", "MAR", None, []),
    ("VAT", "VA", "Holy See", "state", None, None, []),
    ("HKG", "HK", "Hong Kong", "region", "CHN", None, []),
    ("MAC", "MO", "Macao", "region", "CHN", None, []),
    ("XKX", "XK", "Kosovo", "state", "SRB", "PRE", []),
    ("DPR", "", "Donetsk People's Republic", "state", "UKR", "PRE",
     ["République populaire de Donetsk", "RPD", "DNR"]),
    ("LPR", "", "Luhansk People's Republic", "state", "UKR", "PRE",
     ["République populaire de Louhansk", "République populaire de Lougansk", "RPL", "LNR"]),
    ("ABK", "", "Abkhazia", "state", "GEO", "PRE", ["Abkhazie"]),
    ("SOS", "", "South Ossetia", "state", "GEO", "PRE", ["Ossétie du Sud"]),
    ("TRN", "", "Transnistria", "state", "MDA", "PRE", ["Transnistrie", "Transdniestrie"]),
    ("NCY", "", "Northern Cyprus", "state", "CYP", "PRE",
     ["Chypre du Nord", "République turque de Chypre du Nord", "RTCN"]),
    ("SML", "", "Somaliland", "state", "SOM", "PRE", ["Somaliland"]),
]


def _cldr_names(fr: dict[str, str], alpha2: str) -> list[str]:
    name = fr.get(alpha2)
    if not name:
        return []
    name = name.replace("\u2019", "'").replace("R.A.S. chinoise de ", "")
    # "Myanmar (Birmanie)" -> both names
    m = re.fullmatch(r"(.+?) \((.+)\)", name)
    return [m.group(1), m.group(2)] if m else [name]


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for n in names:
        seen.setdefault(n, None)
    return list(seen)


def rows() -> list[list[str]]:
    fr = babel.Locale("fr").territories
    out = []
    for c in pycountry.countries:
        if c.alpha_2 in NOT_UN_MEMBERS:
            continue
        english = ENGLISH.get(c.alpha_3) or getattr(c, "common_name", None) or c.name
        names = _unique(_cldr_names(fr, c.alpha_2) + ALIASES.get(c.alpha_3, []))
        out.append([c.alpha_3, c.alpha_2, english, "state", "", "", "|".join(names)])
    for code, a2, english, kind, parent, sector, extra in EXTRA:
        names = _unique(_cldr_names(fr, a2) + ALIASES.get(code, []) + extra)
        names = [n for n in names if n not in ("Territoires palestiniens", "État de la Cité du Vatican")] or names
        out.append([code, a2, english, kind, parent or "", sector or "", "|".join(names)])
    return sorted(out)


def main() -> None:
    header = [line.strip() for line in (__doc__ or "").splitlines()]
    lines = ["# countries.tsv — generated by scripts/build_actor_data.py; do not edit by hand."]
    lines += ["# " + h for h in header if h]
    lines.append("code\talpha2\tname\tkind\tparent\tsector\tfrench")
    lines += ["\t".join(r) for r in rows()]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(lines)} lines)")


if __name__ == "__main__":
    main()
