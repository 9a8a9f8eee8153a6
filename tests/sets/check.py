#!/usr/bin/env python3
"""Sanity-check the held-out sentence sets (tests/sets/*.tsv).

usage: python3 tests/sets/check.py [FILE.tsv ...]   (default: every .tsv next to this script)

Checks: header and five tab-separated columns; no empty text; ids unique across all
sets and shaped PREFIX-eNNN / PREFIX-oNNN matching kind; kind is err|ok; err rows have
a snippet that occurs in text; ok rows have an empty snippet; the file parses the same
way with csv.DictReader (as score.py reads it) as with a plain split on tabs; no
duplicate texts (across all sets); at least as many ok rows as err rows. Warns (does not fail) when a
snippet occurs more than once or a sentence is outside 8-30 words.
"""
import csv, glob, os, re, sys

HEADER = ["id", "kind", "text", "snippet", "category"]


def check(path, seen_ids, seen_texts):
    errors, warnings = [], []
    raw = open(path, encoding="utf-8", newline="").read()
    if "\r" in raw:
        errors.append("carriage return in file")
    lines = raw.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if lines[0].split("\t") != HEADER:
        errors.append(f"bad header {lines[0]!r}")
    rows = [l.split("\t") for l in lines[1:]]
    parsed = list(csv.DictReader(open(path, encoding="utf-8"), delimiter="\t"))
    if len(parsed) != len(rows):
        errors.append(f"csv reads {len(parsed)} rows, plain split {len(rows)}")
    n = {"err": 0, "ok": 0}
    texts = set()
    for i, f in enumerate(rows, 2):
        if len(f) != 5:
            errors.append(f"line {i}: {len(f)} columns")
            continue
        rid, kind, text, snip, cat = f
        if i - 2 < len(parsed) and [parsed[i - 2][h] for h in HEADER] != f:
            errors.append(f"line {i}: csv parse differs (quote character at field start?)")
        if kind not in n:
            errors.append(f"line {i}: kind {kind!r}")
            continue
        n[kind] += 1
        if not re.fullmatch(r"[a-z]+-[eo]\d{3}", rid) or rid.split("-")[1][0] != kind[0]:
            errors.append(f"line {i}: id {rid!r} does not fit kind {kind}")
        if rid in seen_ids:
            errors.append(f"line {i}: duplicate id {rid}")
        seen_ids.add(rid)
        if not text.strip():
            errors.append(f"line {i}: empty text")
        if text in texts or text in seen_texts:
            errors.append(f"line {i}: duplicate text")
        texts.add(text)
        if not cat:
            errors.append(f"line {i}: empty category")
        if kind == "err":
            if not snip:
                errors.append(f"line {i}: err row without snippet")
            elif snip not in text:
                errors.append(f"line {i}: snippet {snip!r} not in text")
            elif text.count(snip) > 1:
                warnings.append(f"line {i}: snippet {snip!r} occurs {text.count(snip)} times")
        elif snip:
            errors.append(f"line {i}: ok row with snippet")
        words = len(text.split())
        if not 8 <= words <= 30:
            warnings.append(f"line {i}: {words} words")
    seen_texts.update(texts)
    if n["ok"] < n["err"]:
        errors.append(f"fewer ok rows ({n['ok']}) than err rows ({n['err']})")
    return n, errors, warnings


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    paths = sys.argv[1:] or sorted(glob.glob(os.path.join(here, "*.tsv")))
    seen, seen_texts, bad = set(), set(), False
    for p in paths:
        n, errors, warnings = check(p, seen, seen_texts)
        print(f"{os.path.basename(p)}: {n['err']} err, {n['ok']} ok")
        for w in warnings:
            print("  warning:", w)
        for e in errors:
            print("  ERROR:", e)
        bad |= bool(errors)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
