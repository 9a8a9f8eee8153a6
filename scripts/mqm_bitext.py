#!/usr/bin/env python3
"""Bilingual (source + MT) version of the MQM zh->en benchmark, for bilingual checkers.

Writes the benchmark as XLIFF 2.0 and gettext PO files with an index that maps
byte offsets in those files back to Python str indices of each segment's MT
"text", runs a checker over them (translate-toolkit's pofilter, or mtlint on
the XLIFF files), and writes predictions in mqm_score.py's PREDS format.
Standard library only.

Pipeline
--------
  BENCH=../shared/eval/mqm-zhen-dev.jsonl      # never hard-coded here
  SCORE=../shared/eval/mqm_score.py
  python3 scripts/mqm_bitext.py write /tmp/bitext --bench $BENCH
  python3 scripts/mqm_bitext.py selftest /tmp/bitext   # offsets + fake-binary mapping check

  # translate-toolkit's pofilter (pip install translate-toolkit into a venv):
  python3 -m venv /tmp/ttk && /tmp/ttk/bin/pip install translate-toolkit
  python3 scripts/mqm_bitext.py pofilter /tmp/bitext /tmp/pofilter.jsonl --pofilter /tmp/ttk/bin/pofilter

  # mtlint on the XLIFF files (options after "--" go to `mtlint check`):
  python3 scripts/mqm_bitext.py mtlint /tmp/bitext target/release/mtlint /tmp/mtlint.jsonl -- --disable 'lt/*'

  # score: all gold spans, accuracy (non-mono) ones included; per-rule precision
  # is the "rule" table, per-category recall the "gold category" table
  python3 $SCORE $BENCH /tmp/pofilter.jsonl --include-nonmono --no-by-subset
  # recall of the accuracy categories only (other spans become don't-care):
  python3 $SCORE $BENCH /tmp/pofilter.jsonl --include-nonmono --no-by-subset \\
      --categories '^Accuracy/(Mistranslation|Omission|Untranslated)'
  # Category names in mqm-zhen-dev.jsonl (non-mono spans): Accuracy/Mistranslation
  # 3945, Accuracy/Addition 112, Accuracy/Source language fragment 52,
  # Accuracy/Creative Reinterpretation 36, Accuracy/Gender Mismatch 13,
  # Non-translation 3, Other 2, Accuracy/Untranslated text 1.  There is NO
  # Accuracy/Omission: an omission has no span in the MT text, so the bench has
  # none (the regex above then matches Mistranslation + Untranslated text only).
  # "Source language fragment" (wmt23 only) is mostly digits kept as digits
  # ("5 new products") and pinyin names, not Chinese left in the output.  For the
  # untranslated family use
  #     --categories '^(Accuracy/(Untranslated text|Source language fragment)|Non-translation)'
  # and for the accuracy family as a whole '^Accuracy/'.  Add --strict to count
  # the other spans as clean text (precision against accuracy errors only).
  # pofilter has no spans: its diagnostics cover the whole target, so its span
  # "precision" is the share of flagged segments that have any gold span (base
  # rate: 3316/5335 = 0.62 of segments have an error, 2063 = 0.39 an Accuracy one).

Files written by `write DIR --bench BENCH`
------------------------------------------
Segments are grouped by their id minus the last component (e.g.
wmt21ted.zhen.Borderline.100 -> wmt21ted.zhen.Borderline): one file per test
set and MT system, 189 (wmt23) or 265 (wmt21ted) segments each, in source
document order (src_seg), i.e. one translator-sized job per system.  Splitting
further by document would give wmt23 files of 1-8 segments.
  DIR/xliff/<group>.xlf  XLIFF 2.0, srcLang="zh" trgLang="en", one
                         <unit id="<segment id>"><segment><source>..</source>
                         <target>..</target></segment></unit> per segment.
                         & < > are escaped as entities (with --escape-quotes
                         also " and ' as &quot; &apos;), CR as &#13;, characters
                         XML 1.0 cannot hold as XLIFF <cp hex=".."/>.
  DIR/po/<group>.po      gettext PO, header with "Language: en", msgctxt =
                         segment id, msgid = source, msgstr = MT text, escaped
                         and wrapped at 79 columns as msgcat does (gettext's
                         wrap() + UAX #14 line breaking; `selftest DIR` checks
                         the files are byte-identical to msgcat's output, as
                         they are for the whole dev set with GNU gettext 0.21).
  DIR/index.json         {"version": 1, "bench": path, "segments": [{"id",
                         "group", "len", "xliff": {"file", "offsets"}, "po":
                         {"file", "offsets"}}]}; "file" is relative to DIR;
                         "offsets" has len+1 entries: the byte offset in the file
                         of the first byte of the (escaped) form of each
                         character of "text", then the offset just past the last
                         one (start of </target>, or of the closing quote of the
                         last msgstr line).  In XLIFF the escaped forms are
                         contiguous; in PO a '"\\n"' (quote, newline, quote)
                         may lie between two characters.

Mapping a byte span [b0, b1) of a file to text: the target whose offsets
range [offsets[0], offsets[-1]] it overlaps (a zero-width span: touches);
start = index of the character whose encoding contains b0, end = number of
characters whose encoding starts before b1; so a span that cuts an escape such
as &amp; in two still covers that character.  Parts outside the target are
clipped; a span touching no target (on a <source>, a tag, the header) is
dropped and counted.
"""
import argparse
import bisect
import collections
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

PAGE_WIDTH = 79  # msgcat's default --width


# ---------------------------------------------------------------- benchmark

def load_jsonl(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as e:
                    sys.exit("%s:%d: bad JSON: %s" % (path, n, e))
    return out


def group_of(seg_id):
    return seg_id.rsplit(".", 1)[0]


def seg_order(seg):
    try:
        return (0, int(seg.get("src_seg", seg["id"].rsplit(".", 1)[1])))
    except (ValueError, TypeError):
        return (1, seg["id"])


# ---------------------------------------------------------------- XML

def xml_pieces(text, escape_quotes=False):
    """One escaped piece per character of text (XML 1.0 element content)."""
    out = []
    for ch in text:
        o = ord(ch)
        if ch == "&":
            out.append("&amp;")
        elif ch == "<":
            out.append("&lt;")
        elif ch == ">":
            out.append("&gt;")
        elif escape_quotes and ch == '"':
            out.append("&quot;")
        elif escape_quotes and ch == "'":
            out.append("&apos;")
        elif ch == "\r":
            out.append("&#13;")  # a literal CR would be normalised away by parsers
        elif (o < 0x20 and ch not in "\t\n") or 0xD800 <= o <= 0xDFFF or o in (0xFFFE, 0xFFFF):
            out.append('<cp hex="%04X"/>' % o)  # XLIFF 2.0 escape for invalid XML chars
        else:
            out.append(ch)
    return out


def xml_attr(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


# ---------------------------------------------------------------- PO

PO_ESC = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r",
          "\a": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v"}
PO_UNESC = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def po_piece(ch):
    if ch in PO_ESC:
        return PO_ESC[ch]
    return ch  # msgcat writes other control characters as they are


def po_unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            if n in PO_UNESC:
                out.append(PO_UNESC[n])
                i += 2
                continue
            m = re.match(r"[0-7]{1,3}", s[i + 1:])
            if m:
                out.append(chr(int(m.group(0), 8)))
                i += 1 + len(m.group(0))
                continue
        out.append(c)
        i += 1
    return "".join(out)


# Unicode line-breaking (UAX #14) classes, as far as PO strings need them.  The
# rules below are the pair rules of the UAX #14 version used by libunistring
# (gettext's line breaker); checked against msgcat by `selftest`.
_LB = {}
for _c in " ":
    _LB[_c] = "SP"
for _c in "\u00a0\u2007\u202f\u2060\ufeff":
    _LB[_c] = "GL"
for _c in "\t|\u2010\u2013\u2027\u00ad\u2012\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a":
    _LB[_c] = "BA"
_LB["-"] = "HY"
_LB["\u2014"] = "B2"
for _c in "}])":
    _LB[_c] = "CP" if _c in "])" else "CL"
for _c in "\u3001\u3002\uff0c\uff0e\uff09\u3009\u300b\u300d\u300f\u3011\u3015\u3017\u3019\u301b\uff3d\uff5d\uff60\ufe50\ufe52":
    _LB[_c] = "CL"
for _c in "([{\uff08\u3008\u300a\u300c\u300e\u3010\u3014\u3016\u3018\u301a\uff3b\uff5b\uff5f\u00a1\u00bf":
    _LB[_c] = "OP"
for _c in "!?\uff01\uff1f":
    _LB[_c] = "EX"
for _c in ",.:;\u037e\u0589":
    _LB[_c] = "IS"
for _c in "\uff1a\uff1b\u30fb\uff65\u3005\u301c\u203c\u2047\u2048\u2049":
    _LB[_c] = "NS"
for _c in "\"'\u2018\u2019\u201c\u201d\u201b\u201f\u00ab\u00bb\u2039\u203a\u275b\u275c\u275d\u275e":
    _LB[_c] = "QU"
for _c in "$+\\\u00a3\u00a5\u20ac\u2116\u00b1\u2212\u2213\u20a9\u20b9\uffe5\uffe1\uff04":
    _LB[_c] = "PR"
for _c in "%\u00a2\u00b0\u2030\u2031\u2032\u2033\u2103\uff05\uffe0":
    _LB[_c] = "PO"
_LB["/"] = "SY"
for _c in "\u2024\u2025\u2026\ufe19":
    _LB[_c] = "IN"
_LB["\u200b"] = "ZW"
_LB25 = {("CL", "PO"), ("CP", "PO"), ("CL", "PR"), ("CP", "PR"), ("NU", "PO"), ("NU", "PR"),
         ("PO", "OP"), ("PO", "NU"), ("PR", "OP"), ("PR", "NU"), ("HY", "NU"), ("IS", "NU"),
         ("NU", "NU"), ("SY", "NU")}


def lb_class(ch):
    c = _LB.get(ch)
    if c:
        return c
    if "0" <= ch <= "9":
        return "NU"
    cat = unicodedata.category(ch)
    if cat in ("Mn", "Me"):
        return "CM"
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        if cat == "Nd":
            return "ID"
        if cat == "Ps":
            return "OP"
        if cat == "Pe":
            return "CL"
        return "ID"
    if cat == "Nd":
        return "NU"
    return "AL"


def is_wide(ch):
    return unicodedata.east_asian_width(ch) in ("W", "F")


def col_width(ch):
    if unicodedata.category(ch) in ("Mn", "Me", "Cf", "Cc") and ch != "\u00ad":
        return 0
    return 2 if is_wide(ch) else 1


def lb_opportunities(chars):
    """brk[i] True when a line break is allowed before chars[i] (i > 0)."""
    cls = [lb_class(c) for c in chars]
    attached = [False] * len(chars)
    for i, c in enumerate(cls):  # LB9/LB10: combining marks take their base's class
        if c == "CM":
            if i > 0 and cls[i - 1] not in ("SP", "ZW"):
                cls[i] = cls[i - 1]
                attached[i] = True
            else:
                cls[i] = "AL"
    brk = [False] * len(chars)
    for i in range(1, len(chars)):
        if attached[i]:
            continue
        a, b = cls[i - 1], cls[i]
        j = i - 1
        while j >= 0 and cls[j] == "SP":
            j -= 1
        bsp = cls[j] if j >= 0 else None
        brk[i] = _pair_break(a, b, bsp, chars[i - 1], chars[i], chars[j] if j >= 0 else "")
    return brk


def _pair_break(a, b, bsp, ca, cb, cbsp):
    if b in ("SP", "ZW"):
        return False                                   # LB7
    if bsp == "ZW":
        return True                                    # LB8
    if a == "GL" or (b == "GL" and a not in ("SP", "BA", "HY")):
        return False                                   # LB12, LB12a
    if b in ("CL", "CP", "EX", "IS", "SY"):
        return False                                   # LB13
    if bsp == "OP":
        return False                                   # LB14
    if bsp == "QU" and b == "OP":
        return False                                   # LB15
    if bsp in ("CL", "CP") and b == "NS":
        return False                                   # LB16
    if bsp == "B2" and b == "B2":
        return False                                   # LB17
    if a == "SP":
        return True                                    # LB18
    if a == "QU" or b == "QU":
        return False                                   # LB19
    if b in ("BA", "HY", "NS"):
        return False                                   # LB21
    if b == "IN":
        return False                                   # LB22 (Unicode >= 6.1 form: x IN)
    if (a, b) in (("AL", "NU"), ("NU", "AL"), ("PR", "ID"), ("ID", "PO"),
                  ("PR", "AL"), ("PO", "AL"), ("AL", "PR"), ("AL", "PO")):
        return False                                   # LB23, LB23a, LB24
    if (a, b) in _LB25:
        return False                                   # LB25
    if (a, b) == ("AL", "AL"):
        return False                                   # LB28 (libunistring has no LB29 IS x AL:
                                                       # msgcat breaks "U." / "S.")
    if a in ("AL", "NU") and b == "OP" and not is_wide(cb):
        return False                                   # LB30
    if a == "CP" and b in ("AL", "NU") and not is_wide(ca):
        return False                                   # LB30
    return True                                        # LB31


def po_field(keyword, value, width=PAGE_WIDTH):
    """Lines of `keyword "value"` wrapped as GNU gettext's write-po.c wrap() does.

    Returns (lines, char_offsets): char_offsets[i] = (line number, column in
    bytes of the line) where the escaped form of value[i] starts, plus one
    entry for the end (the closing quote of the last line)."""
    lines, offsets = [], []
    portions = re.findall(r"[^\n]*\n|[^\n]+", value) or [""]
    first_line = True
    wrap_width = width - 1 - 1          # room for the closing quote; opening quote = startcol_after_break
    for pi, portion in enumerate(portions):
        pieces = [po_piece(c) for c in portion]
        # break opportunities are computed on the escaped string; an escape
        # sequence is one unit (gettext: UC_BREAK_PROHIBITED inside it)
        flat, owner = [], []
        for k, p in enumerate(pieces):
            for ch in p:
                flat.append(ch)
                owner.append(k)
        opp = lb_opportunities(flat)
        brk_before = [False] * len(pieces)
        seen = set()
        for idx, k in enumerate(owner):
            if k not in seen:
                seen.add(k)
                brk_before[k] = opp[idx]
        if pieces and pieces[-1] == "\\n":
            brk_before[-1] = False      # gettext: never break right before the "\n"
        more = pi + 1 < len(portions)
        while True:
            startcol = (len(keyword) + 2 - 1) if first_line else 0
            cuts = _width_linebreaks(pieces, brk_before, wrap_width, startcol)
            if first_line and pieces and (more or cuts):
                lines.append('%s ""' % keyword)
                first_line = False
                continue
            break
        prefix = ('%s "' % keyword) if first_line else '"'
        bounds = [0] + cuts + [len(pieces)]
        for s, e in zip(bounds, bounds[1:]):
            line = prefix
            for k in range(s, e):
                offsets.append((len(lines), len(line.encode("utf-8"))))
                line += pieces[k]
            lines.append(line + '"')
            prefix = '"'
        first_line = False
    offsets.append((len(lines) - 1, len(lines[-1].encode("utf-8")) - 1))
    return lines, offsets


def _width_linebreaks(pieces, brk_before, width, startcol):
    """libunistring's ulc_width_linebreaks: piece indexes to break before."""
    cuts = []
    last_k, last_col, piece_w = None, startcol, 0
    for k, p in enumerate(pieces):
        if brk_before[k]:
            if last_k is not None and last_col + piece_w > width:
                cuts.append(last_k)
                last_col = 0
            last_k = k
            last_col += piece_w
            piece_w = 0
        piece_w += sum(col_width(c) for c in p)
    if last_k is not None and last_col + piece_w > width:
        cuts.append(last_k)
    return cuts


def parse_po(data):
    """Minimal PO reader: list of dicts {comments: [...], msgctxt, msgid, msgstr, ...}."""
    entries, cur, key = [], None, None

    def flush():
        if cur and any(k in cur for k in ("msgid", "msgctxt")):
            entries.append(cur)

    for raw in data.splitlines():
        line = raw.strip()
        if not line:
            flush()
            cur, key = None, None
            continue
        if cur is None:
            cur = {"comments": []}
        if line.startswith("#"):
            if key is not None:          # a comment after the strings starts a new entry
                flush()
                cur, key = {"comments": []}, None
            cur["comments"].append(line)
            continue
        m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"$', line)
        if m:
            if m.group(1) in ("msgctxt", "msgid") and key in ("msgstr", "msgstr[0]", "msgstr[1]"):
                flush()
                cur = {"comments": []}
            key = m.group(1)
            cur[key] = po_unescape(m.group(2))
        elif line.startswith('"') and line.endswith('"') and key:
            cur[key] += po_unescape(line[1:-1])
    flush()
    return entries


# ---------------------------------------------------------------- write

def cmd_write(a):
    segs = load_jsonl(a.bench)
    groups = collections.OrderedDict()
    for s in segs:
        groups.setdefault(group_of(s["id"]), []).append(s)
    os.makedirs(os.path.join(a.dir, "xliff"), exist_ok=True)
    os.makedirs(os.path.join(a.dir, "po"), exist_ok=True)
    index = {"version": 1, "bench": os.path.abspath(a.bench), "escape_quotes": a.escape_quotes,
             "segments": []}
    for g, gsegs in groups.items():
        if not re.match(r"^[A-Za-z0-9._-]+$", g):
            sys.exit("group name not usable as a file name: %r" % g)
        gsegs.sort(key=seg_order)
        xrel, prel = "xliff/%s.xlf" % g, "po/%s.po" % g
        xoffs = write_xliff(os.path.join(a.dir, xrel), g, gsegs, a.escape_quotes)
        poffs = write_po(os.path.join(a.dir, prel), g, gsegs)
        for s in gsegs:
            index["segments"].append({
                "id": s["id"], "group": g, "len": len(s["text"]),
                "xliff": {"file": xrel, "offsets": xoffs[s["id"]]},
                "po": {"file": prel, "offsets": poffs[s["id"]]}})
    with open(os.path.join(a.dir, "index.json"), "w", encoding="utf-8") as f:
        json.dump(index, f, ensure_ascii=False, separators=(",", ":"))
    print("wrote %d segments in %d groups (%s..%s segments per file) to %s/{xliff,po}/ and %s/index.json" % (
        len(segs), len(groups), min(map(len, groups.values())), max(map(len, groups.values())), a.dir, a.dir))


def write_xliff(path, group, segs, escape_quotes):
    buf = bytearray()
    offs = {}

    def w(s):
        buf.extend(s.encode("utf-8"))

    w('<?xml version="1.0" encoding="UTF-8"?>\n')
    w('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" trgLang="en">\n')
    w('  <file id="f1" original="%s">\n' % xml_attr(group))
    for s in segs:
        if not re.match(r"^[A-Za-z_][A-Za-z0-9._:-]*$", s["id"]):
            sys.exit("segment id is not an XML NMTOKEN: %r" % s["id"])
        w('    <unit id="%s">\n      <segment>\n' % xml_attr(s["id"]))
        w("        <source>%s</source>\n" % "".join(xml_pieces(s["source"], escape_quotes)))
        w("        <target>")
        o = []
        for p in xml_pieces(s["text"], escape_quotes):
            o.append(len(buf))
            w(p)
        o.append(len(buf))
        offs[s["id"]] = o
        w("</target>\n      </segment>\n    </unit>\n")
    w("  </file>\n</xliff>\n")
    with open(path, "wb") as f:
        f.write(buf)
    return offs


def write_po(path, group, segs):
    buf = bytearray()
    offs = {}

    def emit(lines):
        starts = []
        for ln in lines:
            starts.append(len(buf))
            buf.extend((ln + "\n").encode("utf-8"))
        return starts

    header = ("Project-Id-Version: mqm-zhen %s\n" % group + "Language: en\n"
              "MIME-Version: 1.0\n" "Content-Type: text/plain; charset=UTF-8\n"
              "Content-Transfer-Encoding: 8bit\n" "X-Source-Language: zh\n")
    emit(po_field("msgid", "")[0])
    emit(po_field("msgstr", header)[0])
    for s in segs:
        buf.extend(b"\n")
        emit(po_field("msgctxt", s["id"])[0])
        emit(po_field("msgid", s["source"])[0])
        lines, loffs = po_field("msgstr", s["text"])
        starts = emit(lines)
        offs[s["id"]] = [starts[ln] + col for ln, col in loffs]
    with open(path, "wb") as f:
        f.write(buf)
    return offs


# ---------------------------------------------------------------- index / preds

class Index:
    def __init__(self, d):
        self.dir = d
        with open(os.path.join(d, "index.json"), encoding="utf-8") as f:
            self.data = json.load(f)
        self.segments = self.data["segments"]
        self.by_id = {s["id"]: s for s in self.segments}
        self.by_file = {}     # (fmt, relpath) -> sorted [(start, end, seg)]
        for s in self.segments:
            for fmt in ("xliff", "po"):
                o = s[fmt]["offsets"]
                self.by_file.setdefault((fmt, s[fmt]["file"]), []).append((o[0], o[-1], s))
        self.starts = {}
        for k, v in self.by_file.items():
            v.sort(key=lambda t: t[0])
            self.starts[k] = [u[0] for u in v]

    def file_key(self, fmt, path):
        """Find the index's relative path for a path reported by a tool."""
        rel_paths = {rel for (f, rel) in self.by_file if f == fmt}
        try:
            rel = os.path.relpath(os.path.realpath(path), os.path.realpath(self.dir)).replace(os.sep, "/")
            if rel in rel_paths:
                return rel
        except ValueError:
            pass
        base = os.path.basename(path)
        cands = [r for r in rel_paths if os.path.basename(r) == base]
        return cands[0] if len(cands) == 1 else None

    def map_span(self, fmt, rel, b0, b1):
        """(segment, start, end, clipped) or None when the span touches no target."""
        if b1 < b0:
            b0, b1 = b1, b0
        units = self.by_file.get((fmt, rel), [])
        i = bisect.bisect_right(self.starts.get((fmt, rel), []), b1) - 1
        # candidate: the last target starting at or before b1; walk back for overlaps
        while i >= 0:
            t0, t1, seg = units[i]
            touches = (t0 < b1 and b0 < t1) if b1 > b0 else (t0 <= b0 <= t1)
            if touches:
                o = seg[fmt]["offsets"]
                c0, c1 = max(b0, t0), min(b1, t1)
                start = max(0, bisect.bisect_right(o, c0) - 1) if c0 < t1 else seg["len"]
                end = bisect.bisect_left(o, c1) if c1 > c0 else start
                end = min(max(end, start), seg["len"])
                start = min(start, seg["len"])
                return seg, start, end, (c0, c1) != (b0, b1)
            if t1 < b0:
                break
            i -= 1
        return None


def write_preds(path, index, preds):
    with open(path, "w", encoding="utf-8") as f:
        for s in index.segments:
            f.write(json.dumps({"id": s["id"], "diagnostics": preds.get(s["id"], [])}, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------- pofilter

def cmd_pofilter(a):
    """Run pofilter over DIR/po/, write whole-target diagnostics "pofilter/<test>".

    Runs `pofilter --language=en -i DIR/po -o TMP` (PO output keeps msgctxt,
    which is the segment id), with all of pofilter's tests unless -t/--exclude
    narrow them: accelerators acronyms blank brackets compendiumconflicts
    credits doublequoting doublespacing doublewords emails endpunc
    endwhitespace escapes filepaths functions hassuggestion isfuzzy isreview
    kdecomments long musttranslatewords newlines notranslatewords nplurals
    numbers options printf puncspacing purepunc pythonbraceformat
    sentencecount short simplecaps simpleplurals singlequoting spellcheck
    startcaps startpunc startwhitespace tabs unchanged untranslated urls
    validchars variables xmltags (translate-toolkit 3.20; spellcheck is a no-op
    without pyenchant, (must|no)translatewords and validchars without their
    word/char files).  The failing tests are read from the
    `# (pofilter) test: message` comments of the output.

    pofilter reports units, not spans, so each diagnostic spans the whole MT
    text [0, len(text)).  Its tests assume an English source (translate-toolkit
    hard-codes the checker's source language to "en"), so against a Chinese
    source several of them compare unlike things: startcaps/simplecaps (no case
    in Chinese), endpunc (。 vs .), brackets and doublequoting (full-width （）
    and “” vs ASCII), printf ("58%认" read as a %-directive), sentencecount,
    numbers (2月9日 vs "February 9", 1.1亿 vs "110 million")."""
    index = Index(a.dir)
    exe = a.pofilter or shutil.which("pofilter")
    if not exe:
        sys.exit("pofilter not found: pass --pofilter PATH or put it on PATH")
    out_dir = a.keep_output or tempfile.mkdtemp(prefix="pofilter-out-")
    os.makedirs(out_dir, exist_ok=True)
    cmd = [exe, "--progress=none", "--errorlevel=message", "--language=%s" % a.language]
    for t in a.test or []:
        cmd += ["-t", t]
    for t in a.exclude or []:
        cmd += ["--excludefilter", t]
    cmd += ["-i", os.path.join(a.dir, "po"), "-o", out_dir]
    print("running:", " ".join(cmd), file=sys.stderr)
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("pofilter exited %d: %s" % (r.returncode, r.stderr[-1500:]))
    if r.stderr.strip():
        print(r.stderr.strip()[-1500:], file=sys.stderr)
    preds = collections.defaultdict(list)
    tests = collections.Counter()
    unknown = 0
    for path in sorted(glob.glob(os.path.join(out_dir, "**", "*.po"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            entries = parse_po(f.read())
        for e in entries:
            names = []
            for c in e["comments"]:
                m = re.match(r"^#\s*\(pofilter\)\s*([A-Za-z0-9_-]+):", c)
                if m and m.group(1) not in names:
                    names.append(m.group(1))
            if not names:
                continue
            seg = index.by_id.get(e.get("msgctxt"))
            if seg is None:
                unknown += 1
                continue
            for t in names:
                tests[t] += 1
                preds[seg["id"]].append({"start": 0, "end": seg["len"], "rule": "pofilter/" + t})
    write_preds(a.out, index, preds)
    if not a.keep_output:
        shutil.rmtree(out_dir, ignore_errors=True)
    print("%d of %d segments flagged by pofilter; %d flagged units with an unknown msgctxt" % (
        len(preds), len(index.segments), unknown), file=sys.stderr)
    for t, n in tests.most_common():
        print("  pofilter/%-20s %5d segments" % (t, n), file=sys.stderr)


# ---------------------------------------------------------------- mtlint

def cmd_mtlint(a, extra):
    index = Index(a.dir)
    files = sorted(glob.glob(os.path.join(a.dir, "xliff", "*.xlf")))
    if not files:
        sys.exit("no XLIFF files in %s/xliff (run `write` first)" % a.dir)
    cmd = [a.bin, "check", "--format", "jsonl", *extra, *files]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode not in (0, 1):
        sys.exit("%s exited %d: %s" % (a.bin, r.returncode, r.stderr[-1500:]))
    preds = collections.defaultdict(list)
    n = mapped = dropped = clipped = 0
    bad_files = collections.Counter()
    rules = collections.Counter()
    for line in r.stdout.splitlines():
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError:
            sys.exit("not a JSON line in %s's output: %r" % (a.bin, line[:200]))
        n += 1
        rel = index.file_key("xliff", d.get("path", ""))
        if rel is None:
            bad_files[d.get("path")] += 1
            continue
        m = index.map_span("xliff", rel, int(d["start"]), int(d["end"]))
        if m is None:
            dropped += 1
            continue
        seg, start, end, was_clipped = m
        clipped += was_clipped
        mapped += 1
        p = {"start": start, "end": end, "rule": d.get("rule", "?")}
        if d.get("category"):
            p["category"] = d["category"]
        preds[seg["id"]].append(p)
        rules[p["rule"]] += 1
    write_preds(a.out, index, preds)
    print("%d diagnostics: %d mapped to %d segments (%d clipped to their target), %d dropped (outside every "
          "target), %d on unknown files%s" % (n, mapped, len(preds), clipped, dropped, sum(bad_files.values()),
                                              (" " + str(dict(bad_files.most_common(3)))) if bad_files else ""),
          file=sys.stderr)
    return {"n": n, "mapped": mapped, "dropped": dropped, "clipped": clipped, "unknown_files": sum(bad_files.values())}


# ---------------------------------------------------------------- selftest

FAKE_MTLINT = r'''#!/usr/bin/env python3
# Fake "mtlint check --format jsonl FILES": finds the XLIFF targets and sources by
# reading the bytes itself (no index.json), decodes entities, and reports the
# byte span of the first word of every target, of the first quote/&/</> with the
# word after it (spans around escapes), of the last character of every target
# running on past </target> (must be clipped), and of the first word of every
# source (must be dropped by the mapping).
import json, re, sys
ENT = {b"&amp;": "&", b"&lt;": "<", b"&gt;": ">", b"&quot;": '"', b"&apos;": "'", b"&#13;": "\r"}
WORD = re.compile(r"\w+")
def decode(raw, base):
    chars, offs, i = [], [], 0
    while i < len(raw):
        offs.append(base + i)
        if raw[i:i+1] == b"&":
            j = raw.index(b";", i) + 1
            chars.append(ENT[raw[i:j]]); i = j
        elif raw[i:i+4] == b"<cp ":
            j = raw.index(b"/>", i) + 2
            chars.append(chr(int(re.search(rb'hex="([0-9A-Fa-f]+)"', raw[i:j]).group(1), 16))); i = j
        else:
            n = 1
            while i + n < len(raw) and (raw[i + n] & 0xC0) == 0x80:
                n += 1
            chars.append(raw[i:i+n].decode("utf-8")); i += n
    offs.append(base + len(raw))
    return "".join(chars), offs
args = sys.argv[1:]
assert args[:3] == ["check", "--format", "jsonl"], args
for path in [x for x in args[3:] if x.endswith(".xlf")]:
    data = open(path, "rb").read()
    for tag, rule in ((b"target", "fake/first-word"), (b"source", "fake/source-word")):
        for m in re.finditer(b"<" + tag + b">(.*?)</" + tag + b">", data, re.S):
            text, offs = decode(m.group(1), m.start(1))
            spans = []
            w = WORD.search(text)
            if w:
                spans.append((w.start(), w.end(), rule))
            if tag == b"target":
                q = re.search(r"[&<>\"']\w+", text)
                if q:
                    spans.append((q.start(), q.end(), "fake/escape-word"))
            for s, e, r in spans:
                print(json.dumps({"path": path, "rule": r, "start": offs[s], "end": offs[e]}))
            if tag == b"target" and text:
                print(json.dumps({"path": path, "rule": "fake/tail", "start": offs[-2], "end": m.end() + 1}))
sys.exit(1)
'''

SYNTHETIC = [
    ("t.A.1", "这是一个测试。", "Tom & Jerry <b>bold</b> said \"hi\" and 'bye' > less."),
    ("t.A.2", "他说：“你好！”", "\"Quoted\" start with a backslash \\ and a tab\there, plus a very long "
                             "continuation that must wrap over several lines of the PO file to test the offsets."),
    ("t.A.3", "三千万元", "30 million yuan (RMB 30,000,000) — a well-known, state-of-the-art test; "
                      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa x"),
    ("t.A.4", "换行", "line one\nline two & three\r\nend with CJK 中文字符。"),
    ("t.A.5", "控制", "bell\a and escape\x1b char"),
    ("t.B.1", "同一句。", "x"),
    ("t.B.2", "同一句。", "Same source, other id: \"&amp;\" stays literal."),
]


def cmd_selftest(a):
    ok = True

    def check(cond, msg):
        nonlocal ok
        if not cond:
            ok = False
            print("FAIL:", msg)
        return cond

    tmp = tempfile.mkdtemp(prefix="bitext-selftest-")
    try:
        dirs = []
        synth = os.path.join(tmp, "synth.jsonl")
        with open(synth, "w", encoding="utf-8") as f:
            for i, s, t in SYNTHETIC:
                f.write(json.dumps({"id": i, "source": s, "text": t, "errors": []}, ensure_ascii=False) + "\n")
        for eq in (False, True):
            d = os.path.join(tmp, "synth-%s" % eq)
            cmd_write(argparse.Namespace(dir=d, bench=synth, escape_quotes=eq))
            dirs.append((d, synth))
        if a.dir:
            dirs.append((a.dir, None))
        for d, bench in dirs:
            print("== %s" % d)
            ok &= selftest_dir(d, bench, tmp, check, a.msgcat)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("selftest:", "OK" if ok else "FAILED")
    sys.exit(0 if ok else 1)


def selftest_dir(d, bench, tmp, check, msgcat):
    index = Index(d)
    bench = bench or index.data["bench"]
    texts = {s["id"]: s for s in load_jsonl(bench)}
    ok0 = True
    nfail = 0
    files = collections.defaultdict(dict)
    for fmt in ("xliff", "po"):
        for (f, rel) in index.by_file:
            if f == fmt:
                with open(os.path.join(d, rel), "rb") as fh:
                    files[fmt][rel] = fh.read()
    # 1. offsets: the bytes at each offset are the escaped form of that character
    for s in index.segments:
        text = texts[s["id"]]["text"]
        if not check(len(text) == s["len"], "%s: len" % s["id"]):
            continue
        for fmt in ("xliff", "po"):
            data, o = files[fmt][s[fmt]["file"]], s[fmt]["offsets"]
            esc = xml_pieces(text, index.data.get("escape_quotes")) if fmt == "xliff" else [po_piece(c) for c in text]
            for i, ch in enumerate(text):
                e = esc[i].encode("utf-8")
                between = data[o[i] + len(e):o[i + 1]]
                good = data[o[i]:o[i] + len(e)] == e and (
                    between == b"" or (fmt == "po" and between == b'"\n"'))
                if not good:
                    nfail += 1
                    if nfail <= 5:
                        check(False, "%s %s char %d %r: bytes %r" % (s["id"], fmt, i, ch, data[o[i]:o[i + 1] + 3]))
            end_ok = data[o[-1]:o[-1] + 9] == b"</target>" if fmt == "xliff" else data[o[-1]:o[-1] + 2] == b'"\n'
            if not end_ok:
                nfail += 1
                check(False, "%s %s: end offset points at %r" % (s["id"], fmt, data[o[-1]:o[-1] + 10]))
    ok0 &= check(nfail == 0, "%d offset errors" % nfail)
    print("  offsets of %d segments x 2 formats: %s" % (len(index.segments), "ok" if nfail == 0 else "%d errors" % nfail))
    # 2. the files parse and hold the texts
    import xml.etree.ElementTree as ET
    ns = "{urn:oasis:names:tc:xliff:document:2.0}"
    seen = {}
    for rel, data in files["xliff"].items():
        root = ET.fromstring(data)
        check(root.get("srcLang") == "zh" and root.get("trgLang") == "en", rel + ": langs")
        for u in root.iter(ns + "unit"):
            def txt(el):
                out = [el.text or ""]
                for c in el:
                    out.append(chr(int(c.get("hex"), 16)) if c.tag == ns + "cp" else "?")
                    out.append(c.tail or "")
                return "".join(out)
            seg = u.find(ns + "segment")
            seen[u.get("id")] = (txt(seg.find(ns + "source")), txt(seg.find(ns + "target")))
    bad = [i for i in index.by_id if seen.get(i) != (texts[i]["source"], texts[i]["text"])]
    ok0 &= check(not bad, "XLIFF content differs for %d segments, e.g. %s" % (len(bad), bad[:3]))
    print("  XLIFF parses (ElementTree) and holds source+text of every segment: %s" % ("ok" if not bad else "NO"))
    seen = {}
    for rel, data in files["po"].items():
        for e in parse_po(data.decode("utf-8")):
            if e.get("msgctxt") is not None:
                seen[e["msgctxt"]] = (e["msgid"], e["msgstr"])
            else:
                check("Language: en\n" in e.get("msgstr", ""), rel + ": header Language")
    bad = [i for i in index.by_id if seen.get(i) != (texts[i]["source"], texts[i]["text"])]
    ok0 &= check(not bad, "PO content differs for %d segments, e.g. %s" % (len(bad), bad[:3]))
    print("  PO parses and holds msgctxt/msgid/msgstr of every segment: %s" % ("ok" if not bad else "NO"))
    # 3. msgcat re-wraps the PO files byte-identically
    mc = msgcat or shutil.which("msgcat")
    if mc:
        diffs = []
        for rel, data in files["po"].items():
            r = subprocess.run([mc, os.path.join(d, rel)], capture_output=True)
            if r.returncode != 0:
                diffs.append((rel, r.stderr.decode()[-300:]))
            elif r.stdout != data:
                a_l, b_l = data.decode().splitlines(), r.stdout.decode().splitlines()
                k = next((i for i, (x, y) in enumerate(zip(a_l, b_l)) if x != y), min(len(a_l), len(b_l)))
                diffs.append((rel, "line %d: ours %r / msgcat %r" % (k + 1, a_l[k:k + 2], b_l[k:k + 2])))
        ok0 &= check(not diffs, "msgcat output differs: %s" % diffs[:3])
        print("  msgcat output byte-identical for %d PO files: %s" % (len(files["po"]), "ok" if not diffs else "NO"))
    else:
        print("  msgcat not found: wrapping not compared")
    # 4. the mtlint path, with a fake binary that computes spans from the file bytes
    fake = os.path.join(tmp, "fake-mtlint")
    with open(fake, "w") as f:
        f.write(FAKE_MTLINT)
    os.chmod(fake, 0o755)
    out = os.path.join(tmp, "fake-preds.jsonl")
    stats = cmd_mtlint(argparse.Namespace(dir=d, bin=fake, out=out), [])
    word = re.compile(r"\w+")
    expect_n = sum(1 for s in index.segments if word.search(texts[s["id"]]["text"]))
    expect_drop = sum(1 for s in index.segments if word.search(texts[s["id"]]["source"]))
    check(stats["dropped"] == expect_drop, "dropped %d source spans, expected %d" % (stats["dropped"], expect_drop))
    got = {p["id"]: p["diagnostics"] for p in load_jsonl(out)}
    nbad = nfirst = nesc = ntail = 0
    for s in index.segments:
        text = texts[s["id"]]["text"]
        w = word.search(text)
        for p in got.get(s["id"], []):
            if p["rule"] == "fake/first-word":
                nfirst += 1
                if (p["start"], p["end"]) != (w.start(), w.end()):
                    nbad += 1
                    check(False, "%s: first word mapped to %r, expected %r" % (s["id"], text[p["start"]:p["end"]], w.group(0)))
            elif p["rule"] == "fake/escape-word":
                nesc += 1
                q = re.search(r"[&<>\"']\w+", text)
                if (p["start"], p["end"]) != (q.start(), q.end()):
                    nbad += 1
                    check(False, "%s: escape+word mapped to %r, expected %r" % (s["id"], text[p["start"]:p["end"]], q.group(0)))
            elif p["rule"] == "fake/tail":
                ntail += 1
                if (p["start"], p["end"]) != (len(text) - 1, len(text)):
                    nbad += 1
                    check(False, "%s: tail span mapped to %r" % (s["id"], (p["start"], p["end"])))
            else:
                nbad += 1
                check(False, "%s: unexpected rule %s" % (s["id"], p["rule"]))
    expect_tail = sum(1 for s in index.segments if texts[s["id"]]["text"])
    check(nfirst == expect_n, "first-word spans: %d, expected %d" % (nfirst, expect_n))
    check(ntail == expect_tail == stats["clipped"], "tail spans: %d, clipped %d, expected %d" % (
        ntail, stats["clipped"], expect_tail))
    good = nbad == 0 and nfirst == expect_n and stats["dropped"] == expect_drop and ntail == expect_tail == stats["clipped"]
    ok0 &= good
    print("  fake mtlint: %d first-word spans and %d quote/&/</> + word spans mapped back exactly to text, %d spans "
          "running past </target> clipped to the last character, %d source spans dropped: %s" % (
              nfirst, nesc, ntail, stats["dropped"], "ok" if good else "NO"))
    return ok0


# ---------------------------------------------------------------- main

def main():
    argv = sys.argv[1:]
    extra = []
    if "--" in argv:
        k = argv.index("--")
        argv, extra = argv[:k], argv[k + 1:]
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("write", help="write DIR/xliff/*.xlf, DIR/po/*.po and DIR/index.json")
    p.add_argument("dir")
    p.add_argument("--bench", required=True, help="benchmark JSONL (e.g. mqm-zhen-dev.jsonl)")
    p.add_argument("--escape-quotes", action="store_true",
                   help='write " and \' as &quot; &apos; in XLIFF (harder test of byte->char mapping)')
    p = sub.add_parser("pofilter", help="run translate-toolkit's pofilter on DIR/po, write PREDS",
                       description=cmd_pofilter.__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("dir")
    p.add_argument("out")
    p.add_argument("--pofilter", help="pofilter executable (default: from PATH)")
    p.add_argument("--language", default="en", help="target language for pofilter (default en)")
    p.add_argument("-t", "--test", action="append", help="only this pofilter test (repeatable; default all)")
    p.add_argument("--exclude", action="append", help="pofilter test to leave out (repeatable)")
    p.add_argument("--keep-output", metavar="DIR", help="keep pofilter's PO output here")
    p = sub.add_parser("mtlint", help="run BIN check --format jsonl [extra] DIR/xliff/*.xlf, write PREDS")
    p.add_argument("dir")
    p.add_argument("bin")
    p.add_argument("out")
    p = sub.add_parser("selftest", help="check offsets, PO wrapping (vs msgcat) and the mtlint mapping "
                                        "on synthetic data and, if given, on a written DIR")
    p.add_argument("dir", nargs="?")
    p.add_argument("--msgcat", help="msgcat executable (default: from PATH; skipped if absent)")
    a = ap.parse_args(argv)
    if extra and a.cmd != "mtlint":
        ap.error("arguments after -- are only for the mtlint subcommand")
    if a.cmd == "write":
        cmd_write(a)
    elif a.cmd == "pofilter":
        cmd_pofilter(a)
    elif a.cmd == "mtlint":
        cmd_mtlint(a, extra)
    else:
        cmd_selftest(a)


if __name__ == "__main__":
    main()
