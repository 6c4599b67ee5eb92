#!/usr/bin/env python3
"""Writes src/ParticipationRegistry.Server/Countries/country-names.csv: each country of countries.csv with its
name in the declaration form's languages (en, fr, es).

English is countries.csv's own name. French and Spanish come from Debian's iso-codes package (its ISO 3166-1
list and that list's gettext translations, LGPL-2.1-or-later): `apt-get install iso-codes`, then run this from
the repository's root. A country iso-codes does not know (Kosovo, XK) keeps its English name. The few
translations corrected by hand are listed in FIXES. The server only reads the CSV this writes; it never needs
iso-codes.
"""
import csv
import gettext
import json
import sys

ROOT = "src/ParticipationRegistry.Server/Countries/"
FIXES = {
    ("DZ", "es"): "Argelia",          # untranslated in iso-codes 4.15
    ("CI", "es"): "Costa de Marfil",  # iso-codes 4.15 has "Costa de Marfíl"
}

iso = {c["alpha_2"]: c for c in json.load(open("/usr/share/iso-codes/json/iso_3166-1.json", encoding="utf-8"))["3166-1"]}
translations = {language: gettext.translation("iso_3166-1", "/usr/share/locale", languages=[language]) for language in ("fr", "es")}


def name(country, row, language):
    if (row["alpha2"], language) in FIXES:
        return FIXES[(row["alpha2"], language)]
    if country is None:
        return row["name"]
    common = country.get("common_name") or country["name"]
    translated = translations[language].gettext(common)
    if translated == common and common != country["name"]:
        translated = translations[language].gettext(country["name"])
    return translated


with open(ROOT + "countries.csv", encoding="utf-8") as source, open(ROOT + "country-names.csv", "w", encoding="utf-8", newline="") as target:
    writer = csv.writer(target, lineterminator="\n")
    writer.writerow(["alpha2", "en", "fr", "es"])
    for row in csv.DictReader(source):
        country = iso.get(row["alpha2"])
        writer.writerow([row["alpha2"], row["name"], name(country, row, "fr"), name(country, row, "es")])
print("wrote " + ROOT + "country-names.csv", file=sys.stderr)
