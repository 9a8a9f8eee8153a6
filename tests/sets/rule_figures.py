#!/usr/bin/env python3
"""Per-rule figures for choosing and reviewing rules, on three kinds of evidence at once.

usage: python3 tests/sets/rule_figures.py BINARY [--args "MTLINT ARGS"] [--native FILE ...]
                                          [--mqm BENCH.jsonl] [--out FIGURES.tsv] [--examples N]

- MQM (default ../shared/eval/mqm-zhen-dev.jsonl): real MT output with rater-marked errors, scored
  by ../shared/eval/mqm_score.py: per rule, hits, true and false positives, span precision.
- The sentence sets (tests/sets/*.tsv): per rule, err rows caught (a diagnostic overlapping the
  snippet) and ok rows flagged (any diagnostic on a correct sentence is a false alarm).
- Native English (--native, text files of correct, edited English, one paragraph per line): per
  rule, hits per 100,000 words. On such text almost every hit is a false alarm; --examples N
  prints N flagged excerpts per rule so that the rest can be judged by reading.

MTLINT ARGS select the rules, e.g. --args "--disable all --enable lt/" for LanguageTool's rules
alone (each rule as if it ran alone: no overlap with mtlint's own rules). The table goes to --out
(tab-separated: rule, on/off by default, mqm_n, mqm_tp, mqm_fp, mqm_p, sets_caught, sets_false, native hits per
corpus, native_per_100k) sorted by native rate, then MQM hits.
"""
import argparse
import collections
import csv
import glob
import json
import os
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "eval"))


def run_mtlint(binary, args, paths):
    """jsonl diagnostics of `paths` (in chunks, so that command lines stay short)."""
    out = []
    for i in range(0, len(paths), 2000):
        p = subprocess.run([binary, "check", "--no-cache", *args, "--format", "jsonl", *paths[i:i + 2000]],
                           capture_output=True, text=True)
        if p.returncode not in (0, 1):
            sys.exit(f"{binary} exited {p.returncode}: {p.stderr[-800:]}")
        out.extend(json.loads(l) for l in p.stdout.splitlines() if l.strip())
    return out


def mqm(binary, args, bench):
    with tempfile.TemporaryDirectory() as tmp:
        j = os.path.join(tmp, "m.json")
        env = dict(os.environ, MQM_ARGS=" ".join(args))
        p = subprocess.run([sys.executable, os.path.join(SHARED, "mqm_run.py"), binary, bench, "--json", j,
                            "--no-by-subset"], capture_output=True, text=True, env=env)
        if p.returncode != 0:
            sys.exit(f"mqm_run.py failed: {p.stdout[-500:]} {p.stderr[-500:]}")
        res = json.load(open(j))["results"][0]
        return res["per_rule"], res["overall"]


def sets(binary, args):
    rows = []
    for path in sorted(glob.glob(os.path.join(HERE, "*.tsv"))):
        rows.extend(csv.DictReader(open(path, encoding="utf-8"), delimiter="\t"))
    caught, false = collections.Counter(), collections.Counter()
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for r in rows:
            p = os.path.join(tmp, r["id"] + ".txt")
            open(p, "w", encoding="utf-8").write(r["text"] + "\n")
            paths.append(p)
        by_id = {r["id"]: r for r in rows}
        for d in run_mtlint(binary, args, paths):
            r = by_id[os.path.basename(d["path"])[:-4]]
            raw = (r["text"] + "\n").encode()
            s = len(raw[:d["start"]].decode(errors="replace"))
            e = len(raw[:d["end"]].decode(errors="replace"))
            if r["kind"] == "ok":
                false[d["rule"]] += 1
            else:
                a = r["text"].find(r["snippet"])
                b = a + len(r["snippet"])
                if s < b and a < max(e, s + 1):
                    caught[d["rule"]] += 1
    return caught, false


def native(binary, args, files, examples):
    per = {}
    words = {}
    shown = collections.defaultdict(list)
    for f in files:
        name = os.path.splitext(os.path.basename(f))[0]
        text = open(f, encoding="utf-8").read()
        words[name] = len(text.split())
        raw = text.encode()
        per[name] = collections.Counter()
        for d in run_mtlint(binary, args, [f]):
            per[name][d["rule"]] += 1
            if len(shown[d["rule"]]) < examples:
                a, b = d["start"], d["end"]
                ctx = raw[max(0, a - 50):a].decode(errors="replace").split("\n")[-1]
                after = raw[b:b + 50].decode(errors="replace").split("\n")[0]
                shown[d["rule"]].append(f"{name}: …{ctx}[{raw[a:b].decode(errors='replace')}]{after}…")
    return per, words, shown


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("--args", default="", help="mtlint check arguments selecting the rules")
    ap.add_argument("--native", nargs="*", default=[])
    ap.add_argument("--mqm", default=os.path.join(SHARED, "mqm-zhen-dev.jsonl"))
    ap.add_argument("--out", default="-")
    ap.add_argument("--examples", type=int, default=0)
    ap.add_argument("--raw", help="keep the measurements in this JSON file and reuse them when it exists")
    a = ap.parse_args()
    args = shlex.split(a.args)
    if a.raw and os.path.exists(a.raw):
        raw = json.load(open(a.raw))
    else:
        m, overall = mqm(a.binary, args, a.mqm)
        caught, false = sets(a.binary, args)
        per, words, shown = native(a.binary, args, a.native, a.examples)
        raw = {"mqm": m, "overall": overall, "caught": caught, "false": false, "native": per,
               "words": words, "shown": shown}
        if a.raw:
            json.dump(raw, open(a.raw, "w"))
    m, overall = raw["mqm"], raw["overall"]
    caught, false = collections.Counter(raw["caught"]), collections.Counter(raw["false"])
    per = {k: collections.Counter(v) for k, v in raw["native"].items()}
    words, shown = raw["words"], raw["shown"]
    total_words = sum(words.values()) or 1
    listing = subprocess.run([a.binary, "rules", "--no-config", "--format", "json"], capture_output=True, text=True)
    defaults = {r["id"]: "on" if r["enabled"] else "off" for r in json.loads(listing.stdout)}
    rules = set(m) | set(caught) | set(false) | {r for c in per.values() for r in c}
    rows = []
    for r in rules:
        mr = m.get(r, {"n": 0, "tp": 0, "fp": 0, "precision": None})
        nat = [per[n][r] for n in per]
        rate = 1e5 * sum(nat) / total_words
        p = mr["precision"]
        rows.append([r, defaults.get(r, "?"), mr["n"], mr["tp"], mr["fp"], "-" if p is None else f"{p:.2f}",
                     caught[r], false[r], *nat, f"{rate:.1f}"])
    rows.sort(key=lambda x: (-float(x[-1]), -x[2]))
    out = sys.stdout if a.out == "-" else open(a.out, "w", encoding="utf-8")
    head = ["rule", "default", "mqm_n", "mqm_tp", "mqm_fp", "mqm_p", "sets_caught", "sets_false",
            *[f"native_{n}" for n in per], "native_per_100k"]
    print("\t".join(head), file=out)
    for row in rows:
        print("\t".join(str(x) for x in row), file=out)
    print(f"# MQM overall: {json.dumps(overall)}", file=sys.stderr)
    print(f"# native words: {words}", file=sys.stderr)
    for r, ex in sorted(shown.items()):
        print(f"\n{r}", file=sys.stderr)
        for e in ex:
            print(f"   {e}", file=sys.stderr)


if __name__ == "__main__":
    main()
