#!/usr/bin/env python3
"""Writes folds.txt: each BMP character whose compatibility decomposition (NFKD) without combining
marks differs from it, as `hex=hex.hex…` entries, 16 to a line. The server runs with
InvariantGlobalization (no ICU), where string.Normalize cannot decompose; NameKeys reads this table
instead. Hangul syllables are left out (they carry no diacritics). Run: python3 make-folds.py > folds.txt"""
import unicodedata

entries = []
for cp in range(0x80, 0x10000):
    if 0xAC00 <= cp <= 0xD7A3 or 0xD800 <= cp <= 0xDFFF:
        continue
    folded = ''.join(x for x in unicodedata.normalize('NFKD', chr(cp)) if unicodedata.category(x) not in ('Mn', 'Mc', 'Me', 'Cf'))
    if folded != chr(cp):
        entries.append(f"{cp:X}={'.'.join(f'{ord(x):X}' for x in folded)}")

print(f"# Unicode {unicodedata.unidata_version}: NFKD without marks, made by make-folds.py")
for i in range(0, len(entries), 16):
    print(' '.join(entries[i:i + 16]))
