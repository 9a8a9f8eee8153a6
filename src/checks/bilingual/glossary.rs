//! ## What it does
//! Checks translations against a glossary named in `mtlint.toml` (`[bilingual] glossary =
//! "terms.tsv"` or a `.tbx` file):
//!
//! - `bilingual/glossary-term`: the source has a glossary term, and the translation has none of
//!   its approved translations ("Verkehrsverbund" must be "transport association").
//! - `bilingual/forbidden-term`: the translation has a translation the glossary forbids for a
//!   term of the source ("transit authority" for "Verkehrsverbund").
//!
//! Terms match whole words, case-insensitively (CJK terms as substrings), and inflected forms
//! count: "transport associations", "association's" (English -s, -es, -ies, -'s, -ed, -ing), and
//! in the source the endings of German, Romance and Slavic nouns ("Verkehrsverbundes").
//!
//! ## Glossary files
//! TSV, one term per line: `source term<TAB>approved translation[|another]<TAB>forbidden[|…]`
//! (third column optional; `#` starts a comment line). TBX (ISO 30042; `<termEntry>`/`<langSet>`
//! or TBX v3 `<conceptEntry>`/`<langSec>`): the terms of the source language and of English in
//! one entry; English terms whose `administrativeStatus` is `deprecatedTerm-admn-sts` or
//! `supersededTerm-admn-sts` are forbidden, the others approved.
//!
//! ## Fix safety
//! Forbidden terms: an unsafe fix to the first approved translation (its inflection and
//! grammar around it need a look).

use super::super::{Check, Context, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, FixSafety, Severity};
use crate::document::Document;
use std::ops::Range;
use std::path::Path;

pub const TERM: &str = "bilingual/glossary-term";
pub const FORBIDDEN: &str = "bilingual/forbidden-term";

/// One glossary entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    /// Source-language terms (any of them in the source triggers the entry).
    pub source: Vec<String>,
    /// Approved English translations.
    pub approved: Vec<String>,
    /// Forbidden English translations.
    pub forbidden: Vec<String>,
}

/// A glossary: entries, and the file's text (part of the result cache's key).
#[derive(Clone, Debug, Default)]
pub struct Glossary {
    pub entries: Vec<Entry>,
    /// The file's text (part of the result cache's key).
    pub text: String,
}

/// A glossary file that could not be read: where and why.
#[derive(Debug)]
pub struct GlossaryError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for GlossaryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl Glossary {
    /// Reads a TSV or TBX glossary; `source_lang` picks the TBX language set (its primary
    /// subtag; None: every non-English language of an entry).
    pub fn load(path: &Path, source_lang: Option<&str>) -> anyhow::Result<Glossary> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        let tbx = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("tbx"));
        let entries = if tbx {
            parse_tbx(&text, source_lang)
        } else {
            parse_tsv(&text)
        }
        .map_err(|e| anyhow::anyhow!("{}:{e}", path.display()))?;
        Ok(Glossary { entries, text })
    }
}

/// `source<TAB>approved[|…][<TAB>forbidden[|…]]` per line.
pub fn parse_tsv(text: &str) -> Result<Vec<Entry>, GlossaryError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let list = |s: &str| -> Vec<String> {
            s.split('|')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect()
        };
        let source = list(cols[0]);
        let approved = cols.get(1).map(|c| list(c)).unwrap_or_default();
        let forbidden = cols.get(2).map(|c| list(c)).unwrap_or_default();
        if source.is_empty() || (approved.is_empty() && forbidden.is_empty()) || cols.len() > 3 {
            return Err(GlossaryError {
                line: i + 1,
                column: 1,
                message: "expected `source term<TAB>approved translation[|…][<TAB>forbidden[|…]]`"
                    .into(),
            });
        }
        out.push(Entry {
            source,
            approved,
            forbidden,
        });
    }
    Ok(out)
}

/// TBX (v2 `termEntry`/`langSet`/`tig`, v3 `conceptEntry`/`langSec`/`termSec`).
pub fn parse_tbx(text: &str, source_lang: Option<&str>) -> Result<Vec<Entry>, GlossaryError> {
    use crate::source::bitext::primary_lang;
    use quick_xml::events::Event;
    let want_source = source_lang.map(primary_lang);
    let mut reader = quick_xml::Reader::from_str(text);
    let mut out = Vec::new();
    let mut entry: Option<Entry> = None;
    let mut lang: Option<String> = None;
    // The current term (text) and whether its status is deprecated.
    let mut term: Option<(String, bool)> = None;
    let mut in_term = false;
    let mut in_status = false;
    let err = |reader: &quick_xml::Reader<&[u8]>, e: String| {
        let pos = (reader.error_position() as usize).min(text.len());
        let line = text[..pos].matches('\n').count() + 1;
        let col = text[..pos]
            .rsplit('\n')
            .next()
            .map_or(0, |l| l.chars().count())
            + 1;
        GlossaryError {
            line,
            column: col,
            message: e,
        }
    };
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| err(&reader, format!("not well-formed TBX: {e}")))?;
        match ev {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name();
                let attr = |key: &[u8]| {
                    e.attributes().flatten().find_map(|a| {
                        (a.key.local_name().as_ref() == key)
                            .then(|| String::from_utf8_lossy(&a.value).into_owned())
                    })
                };
                match name.as_ref() {
                    b"termEntry" | b"conceptEntry" => entry = Some(Entry::default()),
                    b"langSet" | b"langSec" => lang = attr(b"lang").map(|l| primary_lang(&l)),
                    b"tig" | b"termSec" | b"ntig" => term = Some((String::new(), false)),
                    b"term" => in_term = true,
                    b"termNote" | b"descrip" => {
                        in_status = attr(b"type").as_deref() == Some("administrativeStatus")
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                let s = t.xml10_content().map_err(|e| err(&reader, e.to_string()))?;
                if in_term {
                    if let Some((text, _)) = &mut term {
                        text.push_str(&s);
                    }
                } else if in_status {
                    if let Some((_, dep)) = &mut term {
                        *dep = s.contains("deprecated") || s.contains("superseded");
                    }
                }
            }
            Event::GeneralRef(r) if in_term => {
                if let (Some((text, _)), Ok(Some(c))) = (&mut term, r.resolve_char_ref()) {
                    text.push(c);
                } else if let Some((text, _)) = &mut term {
                    let name = String::from_utf8_lossy(&r);
                    text.push_str(match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"term" => in_term = false,
                b"termNote" | b"descrip" => in_status = false,
                b"tig" | b"termSec" | b"ntig" => {
                    if let (Some(en), Some((t, dep)), Some(l)) = (&mut entry, term.take(), &lang) {
                        let t = t.trim().to_string();
                        if t.is_empty() {
                        } else if l == "en" {
                            if dep {
                                en.forbidden.push(t);
                            } else {
                                en.approved.push(t);
                            }
                        } else if want_source.as_ref().map_or(true, |w| w == l) && !dep {
                            en.source.push(t);
                        }
                    }
                }
                b"termEntry" | b"conceptEntry" => {
                    if let Some(e) = entry.take() {
                        let has_target = !e.approved.is_empty() || !e.forbidden.is_empty();
                        if !e.source.is_empty() && has_target {
                            out.push(e);
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Ends an English word may take beyond the glossary's form.
const EN_ENDINGS: [&str; 8] = ["s", "es", "'s", "’s", "s'", "ed", "d", "ing"];
/// Ends a source noun may take (German, Romance, Slavic cases and plurals).
const SRC_ENDINGS: [&str; 14] = [
    "s", "es", "e", "en", "n", "er", "a", "u", "om", "ov", "i", "y", "ami", "ach",
];

/// Whether a text word is the glossary word, or it with one of `endings` (for a final "y",
/// also "ies").
fn word_matches(text_word: &str, term_word: &str, endings: &[&str]) -> bool {
    if text_word == term_word {
        return true;
    }
    if let Some(rest) = text_word.strip_prefix(term_word) {
        return endings.contains(&rest);
    }
    if let Some(stem) = term_word.strip_suffix('y') {
        return text_word
            .strip_prefix(stem)
            .is_some_and(|r| r == "ies" || r == "ied");
    }
    false
}

/// Words of a text, lower case, with their byte ranges.
fn words(text: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let inner = c.is_alphanumeric() || ((c == '\'' || c == '’' || c == '-') && start.is_some());
        match (inner, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let w = text[s..i].trim_end_matches(['\'', '’', '-']);
                out.push((w.to_lowercase(), s..s + w.len()));
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn is_cjk(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF))
}

/// Where `term` occurs in `text` (whole words, inflected with `endings`; CJK: substring).
pub fn find(text: &str, term: &str, endings: &[&str]) -> Option<Range<usize>> {
    if is_cjk(term) {
        return text.find(term).map(|i| i..i + term.len());
    }
    let tw: Vec<String> = words(term).into_iter().map(|w| w.0).collect();
    if tw.is_empty() {
        return None;
    }
    let ws = words(text);
    (0..ws.len().saturating_sub(tw.len() - 1)).find_map(|i| {
        let ok = tw.iter().enumerate().all(|(k, t)| {
            let last = k + 1 == tw.len();
            word_matches(&ws[i + k].0, t, if last { endings } else { &[] })
        });
        ok.then(|| ws[i].1.start..ws[i + tw.len() - 1].1.end)
    })
}

/// The glossary check (its rules are listed whether or not a glossary is configured).
#[derive(Default)]
pub struct GlossaryCheck {
    pub glossary: Glossary,
}

impl Check for GlossaryCheck {
    fn rules(&self) -> Vec<RuleMeta> {
        vec![
            RuleMeta::builtin(
                TERM,
                Category::Terminology,
                Severity::Warning,
                FixSafety::None,
                "a glossary term of the source is not translated as the glossary says",
            )
            .describe(
                "The source contains a term of the glossary named in `mtlint.toml` \
                    (`[bilingual] glossary`, TSV or TBX), and the translation contains none of its \
                    approved translations (inflected forms count: “transport associations”). \
                    Without a glossary the rule does nothing.",
            )
            .example(
                "Verkehrsverbund ⟶ [The transport company raised fares.]",
                None,
            )
            .example(
                "Der Verkehrsverbund erhöht die Preise. ⟶ [The transport union raises prices.]",
                None,
            )
            .counter("Verkehrsverbund ⟶ The transport association raised fares.")
            .counter("Verkehrsverbundes ⟶ The transport association's fares."),
            RuleMeta::builtin(
                FORBIDDEN,
                Category::Terminology,
                Severity::Warning,
                FixSafety::Unsafe,
                "a translation the glossary forbids for a term of the source",
            )
            .describe(
                "The translation contains a translation the glossary forbids \
                    (third TSV column; TBX English terms marked deprecated or superseded) for a \
                    term that is in the source. The fix puts the first approved translation in its \
                    place (unsafe: its inflection and the words around it need a look).",
            )
            .example(
                "Verkehrsverbund ⟶ The [transit authority] raised fares.",
                Some("transport association"),
            )
            .counter("Verkehrsverbund ⟶ The transport association raised fares.")
            .counter("Bahnhof ⟶ The transit authority runs the station."),
        ]
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let Some(b) = &doc.bilingual else { return };
        if self.glossary.entries.is_empty() {
            return;
        }
        for u in &b.units {
            let Some(t) = &u.target else { continue };
            let target = &doc.text[t.clone()];
            if target.trim().is_empty() {
                continue;
            }
            for e in &self.glossary.entries {
                let Some(src) = e
                    .source
                    .iter()
                    .find(|s| find(&u.source, s, &SRC_ENDINGS).is_some())
                else {
                    continue;
                };
                let bad = e
                    .forbidden
                    .iter()
                    .find_map(|f| find(target, f, &EN_ENDINGS).map(|r| (f, r)));
                if let Some((f, r)) = bad {
                    let mut d = Diagnostic::new(
                        FORBIDDEN,
                        Category::Terminology,
                        Severity::Warning,
                        t.start + r.start..t.start + r.end,
                        format!(
                            "the glossary forbids “{f}” for “{src}”{}",
                            e.approved
                                .first()
                                .map_or(String::new(), |a| format!(": use “{a}”"))
                        ),
                    );
                    if let Some(a) = e.approved.first() {
                        d = d.suggest(a, FixSafety::Unsafe);
                    }
                    out.push(d);
                    continue;
                }
                if !e.approved.is_empty()
                    && !e
                        .approved
                        .iter()
                        .any(|a| find(target, a, &EN_ENDINGS).is_some())
                {
                    out.push(Diagnostic::new(
                        TERM,
                        Category::Terminology,
                        Severity::Warning,
                        crate::document::bilingual::trimmed(&doc.text, t.clone()),
                        format!(
                            "“{src}” is not translated as the glossary says: {}",
                            e.approved
                                .iter()
                                .map(|a| format!("“{a}”"))
                                .collect::<Vec<_>>()
                                .join(" or ")
                        ),
                    ));
                }
            }
        }
    }

    fn fingerprint(&self) -> Vec<u8> {
        self.glossary.text.as_bytes().to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_and_errors() {
        let g = parse_tsv("# terms\nVerkehrsverbund\ttransport association\ttransit authority|transport union\n\n数据\tdata\n").unwrap();
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].forbidden, ["transit authority", "transport union"]);
        let e = parse_tsv("ok\tfine\nbroken line\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1));
    }

    #[test]
    fn tbx_v2_with_deprecated_terms() {
        let tbx = r#"<?xml version="1.0"?><martif type="TBX"><text><body>
<termEntry id="1">
 <langSet xml:lang="de"><tig><term>Verkehrsverbund</term></tig></langSet>
 <langSet xml:lang="en"><tig><term>transport association</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
  <tig><term>transit authority</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>
</termEntry>
<termEntry id="2"><langSet xml:lang="fr"><tig><term>gare</term></tig></langSet><langSet xml:lang="en"><tig><term>station</term></tig></langSet></termEntry>
</body></text></martif>"#;
        let g = parse_tbx(tbx, Some("de-DE")).unwrap();
        assert_eq!(g.len(), 1, "{g:?}");
        assert_eq!(g[0].source, ["Verkehrsverbund"]);
        assert_eq!(g[0].approved, ["transport association"]);
        assert_eq!(g[0].forbidden, ["transit authority"]);
        assert_eq!(parse_tbx(tbx, None).unwrap().len(), 2);
        let e = parse_tbx("<martif><termEntry></martif>", None).unwrap_err();
        assert_eq!(e.line, 1);
    }

    #[test]
    fn inflected_forms_match() {
        assert!(find(
            "The transport associations met.",
            "transport association",
            &EN_ENDINGS
        )
        .is_some());
        assert!(find("the association's fee", "association", &EN_ENDINGS).is_some());
        assert!(find("two companies", "company", &EN_ENDINGS).is_some());
        assert!(find("des Verkehrsverbundes", "Verkehrsverbund", &SRC_ENDINGS).is_some());
        assert!(find("the associate", "association", &EN_ENDINGS).is_none());
        assert!(find(
            "transportation association",
            "transport association",
            &EN_ENDINGS
        )
        .is_none());
        assert_eq!(find("收集数据时", "数据", &SRC_ENDINGS), Some(6..12));
    }
}
