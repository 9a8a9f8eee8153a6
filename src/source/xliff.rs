//! XLIFF 1.2 and XLIFF 2.0/2.1/2.2 (`.xlf`, `.xliff`): the translation units, each source and
//! target with the exact bytes it came from (see [`super::bitext`]).
//!
//! The file is read with `quick-xml` into a light tree whose every node keeps its byte range in
//! the file; the XLIFF structure is then read from the tree:
//!
//! - XLIFF 1.2: `<xliff version="1.2">` → `<file source-language target-language>` →
//!   (`<body>`, `<group>`) → `<trans-unit id translate approved>` with `<source>`, optional
//!   `<target state state-qualifier>`, and optional `<seg-source>`: when the seg-source has
//!   `<mrk mtype="seg" mid>` segments, each is a unit with the target `<mrk>` of the same `mid`.
//!   `<alt-trans>` (matches), `<note>`, `<bin-unit>` and `<header>` are not read.
//! - XLIFF 2: `<xliff version="2.x" srcLang trgLang>` → `<file>` → (`<group>`) →
//!   `<unit id translate>` → `<segment id state subState>` with `<source>` and optional
//!   `<target>`. `<ignorable>`, `<notes>`, `<originalData>` and modules (`<mtc:matches>`…) are
//!   not read.
//!
//! Elements are known by their local name (`xliff:target` is a `<target>`). Inline elements:
//! see [`PartKind::Placeholder`] and [`PartKind::Tag`]; `<cp hex>` is its character. Entities:
//! the five of XML and character references; anything else is an error (a DTD's entities are
//! not read).

use super::bitext::{
    primary_lang, Bitext, Format, InlineCode, ParseError, PartKind, Piece, PieceBuilder, Unit,
};
use super::offsets::{LineIndex, PLACEHOLDER};
use quick_xml::errors::IllFormedError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::ops::Range;

/// Reads an XLIFF file.
pub fn parse(src: &str) -> Result<Bitext, ParseError> {
    let root = read_tree(src)?;
    if root.local() == "tmx" {
        return parse_tmx(src, &root);
    }
    if root.local() != "xliff" {
        return Err(ParseError::at(
            src,
            root.start.start,
            format!(
                "not an XLIFF file: the root element is <{}>, not <xliff>",
                root.name
            ),
        ));
    }
    let mut cx = Cx::new(src);
    if is_v2(&root) {
        cx.bitext.source_lang = root.attr("srcLang").map(str::to_string);
        cx.bitext.target_lang = root.attr("trgLang").map(str::to_string);
        cx.walk2(&root, true)?;
    } else {
        cx.walk1(&root, true)?;
    }
    Ok(cx.bitext)
}

/// A TMX file (translation memory exchange, 1.4): every `<tu>` is a unit whose target is its
/// English `<tuv>` (the last one when none is English) and whose source is the `<tuv>` of the
/// header's `srclang` (else the first other one). TMX's inline elements (`<bpt>`, `<ept>`,
/// `<it>`, `<ph>`, `<ut>` as codes; `<hi>` around prose) are read as XLIFF 1.2's.
fn parse_tmx(src: &str, root: &Elem) -> Result<Bitext, ParseError> {
    let mut cx = Cx::new(src);
    let srclang = root
        .child("header")
        .and_then(|h| h.attr("srclang"))
        .filter(|l| !l.eq_ignore_ascii_case("*all*"))
        .map(str::to_string);
    let Some(body) = root.child("body") else {
        return Err(cx.error(root.start.start, "a TMX file without <body>".into()));
    };
    for tu in body.elems().filter(|e| e.local() == "tu") {
        cx.count += 1;
        let id = tu
            .attr("tuid")
            .map_or_else(|| format!("#{}", cx.count), str::to_string);
        let tuvs: Vec<(&Elem, String)> = tu
            .elems()
            .filter(|e| e.local() == "tuv")
            .map(|e| {
                let lang = e.attr("xml:lang").or_else(|| e.attr("lang"));
                (e, lang.unwrap_or_default().to_string())
            })
            .collect();
        let target_i = tuvs
            .iter()
            .position(|(_, l)| primary_lang(l) == "en")
            .unwrap_or(tuvs.len().saturating_sub(1));
        let source_i = tuvs
            .iter()
            .enumerate()
            .position(|(i, (_, l))| {
                i != target_i
                    && srclang
                        .as_deref()
                        .is_some_and(|s| primary_lang(s) == primary_lang(l))
            })
            .or_else(|| (0..tuvs.len()).find(|&i| i != target_i));
        let Some(source_i) = source_i else {
            return Err(cx.error(
                tu.start.start,
                format!("<tu> {id} needs two <tuv> elements (a source and a translation)"),
            ));
        };
        fn seg<'e>(cx: &Cx, e: &'e Elem, id: &str) -> Result<&'e Elem, ParseError> {
            e.child("seg")
                .ok_or_else(|| cx.error(e.start.start, format!("<tuv> of <tu> {id} without <seg>")))
        }
        let (s, t) = (
            seg(&cx, tuvs[source_i].0, &id)?,
            seg(&cx, tuvs[target_i].0, &id)?,
        );
        if cx.bitext.units.is_empty() {
            cx.bitext.source_lang = Some(tuvs[source_i].1.clone()).filter(|l| !l.is_empty());
            cx.bitext.target_lang = Some(tuvs[target_i].1.clone()).filter(|l| !l.is_empty());
        }
        let unit = Unit {
            id,
            line: cx.line(tu.start.start),
            source: cx.piece(s)?,
            target: Some(cx.piece(t)?),
            fuzzy: false,
            translate: true,
            plural: None,
            flags: Vec::new(),
        };
        cx.bitext.units.push(unit);
    }
    Ok(cx.bitext)
}

/// XLIFF 2 by its `version` (or, without one, its namespace or its `srcLang`).
fn is_v2(root: &Elem) -> bool {
    match root.attr("version") {
        Some(v) if v.starts_with('2') => true,
        Some(v) if v.starts_with('1') => false,
        _ => {
            root.attrs
                .iter()
                .any(|(k, v)| k.starts_with("xmlns") && v.contains(":xliff:document:2"))
                || root.attr("srcLang").is_some()
        }
    }
}

/// An element of the tree, with the byte ranges of its tags.
#[derive(Debug)]
struct Elem {
    /// The name as written (`xliff:target`).
    name: String,
    /// Attributes (names as written) with their values decoded.
    attrs: Vec<(String, String)>,
    /// The start tag, or the whole element for `<a/>`.
    start: Range<usize>,
    /// The end tag (None for `<a/>`).
    end: Option<Range<usize>>,
    children: Vec<Node>,
}

#[derive(Debug)]
enum Node {
    Elem(Elem),
    /// Character data (no `&` in it).
    Text(Range<usize>),
    /// An entity or character reference and what it stands for.
    Ref(Range<usize>, String),
    /// A whole CDATA section, markers included.
    CData(Range<usize>),
    /// A comment or processing instruction.
    Comment(Range<usize>),
}

impl Elem {
    fn local(&self) -> &str {
        self.name.rsplit(':').next().unwrap_or(&self.name)
    }

    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The content between the tags (empty, after the tag, for `<a/>`).
    fn content(&self) -> Range<usize> {
        match &self.end {
            Some(e) => self.start.end..e.start,
            None => self.start.end..self.start.end,
        }
    }

    /// The whole element.
    fn range(&self) -> Range<usize> {
        self.start.start..self.end.as_ref().map_or(self.start.end, |e| e.end)
    }

    fn elems(&self) -> impl Iterator<Item = &Elem> {
        self.children.iter().filter_map(|n| match n {
            Node::Elem(e) => Some(e),
            _ => None,
        })
    }

    /// The first child element with this local name.
    fn child(&self, local: &str) -> Option<&Elem> {
        self.elems().find(|e| e.local() == local)
    }
}

/// Reads the whole file into a tree (the root element), checking that it is well-formed XML.
fn read_tree(src: &str) -> Result<Elem, ParseError> {
    // quick-xml skips a byte-order mark; positions are kept in bytes of `src`.
    let base = if src.starts_with('\u{feff}') { 3 } else { 0 };
    let mut reader = Reader::from_str(&src[base..]);
    let config = reader.config_mut();
    config.check_end_names = false; // checked below, with the start tag's position
    config.allow_unmatched_ends = true;
    config.expand_empty_elements = false;
    config.trim_text(false);
    let mut stack: Vec<Elem> = Vec::new();
    let mut root: Option<Elem> = None;
    loop {
        let before = base + reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let at = base + reader.error_position() as usize;
                let message = match e {
                    quick_xml::Error::IllFormed(IllFormedError::UnclosedReference) => {
                        "not well-formed XML: `&` starts no entity (no `;`): write a literal ampersand as &amp;".to_string()
                    }
                    e => format!("not well-formed XML: {e}"),
                };
                return Err(ParseError::at(src, at, message));
            }
        };
        let r = before..base + reader.buffer_position() as usize;
        let node = match event {
            Event::Start(e) => {
                stack.push(elem(src, &e, r)?);
                continue;
            }
            Event::Empty(e) => Node::Elem(elem(src, &e, r)?),
            Event::End(e) => {
                let name = std::str::from_utf8(e.name().as_ref())
                    .unwrap_or_default()
                    .to_string();
                let Some(mut open) = stack.pop() else {
                    return Err(ParseError::at(
                        src,
                        r.start,
                        format!("not well-formed XML: </{name}> closes no element"),
                    ));
                };
                if open.name != name {
                    let lc = LineIndex::new(src).line_col(src, open.start.start);
                    return Err(ParseError::at(
                        src,
                        r.start,
                        format!(
                            "not well-formed XML: </{name}> found where </{}> was expected (<{}> opened at line {}, column {} is not closed)",
                            open.name, open.name, lc.line, lc.column
                        ),
                    ));
                }
                open.end = Some(r);
                Node::Elem(open)
            }
            Event::Text(_) => Node::Text(r),
            Event::GeneralRef(_) => {
                let decoded =
                    entity(&src[r.clone()]).map_err(|m| ParseError::at(src, r.start, m))?;
                Node::Ref(r, decoded)
            }
            Event::CData(_) => Node::CData(r),
            Event::Comment(_) | Event::PI(_) => Node::Comment(r),
            Event::Decl(_) | Event::DocType(_) => continue,
            Event::Eof => break,
        };
        match stack.last_mut() {
            Some(parent) => parent.children.push(node),
            None => match node {
                Node::Elem(e) if root.is_none() => root = Some(e),
                Node::Elem(e) => {
                    return Err(ParseError::at(
                        src,
                        e.start.start,
                        "not well-formed XML: a second root element",
                    ))
                }
                Node::Text(r) if src[r.clone()].trim().is_empty() => {}
                Node::Comment(_) => {}
                Node::Text(r) | Node::Ref(r, _) | Node::CData(r) => {
                    let at = r.start + (src[r.clone()].len() - src[r].trim_start().len());
                    return Err(ParseError::at(
                        src,
                        at,
                        "not well-formed XML: text outside the root element",
                    ));
                }
            },
        }
    }
    if let Some(open) = stack.last() {
        return Err(ParseError::at(
            src,
            open.start.start,
            format!(
                "not well-formed XML: <{}> is not closed before the end of the file",
                open.name
            ),
        ));
    }
    root.ok_or_else(|| ParseError::at(src, src.len(), "not an XLIFF file: no <xliff> root element"))
}

/// An element from its start tag `r` (attribute values decoded).
fn elem(src: &str, e: &BytesStart, r: Range<usize>) -> Result<Elem, ParseError> {
    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|err| {
            // Positions of attribute errors count from the byte after `<`.
            let pos = match &err {
                quick_xml::events::attributes::AttrError::ExpectedEq(p)
                | quick_xml::events::attributes::AttrError::ExpectedValue(p)
                | quick_xml::events::attributes::AttrError::UnquotedValue(p)
                | quick_xml::events::attributes::AttrError::ExpectedQuote(p, _)
                | quick_xml::events::attributes::AttrError::Duplicated(p, _) => *p,
            };
            ParseError::at(
                src,
                (r.start + 1 + pos).min(r.end),
                format!("not well-formed XML: {err}"),
            )
        })?;
        let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
        let raw = String::from_utf8_lossy(&a.value).into_owned();
        let value = unescape_attr(&raw).map_err(|m| ParseError::at(src, r.start, m))?;
        attrs.push((key, value));
    }
    Ok(Elem {
        name,
        attrs,
        start: r,
        end: None,
        children: Vec::new(),
    })
}

/// An attribute value with its references decoded.
fn unescape_attr(raw: &str) -> Result<String, String> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let Some(j) = rest[i..].find(';') else {
            return Err("not well-formed XML: `&` without `;` in an attribute value".into());
        };
        out.push_str(&entity(&rest[i..i + j + 1])?);
        rest = &rest[i + j + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// What `&name;` or `&#N;` stands for.
fn entity(raw: &str) -> Result<String, String> {
    let name = &raw[1..raw.len().saturating_sub(1).max(1)];
    let known = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    };
    if let Some(c) = known {
        return Ok(c.to_string());
    }
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse::<u32>().ok(),
        };
        return code
            .filter(|&c| xml_char(c))
            .and_then(char::from_u32)
            .map(|c| c.to_string())
            .ok_or_else(|| format!("not well-formed XML: {raw} is not a character XML allows"));
    }
    Err(format!(
        "unknown entity {raw}: XLIFF has &amp; &lt; &gt; &quot; &apos; and character references (&#233; &#xE9;)"
    ))
}

/// XML 1.0's Char production.
fn xml_char(c: u32) -> bool {
    matches!(c, 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

/// Reading state: the file, its lines and the bitext so far.
struct Cx<'a> {
    src: &'a str,
    lines: LineIndex,
    bitext: Bitext,
    /// Units seen (for units without an id).
    count: usize,
}

impl<'a> Cx<'a> {
    fn new(src: &'a str) -> Self {
        Cx {
            src,
            lines: LineIndex::new(src),
            bitext: Bitext {
                format: Format::Xliff,
                source_lang: None,
                target_lang: None,
                nplurals: None,
                units: Vec::new(),
            },
            count: 0,
        }
    }

    fn line(&self, offset: usize) -> usize {
        self.lines.line_of(offset) + 1
    }

    fn error(&self, offset: usize, message: String) -> ParseError {
        ParseError::at(self.src, offset, message)
    }

    /// The unit's id, or `#n` (its 1-based position in the file) without one.
    fn unit_id(&mut self, el: &Elem) -> String {
        self.count += 1;
        el.attr("id")
            .map_or_else(|| format!("#{}", self.count), str::to_string)
    }

    /// XLIFF 1.2: `<file>`, `<body>`, `<group>` down to `<trans-unit>`.
    fn walk1(&mut self, el: &Elem, translate: bool) -> Result<(), ParseError> {
        for child in el.elems() {
            let translate = translate && child.attr("translate") != Some("no");
            match child.local() {
                "file" => {
                    if self.bitext.source_lang.is_none() && self.bitext.target_lang.is_none() {
                        self.bitext.source_lang = child.attr("source-language").map(str::to_string);
                        self.bitext.target_lang = child.attr("target-language").map(str::to_string);
                    }
                    self.walk1(child, translate)?;
                }
                "body" | "group" => self.walk1(child, translate)?,
                "trans-unit" => self.trans_unit(child, translate)?,
                _ => {}
            }
        }
        Ok(())
    }

    fn trans_unit(&mut self, el: &Elem, translate: bool) -> Result<(), ParseError> {
        let id = self.unit_id(el);
        let Some(source) = el.child("source") else {
            return Err(self.error(
                el.start.start,
                format!("<{} id=\"{id}\"> has no <source>", el.name),
            ));
        };
        let target = el.child("target");
        let mut flags = Vec::new();
        let mut fuzzy = false;
        if let Some(t) = target {
            if let Some(state) = t.attr("state") {
                fuzzy = state == "new" || state.starts_with("needs-");
                flags.push(format!("state={state}"));
            }
            if let Some(q) = t.attr("state-qualifier") {
                flags.push(format!("state-qualifier={q}"));
            }
        }
        if let Some(a) = el.attr("approved") {
            flags.push(format!("approved={a}"));
        }
        let line = self.line(el.start.start);
        // Segmented: one unit per <mrk mtype="seg"> of the seg-source.
        let mut src_segs = Vec::new();
        if let Some(seg_source) = el.child("seg-source") {
            seg_mrks(seg_source, &mut src_segs);
        }
        let mut trg_segs = Vec::new();
        if let Some(t) = target {
            seg_mrks(t, &mut trg_segs);
        }
        if !src_segs.is_empty() && (target.is_none() || !trg_segs.is_empty()) {
            let several = src_segs.len() > 1;
            for seg in src_segs {
                let mid = seg.attr("mid").unwrap_or_default();
                let target = trg_segs
                    .iter()
                    .find(|t| t.attr("mid") == Some(mid))
                    .map(|t| self.piece(t))
                    .transpose()?;
                self.bitext.units.push(Unit {
                    id: if several {
                        format!("{id}/{mid}")
                    } else {
                        id.clone()
                    },
                    line: if several {
                        self.line(seg.start.start)
                    } else {
                        line
                    },
                    source: self.piece(seg)?,
                    target,
                    fuzzy,
                    translate,
                    plural: None,
                    flags: flags.clone(),
                });
            }
            return Ok(());
        }
        let source = self.piece(source)?;
        let target = target.map(|t| self.piece(t)).transpose()?;
        self.bitext.units.push(Unit {
            id,
            line,
            source,
            target,
            fuzzy,
            translate,
            plural: None,
            flags,
        });
        Ok(())
    }

    /// XLIFF 2: `<file>`, `<group>` down to `<unit>`.
    fn walk2(&mut self, el: &Elem, translate: bool) -> Result<(), ParseError> {
        for child in el.elems() {
            let translate = translate && child.attr("translate") != Some("no");
            match child.local() {
                "file" | "group" => self.walk2(child, translate)?,
                "unit" => self.unit2(child, translate)?,
                _ => {}
            }
        }
        Ok(())
    }

    fn unit2(&mut self, el: &Elem, translate: bool) -> Result<(), ParseError> {
        let id = self.unit_id(el);
        let segments: Vec<&Elem> = el.elems().filter(|e| e.local() == "segment").collect();
        if segments.is_empty() {
            return Err(self.error(
                el.start.start,
                format!("<{} id=\"{id}\"> has no <segment> with a <source>", el.name),
            ));
        }
        let several = segments.len() > 1;
        for (i, seg) in segments.iter().enumerate() {
            let Some(source) = seg.child("source") else {
                return Err(self.error(
                    seg.start.start,
                    format!("<{}> of unit \"{id}\" has no <source>", seg.name),
                ));
            };
            let mut flags = Vec::new();
            let state = seg.attr("state");
            if let Some(s) = state {
                flags.push(format!("state={s}"));
            }
            if let Some(s) = seg.attr("subState") {
                flags.push(format!("subState={s}"));
            }
            let unit = Unit {
                id: if several {
                    let seg_id = seg
                        .attr("id")
                        .map_or_else(|| (i + 1).to_string(), str::to_string);
                    format!("{id}/{seg_id}")
                } else {
                    id.clone()
                },
                line: self.line(if several { seg } else { el }.start.start),
                source: self.piece(source)?,
                target: seg.child("target").map(|t| self.piece(t)).transpose()?,
                fuzzy: state == Some("initial"),
                translate,
                plural: None,
                flags,
            };
            self.bitext.units.push(unit);
        }
        Ok(())
    }

    /// The content of a `<source>`, `<target>` or segment `<mrk>`.
    fn piece(&self, el: &Elem) -> Result<Piece, ParseError> {
        let content = el.content();
        let mut pb = PieceBuilder::new(content.start);
        self.content(&mut pb, el)?;
        Ok(pb.finish(content.end))
    }

    fn content(&self, pb: &mut PieceBuilder, el: &Elem) -> Result<(), ParseError> {
        let src = self.src;
        for node in &el.children {
            match node {
                Node::Text(r) => pb.verbatim(src, r.clone()),
                Node::Ref(r, s) => pb.decoded(r.clone(), s, PartKind::Escape),
                Node::CData(r) => {
                    pb.decoded(r.start..r.start + 9, "", PartKind::Cdata);
                    pb.verbatim(src, r.start + 9..r.end - 3);
                    pb.decoded(r.end - 3..r.end, "", PartKind::Cdata);
                }
                Node::Comment(r) => pb.decoded(r.clone(), "", PartKind::Comment),
                Node::Elem(e) => self.inline(pb, e)?,
            }
        }
        Ok(())
    }

    /// An inline element inside a source or target.
    fn inline(&self, pb: &mut PieceBuilder, e: &Elem) -> Result<(), ParseError> {
        let kind = e.local().to_string();
        let id = e
            .attr("id")
            .or_else(|| e.attr("startRef"))
            .or_else(|| e.attr("rid"))
            .map(str::to_string);
        let equiv = |names: &[&str]| names.iter().find_map(|n| e.attr(n)).map(str::to_string);
        match kind.as_str() {
            "x" | "bx" | "ex" | "ph" | "bpt" | "ept" | "it" | "sc" | "ec" | "ut" => {
                let native = matches!(kind.as_str(), "ph" | "bpt" | "ept" | "it" | "ut")
                    .then(|| native_text(self.src, e))
                    .filter(|n| !n.is_empty());
                let closing = matches!(kind.as_str(), "ex" | "ec" | "ept")
                    || (kind == "it" && e.attr("pos") == Some("close"));
                pb.code(InlineCode {
                    kind,
                    id,
                    at: pb.text_len(),
                    orig: e.range(),
                    closing,
                    equiv: equiv(&["equiv-text", "equiv", "disp"]),
                    native,
                });
                pb.decoded(e.range(), PLACEHOLDER, PartKind::Placeholder);
            }
            "cp" => {
                let c = e
                    .attr("hex")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .and_then(char::from_u32)
                    .ok_or_else(|| {
                        self.error(
                            e.start.start,
                            format!("<{}> without a valid hex=\"…\" code point", e.name),
                        )
                    })?;
                pb.decoded(e.range(), &c.to_string(), PartKind::Escape);
            }
            "sm" | "em" => {
                pb.code(InlineCode {
                    closing: kind == "em",
                    kind,
                    id,
                    at: pb.text_len(),
                    orig: e.range(),
                    equiv: None,
                    native: None,
                });
                pb.decoded(e.range(), "", PartKind::Tag);
            }
            _ => {
                // Paired tags around prose: <g>, <pc>, <mrk>, anything else.
                let open_equiv = equiv(&["equiv-text", "equivStart", "dispStart"]);
                let close_equiv = equiv(&["equiv-text", "equivEnd", "dispEnd"]);
                pb.code(InlineCode {
                    kind: kind.clone(),
                    id: id.clone(),
                    at: pb.text_len(),
                    orig: e.start.clone(),
                    closing: false,
                    equiv: open_equiv,
                    native: None,
                });
                pb.decoded(e.start.clone(), "", PartKind::Tag);
                if let Some(end) = &e.end {
                    self.content(pb, e)?;
                    pb.decoded(end.clone(), "", PartKind::Tag);
                }
                // <g/> opens and closes at once.
                pb.code(InlineCode {
                    kind,
                    id,
                    at: pb.text_len(),
                    orig: e.end.clone().unwrap_or(e.start.clone()),
                    closing: true,
                    equiv: close_equiv,
                    native: None,
                });
            }
        }
        Ok(())
    }
}

/// The `<mrk mtype="seg">` elements under `el`, in order (not inside one another).
fn seg_mrks<'e>(el: &'e Elem, out: &mut Vec<&'e Elem>) {
    for child in el.elems() {
        if child.local() == "mrk" && child.attr("mtype") == Some("seg") {
            out.push(child);
        } else {
            seg_mrks(child, out);
        }
    }
}

/// The decoded native code inside `<ph>`, `<bpt>`, `<ept>`, `<it>` (without `<sub>` flows).
fn native_text(src: &str, e: &Elem) -> String {
    let mut out = String::new();
    for node in &e.children {
        match node {
            Node::Text(r) => out.push_str(&src[r.clone()]),
            Node::Ref(_, s) => out.push_str(s),
            Node::CData(r) => out.push_str(&src[r.start + 9..r.end - 3]),
            Node::Comment(_) => {}
            Node::Elem(sub) if sub.local() == "sub" => {}
            Node::Elem(other) => out.push_str(&native_text(src, other)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::bitext::testing::{assert_fragments, check_piece, words, Rng};
    use crate::source::offsets::TextBuilder;

    fn decode(s: &str) -> String {
        // Tags out, entities decoded: enough to compare a word with the bytes it maps to.
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find(['<', '&']) {
            out.push_str(&rest[..i]);
            if rest[i..].starts_with("<![CDATA[") {
                rest = &rest[i + 9..];
                continue;
            }
            if rest[i..].starts_with('<') {
                let j = rest[i..].find('>').map_or(rest.len(), |j| i + j + 1);
                rest = &rest[j..];
            } else {
                let j = rest[i..].find(';').map_or(rest.len(), |j| i + j + 1);
                out.push_str(&entity(&rest[i..j]).unwrap_or_default());
                rest = &rest[j..];
            }
        }
        out.push_str(rest);
        out.replace("]]>", "")
    }

    fn check_all(src: &str, bt: &Bitext) {
        for u in &bt.units {
            check_piece(src, &u.source, &decode);
            if let Some(t) = &u.target {
                check_piece(src, t, &decode);
            }
        }
    }

    fn xliff12(units: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n  <file original=\"a\" source-language=\"zh-CN\" target-language=\"en\" datatype=\"plaintext\">\n    <body>\n{units}    </body>\n  </file>\n</xliff>\n"
        )
    }

    fn xliff2(units: &str) -> String {
        format!(
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"de\" trgLang=\"en\">\n <file id=\"f1\">\n{units} </file>\n</xliff>\n"
        )
    }

    /// Maps `word` of the checked text of `piece` back to the file.
    fn map_word(src: &str, piece: &Piece, word: &str) -> String {
        let mut b = TextBuilder::new(src);
        piece.emit(&mut b);
        let (t, map, _) = b.finish();
        let p = t
            .find(word)
            .unwrap_or_else(|| panic!("{word:?} not in {t:?}"));
        src[map.range(p..p + word.len())].to_string()
    }

    #[test]
    fn xliff12_units_entities_and_inline_codes() {
        let src = xliff12(concat!(
            "      <trans-unit id=\"t1\" approved=\"yes\">\n",
            "        <source>删除 %s 个文件 &amp; 文件夹</source>\n",
            "        <target state=\"translated\">Delete %s files &amp; folders</target>\n",
            "      </trans-unit>\n",
            "      <trans-unit id=\"t2\">\n",
            "        <source>点击<g id=\"1\">这里</g><x id=\"2\"/>继续</source>\n",
            "        <target state=\"needs-review-translation\">Click <g id=\"1\">here</g><x id=\"2\"/> to go on</target>\n",
            "      </trans-unit>\n",
            "      <trans-unit id=\"t3\" translate=\"no\">\n",
            "        <source>OK</source>\n",
            "      </trans-unit>\n",
            "      <trans-unit id=\"t4\">\n",
            "        <source>粗体 <ph id=\"1\">&lt;b&gt;</ph>文本<ph id=\"2\">&lt;/b&gt;</ph></source>\n",
            "        <target>bold <ph id=\"1\">&lt;b&gt;</ph>text<ph id=\"2\">&lt;/b&gt;</ph> &#233;t&#xE9;</target>\n",
            "      </trans-unit>\n",
        ));
        let bt = parse(&src).unwrap();
        check_all(&src, &bt);
        assert_eq!(bt.source_lang.as_deref(), Some("zh-CN"));
        assert_eq!(bt.target_lang.as_deref(), Some("en"));
        assert_eq!(bt.units.len(), 4);
        let u1 = &bt.units[0];
        assert_eq!((u1.id.as_str(), u1.line), ("t1", 5));
        assert_eq!(u1.flags, ["state=translated", "approved=yes"]);
        assert!(!u1.fuzzy && u1.translate);
        let t1 = u1.target.as_ref().unwrap();
        assert_eq!(t1.text, "Delete %s files & folders");
        assert_eq!(&src[t1.orig.clone()], "Delete %s files &amp; folders");
        assert_eq!(map_word(&src, t1, "folders"), "folders");
        assert_eq!(map_word(&src, t1, "&"), "&amp;");

        let u2 = &bt.units[1];
        assert!(u2.fuzzy);
        let t2 = u2.target.as_ref().unwrap();
        assert_eq!(t2.text, format!("Click here{PLACEHOLDER} to go on"));
        let kinds: Vec<(&str, bool)> = t2
            .codes
            .iter()
            .map(|c| (c.kind.as_str(), c.closing))
            .collect();
        assert_eq!(kinds, [("g", false), ("g", true), ("x", false)]);
        assert_eq!(&src[t2.codes[2].orig.clone()], "<x id=\"2\"/>");
        assert_eq!(t2.codes[2].at, "Click here".len());
        assert_eq!(map_word(&src, t2, "here"), "here");

        assert!(!bt.units[2].translate);
        assert_eq!(bt.units[2].target, None);

        let t4 = bt.units[3].target.as_ref().unwrap();
        assert_eq!(t4.text, format!("bold {PLACEHOLDER}text{PLACEHOLDER} été"));
        assert_eq!(t4.codes[0].native.as_deref(), Some("<b>"));
        assert_eq!(t4.codes[1].native.as_deref(), Some("</b>"));
        assert_eq!(map_word(&src, t4, "été"), "&#233;t&#xE9;");
        assert_eq!(map_word(&src, t4, "text"), "text");
        // The checked text of all targets.
        let tg = bt.targets(&src);
        assert_eq!(tg.blocks.len(), 3);
        assert!(tg
            .text
            .starts_with("Delete %s files & folders\n\nClick here"));
    }

    #[test]
    fn seg_source_segments_pair_by_mid() {
        let src = xliff12(concat!(
            "<trans-unit id=\"u\">\n",
            "<source>第一句。第二句。</source>\n",
            "<seg-source><mrk mtype=\"seg\" mid=\"1\">第一句。</mrk><mrk mtype=\"seg\" mid=\"2\">第二句。</mrk></seg-source>\n",
            "<target><mrk mtype=\"seg\" mid=\"2\">Second one.</mrk> <mrk mtype=\"seg\" mid=\"1\">First <mrk mtype=\"term\">one</mrk>.</mrk></target>\n",
            "<alt-trans><target>Ignored.</target></alt-trans>\n",
            "</trans-unit>\n",
        ));
        let bt = parse(&src).unwrap();
        check_all(&src, &bt);
        let ids: Vec<&str> = bt.units.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(ids, ["u/1", "u/2"]);
        assert_eq!(bt.units[0].source.text, "第一句。");
        assert_eq!(bt.units[0].target.as_ref().unwrap().text, "First one.");
        assert_eq!(bt.units[1].target.as_ref().unwrap().text, "Second one.");
        assert_eq!(bt.units[1].line, 7);
        assert_eq!(
            map_word(&src, bt.units[0].target.as_ref().unwrap(), "one"),
            "one"
        );
    }

    #[test]
    fn xliff2_segments_and_inline_codes() {
        let src = xliff2(concat!(
            "  <unit id=\"1\">\n",
            "   <segment id=\"s1\" state=\"translated\">\n",
            "    <source>Der <pc id=\"1\" dispStart=\"&lt;b&gt;\">Umsatz</pc> stieg um <ph id=\"2\" equiv=\"{n}\"/> Prozent.</source>\n",
            "    <target>Sales <pc id=\"1\">rose</pc> by <ph id=\"2\" equiv=\"{n}\"/> percent.</target>\n",
            "   </segment>\n",
            "   <ignorable><source> </source></ignorable>\n",
            "   <segment state=\"initial\">\n",
            "    <source>Zweiter<cp hex=\"0007\"/>Satz.</source>\n",
            "   </segment>\n",
            "  </unit>\n",
            "  <group id=\"g\" translate=\"no\"><unit id=\"2\"><segment><source>X</source><target>X</target></segment></unit></group>\n",
        ));
        let bt = parse(&src).unwrap();
        check_all(&src, &bt);
        assert_eq!(bt.source_lang.as_deref(), Some("de"));
        assert_eq!(bt.target_lang.as_deref(), Some("en"));
        let ids: Vec<&str> = bt.units.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(ids, ["1/s1", "1/2", "2"]);
        let u = &bt.units[0];
        assert_eq!(u.line, 4);
        assert_eq!(u.flags, ["state=translated"]);
        assert_eq!(u.source.codes[0].equiv.as_deref(), Some("<b>"));
        let t = u.target.as_ref().unwrap();
        assert_eq!(t.text, format!("Sales rose by {PLACEHOLDER} percent."));
        assert_eq!(t.codes[2].equiv.as_deref(), Some("{n}"));
        assert_eq!(map_word(&src, t, "rose"), "rose");
        assert_eq!(map_word(&src, t, "percent"), "percent");
        let u2 = &bt.units[1];
        assert!(u2.fuzzy && u2.target.is_none());
        assert_eq!(u2.source.text, "Zweiter\u{7}Satz.");
        assert!(!bt.units[2].translate);
    }

    #[test]
    fn cdata_comments_namespaces_crlf_and_bom() {
        let src = "\u{feff}<?xml version=\"1.0\"?>\r\n<x:xliff xmlns:x=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">\r\n<x:file source-language=\"fr\" target-language=\"en\"><x:body>\r\n<x:trans-unit id=\"a\"><x:source>Bonjour</x:source>\r\n<x:target>Hello <![CDATA[<b>world</b>]]><!-- note -->\r\nand <?pi x?>the next\r\nline ünïcödé</x:target></x:trans-unit>\r\n</x:body></x:file></x:xliff>\r\n";
        let bt = parse(src).unwrap();
        check_all(src, &bt);
        let t = bt.units[0].target.as_ref().unwrap();
        assert_eq!(t.text, "Hello <b>world</b>\r\nand the next\r\nline ünïcödé");
        assert_eq!(map_word(src, t, "world"), "world");
        assert_eq!(map_word(src, t, "next"), "next");
        assert_eq!(map_word(src, t, "ünïcödé"), "ünïcödé");
        assert_eq!(bt.units[0].line, 4);
        let mut b = TextBuilder::new(src);
        t.emit(&mut b);
        assert_eq!(b.text(), "Hello <b>world</b>\nand the next\nline ünïcödé");
    }

    #[test]
    fn tmx_units_pick_the_english_tuv_as_target() {
        let src = "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"de-DE\" datatype=\"plaintext\"/><body>\n<tu tuid=\"7\"><tuv xml:lang=\"en-US\"><seg>The <bpt i=\"1\">&lt;b&gt;</bpt>files<ept i=\"1\">&lt;/b&gt;</ept> &amp; folders</seg></tuv><tuv xml:lang=\"de-DE\"><seg>Die Dateien &amp; Ordner</seg></tuv></tu>\n<tu><tuv xml:lang=\"de\"><seg>Nein</seg></tuv></tu>\n</body></tmx>\n";
        let err = parse(src).unwrap_err();
        assert_eq!(err.line, 4, "{err}");
        let ok = src.replace("<tu><tuv xml:lang=\"de\"><seg>Nein</seg></tuv></tu>\n", "");
        let bt = parse(&ok).unwrap();
        check_all(&ok, &bt);
        assert_eq!(bt.units.len(), 1);
        let u = &bt.units[0];
        assert_eq!(u.id, "7");
        assert_eq!(
            (bt.source_lang.as_deref(), bt.target_lang.as_deref()),
            (Some("de-DE"), Some("en-US"))
        );
        assert_eq!(u.source.text, "Die Dateien & Ordner");
        assert_eq!(
            u.target.as_ref().unwrap().text,
            "The \u{FFFC}files\u{FFFC} & folders"
        );
        assert_eq!(
            map_word(&ok, u.target.as_ref().unwrap(), "folders"),
            "folders"
        );
    }

    #[test]
    fn more_inline_elements() {
        let src = xliff2(concat!(
            "<unit id=\"u\"><segment><source>x</source>\n",
            "<target><sc id=\"1\" disp=\"[b]\"/>Bold<ec startRef=\"1\"/> and <sm id=\"m\" type=\"term\"/>term<em startRef=\"m\"/> ",
            "<pc id=\"2\" equivStart=\"[i]\" equivEnd=\"[/i]\">it <pc id=\"3\">nested</pc></pc> ",
            "<mrk id=\"4\" translate=\"no\">Kept</mrk> see <pc id=\"5\">https://x.org/a?b=1&amp;c=2</pc> or https://x.org/<pc id=\"6\">p</pc>q.</target>",
            "</segment></unit>\n",
        ));
        let bt = parse(&src).unwrap();
        check_all(&src, &bt);
        let t = bt.units[0].target.as_ref().unwrap();
        assert_eq!(
            t.text,
            format!("{PLACEHOLDER}Bold{PLACEHOLDER} and term it nested Kept see https://x.org/a?b=1&c=2 or https://x.org/pq.")
        );
        let kinds: Vec<String> = t
            .codes
            .iter()
            .map(|c| {
                format!(
                    "{}{}{}",
                    if c.closing { "/" } else { "" },
                    c.kind,
                    c.id.as_deref().unwrap_or("")
                )
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "sc1", "/ec1", "smm", "/emm", "pc2", "pc3", "/pc3", "/pc2", "mrk4", "/mrk4", "pc5",
                "/pc5", "pc6", "/pc6"
            ]
        );
        assert_eq!(t.codes[0].equiv.as_deref(), Some("[b]"));
        assert_eq!(t.codes[4].equiv.as_deref(), Some("[i]"));
        assert_eq!(t.codes[7].equiv.as_deref(), Some("[/i]"));
        assert!(
            t.codes[0].is_placeholder()
                && !t.codes[2].is_placeholder()
                && !t.codes[4].is_placeholder()
        );
        let mut b = TextBuilder::new(&src);
        t.emit(&mut b);
        let (checked, _, edits) = b.finish();
        assert_eq!(
            checked,
            format!("{PLACEHOLDER}Bold{PLACEHOLDER} and term it nested Kept see {PLACEHOLDER} or {PLACEHOLDER}.")
        );
        let urls: Vec<&str> = edits
            .iter()
            .filter(|e| e.kind == crate::source::offsets::EditKind::Url)
            .map(|e| &src[e.orig.clone()])
            .collect();
        assert_eq!(
            urls,
            [
                "https://x.org/a?b=1&amp;c=2",
                "https://x.org/<pc id=\"6\">p</pc>q"
            ]
        );
        // XLIFF 1.2 <it>, <ph> with a <sub> flow, <g> around a segment marker.
        let src = xliff12(concat!(
            "<trans-unit id=\"v\"><source>a</source>\n",
            "<target><it id=\"1\" pos=\"close\">&lt;/a&gt;</it>x <ph id=\"2\">&lt;img alt=\"<sub>Alt text</sub>\"&gt;</ph> y<bx id=\"3\"/>z<ex id=\"3\"/></target>",
            "</trans-unit>\n",
        ));
        let bt = parse(&src).unwrap();
        check_all(&src, &bt);
        let t = bt.units[0].target.as_ref().unwrap();
        assert_eq!(
            t.text,
            format!("{PLACEHOLDER}x {PLACEHOLDER} y{PLACEHOLDER}z{PLACEHOLDER}")
        );
        assert!(t.codes[0].closing && !t.codes[1].closing && t.codes[3].closing);
        assert_eq!(t.codes[1].native.as_deref(), Some("<img alt=\"\">"));
        assert_eq!(
            &src[t.codes[1].orig.clone()],
            "<ph id=\"2\">&lt;img alt=\"<sub>Alt text</sub>\"&gt;</ph>"
        );
    }

    #[test]
    fn a_unit_without_target_is_not_an_error_and_an_empty_target_is_empty() {
        let src = xliff12("<trans-unit id=\"a\"><source>A</source></trans-unit><trans-unit id=\"b\"><source>B</source><target/></trans-unit>\n");
        let bt = parse(&src).unwrap();
        assert_eq!(bt.units[0].target, None);
        let t = bt.units[1].target.as_ref().unwrap();
        assert_eq!(t.text, "");
        assert_eq!(t.orig.start, src.find("<target/>").unwrap() + 9);
    }

    fn err(src: &str) -> (usize, usize, String) {
        let e = parse(src).unwrap_err();
        (e.line, e.column, e.message)
    }

    #[test]
    fn errors_have_line_and_column() {
        // Mismatched end tag: reported where it is, naming the unclosed start tag.
        let (l, c, m) = err("<xliff version=\"1.2\">\n <file>\n  <body>\n   <trans-unit id=\"1\"><source>a <g id=\"1\">b</source>\n");
        assert_eq!((l, c), (4, 44), "{m}");
        assert!(m.contains("<g> opened at line 4, column 33"), "{m}");
        // Unknown entity.
        let (l, c, m) = err("<xliff version=\"2.0\">\n<file><unit id=\"1\"><segment><source>caf&eacute; x</source></segment></unit></file></xliff>");
        assert_eq!((l, c), (2, 40), "{m}");
        assert!(m.contains("&eacute;"), "{m}");
        // Not XLIFF.
        let (l, c, m) = err("<?xml version=\"1.0\"?>\n\n  <html><body/></html>");
        assert_eq!((l, c), (3, 3));
        assert!(m.contains("not an XLIFF file"), "{m}");
        assert!(err("   ").2.contains("no <xliff> root"));
        // A unit without <source>, XLIFF 1.2 and 2.
        let (l, c, m) = err(&xliff12(
            "      <trans-unit id=\"7\">\n<target>x</target></trans-unit>\n",
        ));
        assert_eq!((l, c), (5, 7));
        assert!(m.contains("has no <source>"), "{m}");
        let (l, c, m) = err(&xliff2(
            "  <unit id=\"9\">\n   <segment><target>x</target></segment></unit>\n",
        ));
        assert_eq!((l, c), (4, 4));
        assert!(m.contains("no <source>"), "{m}");
        // A tag left open at the end of the file.
        let (l, c, m) = err("<xliff version=\"1.2\">\n  <file>é é <body>");
        assert_eq!((l, c), (2, 13), "{m}");
        // An end tag that closes nothing.
        let (l, c, _) = err("<xliff></xliff>\n</file>");
        assert_eq!((l, c), (2, 1));
        // A tag cut off by the end of the file.
        let (l, c, m) = err("<xliff version=\"1.2\">\n <file><trans-unit id=\"1\"");
        assert_eq!((l, c), (2, 8), "{m}");
        // A dangling ampersand.
        let (l, c, m) = err("<xliff version=\"1.2\">\n<file>a & b</file></xliff>");
        assert_eq!((l, c), (2, 9), "{m}");
        assert!(m.contains("&amp;"), "{m}");
        // Bad attribute syntax.
        let (l, c, m) = err("<xliff version=\"1.2\">\n <file source-language=en></file></xliff>");
        assert_eq!((l, c), (2, 24), "{m}");
    }

    #[test]
    fn malformed_fixture_reports_the_unclosed_tag() {
        let src = include_str!("../../fixtures/bilingual/malformed/unclosed.xlf");
        let e = parse(src).unwrap_err();
        let at = src
            .find("</trans-unit>\n      <trans-unit id=\"3\"")
            .unwrap();
        let li = LineIndex::new(src).line_col(src, at);
        assert_eq!((e.line, e.column), (li.line, li.column));
        assert_eq!((e.line, e.column), (17, 7), "{e}");
        assert!(
            e.message.contains("<target> opened at line 16, column 9"),
            "{e}"
        );
    }

    #[test]
    fn app_fixture() {
        let src = include_str!("../../fixtures/bilingual/app.xlf");
        let bt = parse(src).unwrap();
        check_all(src, &bt);
        assert_eq!(bt.source_lang.as_deref(), Some("zh-CN"));
        assert_eq!(bt.target_lang.as_deref(), Some("en"));
        let unit = |id: &str| bt.units.iter().find(|u| u.id == id).unwrap();
        assert!(unit("settings.sync_hint").target.is_none());
        let t = unit("files.deleted").target.as_ref().unwrap();
        assert_eq!(map_word(src, t, "was"), "was");
        let t = unit("link.terms").target.as_ref().unwrap();
        assert!(t.text.contains("Terms & Conditions"), "{}", t.text);
        assert_eq!(map_word(src, t, "Conditions"), "Conditions");
        let tg = bt.targets(src);
        for (w, r) in words(&tg.text) {
            let o = tg.map.range(r);
            let back = decode(&src[o]);
            assert!(back.contains(w), "{w} → {back}");
        }
    }

    #[test]
    fn article_fixture() {
        let src = include_str!("../../fixtures/bilingual/article.xlf");
        let bt = parse(src).unwrap();
        check_all(src, &bt);
        assert_eq!(bt.source_lang.as_deref(), Some("de"));
        assert!((8..=12).contains(&bt.units.len()), "{}", bt.units.len());
        assert!(bt.units.iter().all(|u| u.target.is_some()));
        let with_codes = bt
            .units
            .iter()
            .filter(|u| u.target.as_ref().is_some_and(|t| !t.codes.is_empty()))
            .count();
        assert!(with_codes >= 2);
    }

    /// Generated targets: every piece of content maps back to exactly the bytes it came from.
    #[test]
    fn generated_targets_map_back_exactly() {
        // (bytes in the target, what they add to the checked text).
        const FRAGS: &[(&str, &str)] = &[
            ("word", "word"),
            ("Größe", "Größe"),
            ("数据库", "数据库"),
            ("cafe\u{301}", "caf\u{e9}"),
            ("&amp;", "&"),
            ("&lt;", "<"),
            ("&gt;", ">"),
            ("&quot;", "\""),
            ("&apos;", "'"),
            ("&#233;", "é"),
            ("&#x4E2D;", "中"),
            ("<x id=\"1\"/>", PLACEHOLDER),
            ("<ph id=\"2\">&lt;br/&gt;</ph>", PLACEHOLDER),
            ("<bpt id=\"3\">&lt;i&gt;</bpt>", PLACEHOLDER),
            ("<g id=\"4\">", ""),
            ("</g>", ""),
            ("<mrk mtype=\"term\">", ""),
            ("</mrk>", ""),
            ("\r\n", "\n"),
            ("\n", "\n"),
            ("<!-- c -->", ""),
            ("<![CDATA[", ""),
            ("]]>", ""),
            ("%s", "%s"),
            ("{count}", "{count}"),
        ];
        let mut rng = Rng(0x5eed_1234_abcd_0001);
        for case in 0..500 {
            let mut content = String::new();
            // (offset in content, fragment index)
            let mut placed = Vec::new();
            // Open paired elements (their end tags), innermost last.
            let mut open: Vec<&str> = Vec::new();
            let mut in_cdata = false;
            for _ in 0..rng.below(14) + 1 {
                let mut i = rng.below(FRAGS.len());
                // Keep the XML well-formed: close only the innermost element, nothing but
                // words in a CDATA section.
                let ok = match FRAGS[i].0 {
                    "</g>" | "</mrk>" => !in_cdata && open.last() == Some(&FRAGS[i].0),
                    "]]>" => in_cdata,
                    _ if in_cdata => i <= 2,
                    _ => true,
                };
                if !ok {
                    i = rng.below(3); // a word
                }
                match FRAGS[i].0 {
                    "<g id=\"4\">" => open.push("</g>"),
                    "<mrk mtype=\"term\">" => open.push("</mrk>"),
                    "</g>" | "</mrk>" => {
                        open.pop();
                    }
                    "<![CDATA[" => in_cdata = true,
                    "]]>" => in_cdata = false,
                    _ => {}
                }
                if !content.is_empty() {
                    content.push(' ');
                }
                placed.push((content.len(), i));
                content.push_str(FRAGS[i].0);
            }
            if in_cdata {
                content.push_str("]]>");
            }
            while let Some(end) = open.pop() {
                content.push_str(end);
            }
            let head = "<xliff version=\"1.2\"><file source-language=\"zh\" target-language=\"en\"><body>\n<trans-unit id=\"t\"><source>源</source>\n<target>";
            let src = format!("{head}{content}</target></trans-unit></body></file></xliff>");
            let bt = parse(&src).unwrap_or_else(|e| panic!("case {case}: {e}\n{src}"));
            let t = bt.units[0].target.as_ref().unwrap();
            check_piece(&src, t, &decode);
            // Every fragment's contribution maps back to the fragment's bytes.
            assert_fragments(
                &src,
                head,
                t,
                &placed,
                FRAGS,
                &format!("case {case}: {content:?}"),
            );
        }
    }
}
