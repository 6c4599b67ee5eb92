#!/usr/bin/env python3
"""Writes folds.txt: each character whose compatibility decomposition (NFKD) without diacritics differs
from it, as `hex=hex.hex…` entries, 16 to a line (letters beyond the BMP too: "𝐀" is "A").
Diacritics are the marks that accents and optional pointing write, which a name may have or lack
without being another name: the combining blocks (U+0300–036F, 1AB0–1AFF, 1DC0–1DFF, 20D0–20FF,
FE20–FE2F), Cyrillic titlo and its kin (0483–0489), Hebrew points and cantillation, Arabic harakat,
Quranic marks and the tatweel, Syriac vowel points; format characters (soft hyphen, joiners) go too.
Every other mark stays: the vowel signs and virama of Brahmic scripts and Thai, Thai tone marks and
the kana voicing marks (dakuten, handakuten) write another sound, not an accent ("राम" is not "रमा").
The server runs with InvariantGlobalization (no ICU), where string.Normalize cannot decompose;
NameKeys reads this table instead. Hangul syllables are left out (they carry no diacritics).
Run: python3 make-folds.py > folds.txt"""
import unicodedata

DIACRITICS = [
    (0x0300, 0x036F), (0x0483, 0x0489), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F),
    # Hebrew: cantillation, points (niqqud), meteg, rafe, shin and sin dots, upper and lower dots, qamats qatan.
    (0x0591, 0x05BD), (0x05BF, 0x05BF), (0x05C1, 0x05C2), (0x05C4, 0x05C5), (0x05C7, 0x05C7),
    # Arabic: honorifics and Quranic signs, harakat (fatha, damma, kasra, tanwin, shadda, sukun…), superscript
    # alef, the tatweel (a stretch, not a letter), Quranic annotation and extended pointing.
    (0x0610, 0x061A), (0x0640, 0x0640), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06DC), (0x06DF, 0x06E4),
    (0x06E7, 0x06E8), (0x06EA, 0x06ED), (0x08D3, 0x08E1), (0x08E3, 0x08FF),
    # Syriac vowel points.
    (0x0730, 0x074A),
]


def is_dropped(ch):
    cp = ord(ch)
    return unicodedata.category(ch) == 'Cf' or any(low <= cp <= high for low, high in DIACRITICS)


entries = []
for cp in range(0x80, 0x110000):
    if 0xAC00 <= cp <= 0xD7A3 or 0xD800 <= cp <= 0xDFFF:
        continue
    folded = ''.join(x for x in unicodedata.normalize('NFKD', chr(cp)) if not is_dropped(x))
    if folded != chr(cp):
        entries.append(f"{cp:X}={'.'.join(f'{ord(x):X}' for x in folded)}")

print(f"# Unicode {unicodedata.unidata_version}: NFKD without diacritics, made by make-folds.py")
for i in range(0, len(entries), 16):
    print(' '.join(entries[i:i + 16]))
