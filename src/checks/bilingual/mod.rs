//! ## What it does
//! Compares each translation with its source, in XLIFF and PO files and in a target checked
//! with `mtlint check --source SRC TARGET`:
//!
//! - `bilingual/number-mismatch`: a number of the source is not in the translation, or the
//!   translation has a number the source does not (3.5万 → "3,500"; locale formats, Chinese
//!   and Japanese numerals and units, spelled-out numbers and month names are matched).
//! - `bilingual/placeholder-mismatch`: a format specifier, variable, inline tag or HTML tag of
//!   the source is missing from the translation or is new in it (`%s`, `{count}`,
//!   `%(name)s`, `<x id="1"/>`), or positional specifiers changed order.
//! - `bilingual/url-changed`: a URL or e-mail address of the source is not in the translation.
//! - `bilingual/untranslated`: the translation is the source copied, or still in the source's
//!   script.
//! - `bilingual/missing-translation`: a unit with a source and no translation.
//! - `bilingual/fuzzy-translation` (info): the translation is marked as a draft (PO `fuzzy`,
//!   XLIFF `needs-…` states): gettext does not use fuzzy entries.
//! - `bilingual/inconsistent-translation`: the same source translated in two ways in one file,
//!   or in two files of one `mtlint check` run ([`project`]).
//! - `bilingual/same-translation` (info): two different sources with the same translation.
//! - `bilingual/end-punctuation` (info): the translation ends in other punctuation than the
//!   source (a stop, question mark, colon: full-width forms count as their ASCII twins).
//! - `bilingual/brackets` (info): the source's brackets are not all in the translation, or
//!   the translation's are unbalanced where the source's are not.
//! - `bilingual/quotes` (info): the source quotes something and the translation has no
//!   quotation marks, or the translation's do not pair up where the source's do.
//! - `bilingual/first-letter-case` (info): the translation starts in lower case where the
//!   source starts in upper case, or the other way round (sources in scripts with case only).
//! - `bilingual/whitespace`: leading or trailing whitespace of the translation differs from
//!   the source's (a software string "Name: " that lost its space).
//! - `bilingual/length-ratio` (info): the translation is far shorter or longer than the file's
//!   other translations of sources of that length (an omission, or a sentence added).
//!
//! ## Why is this bad?
//! These are the errors a reader of the English alone cannot see: a changed number, a dropped
//! placeholder that breaks the program at run time, a segment left in Chinese, a term
//! translated two ways.
//!
//! ## Fix safety
//! No fixes: the right translation needs the translator.

pub mod form;
pub mod glossary;
pub mod numbers;
pub mod placeholders;
pub mod project;
#[cfg(test)]
mod tests;

#[cfg(test)]
mod unit_tests {
    #[test]
    fn urls_are_read_through_entities_escapes_and_po_joints() {
        assert_eq!(
            super::unescape_url("https://a.org/x?a=1&amp;b=2"),
            "https://a.org/x?a=1&b=2"
        );
        assert_eq!(
            super::unescape_url("https://a.org/licenses/\"\n\"gpl.html"),
            "https://a.org/licenses/gpl.html"
        );
    }
}

use super::{Check, Context, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, FixSafety, Severity};
use crate::document::bilingual::{norm, BiUnit, Bilingual};
use crate::document::Document;
use crate::source::bitext::primary_lang;
use std::collections::HashMap;
use std::ops::Range;

pub const NUMBER: &str = "bilingual/number-mismatch";
pub const PLACEHOLDER: &str = "bilingual/placeholder-mismatch";
pub const URL: &str = "bilingual/url-changed";
pub const UNTRANSLATED: &str = "bilingual/untranslated";
pub const MISSING: &str = "bilingual/missing-translation";
pub const FUZZY: &str = "bilingual/fuzzy-translation";
pub const INCONSISTENT: &str = "bilingual/inconsistent-translation";
pub const SAME: &str = "bilingual/same-translation";
pub const END_PUNCT: &str = "bilingual/end-punctuation";
pub const BRACKETS: &str = "bilingual/brackets";
pub const WHITESPACE: &str = "bilingual/whitespace";
pub const QUOTES: &str = "bilingual/quotes";
pub const CASE: &str = "bilingual/first-letter-case";
pub const LENGTH: &str = "bilingual/length-ratio";
pub const MALFORMED: &str = "bilingual/malformed-file";

/// Separates source and target in the rules' examples: `"3.5万人 ⟶ [3,500] people"`.
pub const ARROW: &str = " ⟶ ";

#[derive(Default)]
pub struct BilingualCheck;

fn meta(id: &str, severity: Severity, summary: &str, description: &str) -> RuleMeta {
    RuleMeta::builtin(id, Category::Accuracy, severity, FixSafety::None, summary)
        .describe(description)
}

impl Check for BilingualCheck {
    fn rules(&self) -> Vec<RuleMeta> {
        vec![
            meta(NUMBER, Severity::Warning, "a number of the source is missing or changed in the translation",
                "Every number of the source must be in the translation: digits in any locale format \
                 (2,7 = 2.7; 14 000 = 14,000), Chinese and Japanese numerals and units (3.5万 = 35,000; \
                 26万亿 = 26 trillion; 两百 = 200), percentages, ordinals (第三 = third), ranges, years, \
                 and months (2月 = February). Spelled-out numbers in the translation (“three”, \
                 “twenty-one”, “a dozen”) match digits in the source; a year the source gives as \
                 “last year” (去年) is not a new number. The diagnostic points at the changed number \
                 of the translation when there is one, else at the whole translation.")
                .example("新增确诊病例3.5万例 ⟶ There were [3,500] new confirmed cases", None)
                .example("(de) 14 000 Menschen wurden evakuiert. ⟶ [1,400] people were evacuated.", None)
                .example("共有15人受伤。 ⟶ [Fifty people were injured.]", None)
                .counter("新增确诊病例3.5万例 ⟶ There were 35,000 new confirmed cases")
                .counter("(de) 2,7 Mio. Euro ⟶ 2.7 million euros")
                .counter("两国领导人 ⟶ The leaders of the two countries")
                .counter("去年GDP增长2.7% ⟶ In 2022, GDP grew by 2.7%")
                .counter("第三次会议 ⟶ The third meeting"),
            meta(PLACEHOLDER, Severity::Error, "a placeholder or tag of the source is missing, new or reordered in the translation",
                "Format specifiers (`%s`, `%d`, `%1$s`, `%(name)s`), variables (`{0}`, `{name}`, \
                 `{{var}}`, `${var}`), HTML tags and XLIFF inline codes must be in the translation as \
                 in the source: a missing or renamed one breaks the program or loses formatting at \
                 run time. Positional specifiers (`%s … %d`) must also keep their order; indexed ones \
                 (`%1$s`) and named ones may move. `50%` and `100 % of` are not specifiers.")
                .example("已上传 %d 个文件 ⟶ [Files uploaded]", None)
                .example("Hello {name} ⟶ Bonjour [{nom}]", None)
                .example("%s of %d ⟶ [%d] of %s", None)
                .counter("已上传 %d 个文件 ⟶ %d files uploaded")
                .counter("Hello {name} ⟶ Hi {name}")
                .counter("增长了50%以上 ⟶ grew by more than 50%"),
            meta(URL, Severity::Warning, "a URL or e-mail address of the source is not in the translation",
                "URLs and e-mail addresses are kept as they are; MT systems “translate” them \
                 (example.de → example.com) or drop them.")
                .example("(de) Mehr unter https://example.de/info ⟶ More at [https://example.com/info]", None)
                .example("详见 https://example.cn/a ⟶ [See the website for details.]", None)
                .counter("Mehr unter https://example.de/info ⟶ More at https://example.de/info")
                .counter("Schreiben Sie an info@example.de ⟶ Write to info@example.de")
                .counter("Kein Link hier. ⟶ No link here."),
            meta(UNTRANSLATED, Severity::Warning, "the translation is the source, or still in the source's script",
                "A target equal to its source (a copy the MT system or a translator left), or written \
                 mostly in the source's script (Chinese, Cyrillic, …) where the target language does \
                 not use it. Short sources that stay the same in English (names, numbers, codes: \
                 “OK”, “Berlin”, “iPhone 14”) are left alone.")
                .example("网络连接失败，请稍后重试。 ⟶ [网络连接失败，请稍后重试。]", None)
                .example("Die Sitzung wurde vertagt. ⟶ [Die Sitzung wurde vertagt.]", None)
                .example("网络连接失败 ⟶ [Network 连接失败]", None)
                .counter("网络连接失败 ⟶ The network connection failed")
                .counter("Berlin ⟶ Berlin")
                .counter("iPhone 14 Pro ⟶ iPhone 14 Pro"),
            meta(MISSING, Severity::Warning, "a source with no translation",
                "An XLIFF unit without `<target>` or with an empty one, a PO entry with `msgstr \"\"`: \
                 the program shows the source language there. Units marked `translate=\"no\"` are \
                 left alone.")
                .example("[Speichern] ⟶ ", None)
                .example("[保存] ⟶ ", None)
                .counter("Speichern ⟶ Save")
                .counter("保存 ⟶ Save")
                .counter("Abbrechen ⟶ Cancel"),
            meta(FUZZY, Severity::Info, "the translation is marked as a draft",
                "A PO entry flagged `fuzzy` or an XLIFF target in a `new`, `needs-translation`, \
                 `needs-review-…` (1.2) or `initial` (2.x) state: gettext's msgfmt leaves fuzzy \
                 entries out, so the program shows the source; review the translation and remove \
                 the flag.")
                .example("(draft) Paramètres avancés ⟶ [Advanced parameters]", None)
                .example("(draft) 高级设置 ⟶ [Advanced settings]", None)
                .counter("Paramètres avancés ⟶ Advanced settings")
                .counter("高级设置 ⟶ Advanced settings"),
            meta(INCONSISTENT, Severity::Warning, "the same source is translated in two different ways in one file",
                "Two units with the same source text (and, in PO, no message context telling them \
                 apart) have different translations: one of them is probably wrong, or a term is \
                 translated inconsistently. The first translation is shown as related information. \
                 Differences in whitespace alone are ignored.")
                .example("Verkehrsverbund ⟶ transport association / Verkehrsverbund ⟶ [transit authority]", None)
                .counter("Verkehrsverbund ⟶ transport association / Verkehrsverbund ⟶ transport association"),
            meta(SAME, Severity::Info, "two different sources have the same translation",
                "Two units whose sources differ (beyond case, whitespace, punctuation and numbers) \
                 have one translation: one source may have been mistranslated as the other. Only \
                 sources of three words or more (or eight CJK characters) are compared: short UI \
                 labels legitimately share translations.")
                .example("Die Datei wurde gespeichert. ⟶ The file was saved. / Die Datei wurde gelöscht. ⟶ [The file was saved.]", None)
                .counter("Die Datei wurde gespeichert. ⟶ The file was saved. / Die Datei wurde gelöscht. ⟶ The file was deleted."),
            meta(END_PUNCT, Severity::Info, "the translation ends in other punctuation than the source",
                "A source ending in a stop, question mark, exclamation mark or colon (full-width \
                 forms count as their ASCII twins: 。 = .) whose translation ends in a different one, \
                 or in none; or a translation ending in one where the source ends in none (a UI \
                 label that gained a stop). Closing quotes and brackets after the punctuation are \
                 skipped.")
                .example("真的吗？ ⟶ Really[.]", None)
                .example("文件名： ⟶ File nam[e]", None)
                .counter("真的吗？ ⟶ Really?")
                .counter("他说：“好。” ⟶ He said, “Good.”")
                .counter("保存 ⟶ Save"),
            meta(BRACKETS, Severity::Info, "brackets of the source are missing, or unbalanced, in the translation",
                "The source has more round or square brackets than the translation (a parenthesis \
                 left out: often an omission), or the translation's brackets do not pair up where the \
                 source's do. Full-width brackets count as their ASCII twins.")
                .example("会议（2月10日）结束。 ⟶ [The meeting ended.]", None)
                .example("Die Kosten (netto) steigen. ⟶ [Costs (net rise.]", None)
                .counter("会议（2月10日）结束。 ⟶ The meeting (February 10) ended.")
                .counter("Die Kosten steigen. ⟶ Costs (net) rise.")
                .counter("Kein Klammer. ⟶ No bracket."),
            meta(QUOTES, Severity::Info, "quotation marks of the source are missing, or unbalanced, in the translation",
                "The source has a quotation (“…”, „…“, «…», 「…」, \"…\") and the translation has no \
                 quotation mark at all (a quoted title or statement lost its marks, or the quote was \
                 left out), or the translation's quotation marks do not pair up where the source's \
                 do. Different styles count as the same (「东京」 = “Tokyo”); apostrophes are not \
                 quotation marks.")
                .example("他说：“我们会赢。” ⟶ [He said we will win.]", None)
                .example("Er sagte: „Wir gewinnen.“ ⟶ [He said: “We will win.]", None)
                .counter("他说：“我们会赢。” ⟶ He said, “We will win.”")
                .counter("「東京」に行く ⟶ Going to “Tokyo”")
                .counter("Es ist gut. ⟶ It’s good."),
            meta(CASE, Severity::Info, "the translation's first letter has the other case than the source's",
                "A source that starts with a capital (a sentence, a UI label) whose translation \
                 starts in lower case, or a lower-case source (a message fragment completed at run \
                 time: “cannot open %s”) whose translation starts with a capital. Only sources in \
                 scripts with case (Latin, Cyrillic, Greek) are compared; a translation starting with \
                 a placeholder or a number is left alone.")
                .example("Datei speichern ⟶ [save file]", None)
                .example("impossible d'ouvrir %s ⟶ [Cannot open %s]", None)
                .counter("Datei speichern ⟶ Save file")
                .counter("impossible d'ouvrir %s ⟶ cannot open %s")
                .counter("保存文件 ⟶ save file")
                .counter("iPhone synchronisieren ⟶ Sync the iPhone"),
            meta(WHITESPACE, Severity::Warning, "leading or trailing whitespace differs from the source",
                "In software strings, spaces and line breaks at the ends are part of the layout \
                 (“Name: ” before a value, a trailing newline of a message): the translation keeps \
                 them. Checked in XLIFF and PO files only; in XLIFF, whitespace with a line break at an \
                 edge is the file's indentation, not the string's, and is left alone.")
                .example("Name:  ⟶ [Name:]", None)
                .example(" (Kopie) ⟶ [(copy)]", None)
                .counter("Name:  ⟶ Name: ")
                .counter("Fehler:\n ⟶ Error:\n")
                .counter("Speichern ⟶ Save"),
            meta(LENGTH, Severity::Info, "the translation is far shorter or longer than expected",
                "The ratio of translation length to source length is compared with the file's \
                 median ratio (so a Chinese source, about a third as long as its English, is judged \
                 against Chinese sources): a translation under a third or over three times the \
                 expected length, and at least 20 characters off, is flagged. Needs ten units in the \
                 file with sources of ten characters or more.")
                .example("(ten units) 会议讨论了明年的预算以及新的交通规划和城市发展。 ⟶ [Meeting.]", None)
                .counter("(ten units) 会议讨论了明年的预算以及新的交通规划和城市发展。 ⟶ The meeting discussed next year's budget, the new transport plan and urban development.")
                .counter("会议讨论了明年的预算以及新的交通规划和城市发展。 ⟶ Meeting."),
            meta(MALFORMED, Severity::Error, "the XLIFF or PO file does not parse",
                "Reported by the language server on an open XLIFF or PO buffer that is not \
                 well-formed (the command line reports it as an error with exit status 2): an \
                 unclosed tag, a bad escape, a msgid without msgstr.")
                .example("(buffer) <xliff version=\"2.0\"><file id=\"f\"><unit id=\"1\"><segment><source>Speichern</source><target>Save[]</segment>", None)
                .counter("(buffer) <xliff version=\"2.0\"><file id=\"f\"><unit id=\"1\"><segment><source>Speichern</source><target>Save</target></segment></unit></file></xliff>"),
        ]
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        if let Some(e) = &doc.malformed {
            let at = crate::source::offsets::LineIndex::new(doc.original);
            let start = at.line_start(e.line.saturating_sub(1));
            let pos = doc.original[start..]
                .char_indices()
                .nth(e.column.saturating_sub(1))
                .map_or(doc.original.len(), |(i, _)| start + i);
            // The span is in the original; the (empty) checked text maps nothing, so the
            // linter's mapping leaves an original offset of a malformed file as it is.
            out.push(Diagnostic::new(
                MALFORMED,
                Category::Accuracy,
                Severity::Error,
                pos..pos,
                e.message.clone(),
            ));
            return;
        }
        let Some(b) = &doc.bilingual else {
            return;
        };
        // A template (a .pot file, an XLIFF file before translation): nothing is translated
        // yet, so nothing is missing.
        let template = b.units.iter().all(|u| u.target.is_none());
        for u in b.units.iter().filter(|u| !(template && u.target.is_none())) {
            check_unit(doc, b, u, out);
        }
        consistency(doc, &b.units, out);
        length_ratio(doc, &b.units, out);
    }
}

/// The target's range without surrounding whitespace (an empty range stays where it is).
fn trimmed(doc: &Document, r: &Range<usize>) -> Range<usize> {
    crate::document::bilingual::trimmed(&doc.text, r.clone())
}

fn diag(id: &str, severity: Severity, span: Range<usize>, msg: String) -> Diagnostic {
    Diagnostic::new(id, Category::Accuracy, severity, span, msg)
}

/// Quotes a source for a message, shortened.
fn q(s: &str) -> String {
    let s = s.trim();
    let mut out: String = s.chars().take(60).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    format!("“{out}”")
}

fn check_unit(doc: &Document, b: &Bilingual, u: &BiUnit, out: &mut Vec<Diagnostic>) {
    let source = u.source.as_str();
    let has_source = !source.trim().is_empty();
    let Some(t) = u.target.as_ref() else {
        if has_source {
            if let Some(s) = &u.source_span {
                out.push(diag(
                    MISSING,
                    Severity::Warning,
                    trimmed(doc, s),
                    format!("{} has no translation", q(source)),
                ));
            }
        }
        return;
    };
    let target = &doc.text[t.clone()];
    let whole = trimmed(doc, t);
    if target.trim().is_empty() {
        if has_source {
            let span = u.source_span.as_ref().map_or(whole, |s| trimmed(doc, s));
            out.push(diag(
                MISSING,
                Severity::Warning,
                span,
                format!("{} has an empty translation", q(source)),
            ));
        }
        return;
    }
    if u.fuzzy {
        out.push(diag(
            FUZZY,
            Severity::Info,
            whole.clone(),
            "the translation is marked as a draft (fuzzy): review it and remove the flag".into(),
        ));
    }
    if let Some(why) = untranslated(
        source,
        target,
        b.source_lang.as_deref(),
        b.target_lang.as_deref(),
    ) {
        out.push(diag(UNTRANSLATED, Severity::Warning, whole, why));
        // The rest compares a translation with its source: there is none.
        return;
    }
    number_check(doc, b, u, t, out);
    placeholder_check(doc, u, t, out);
    url_check(doc, u, t, out);
    form_check(doc, b, u, t, out);
}

/// Why a target is not a translation, if it is not. Nothing is said when both languages are
/// known and the same (zh → zh-TW), and the script test needs an English (or unknown) target:
/// zh → ja and ru → uk targets share their source's script.
fn untranslated(
    source: &str,
    target: &str,
    source_lang: Option<&str>,
    target_lang: Option<&str>,
) -> Option<String> {
    if let (Some(s), Some(t)) = (source_lang, target_lang) {
        if primary_lang(s) == primary_lang(t) {
            return None;
        }
    }
    let (s, t) = (norm(source), norm(target));
    let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count();
    let foreign = |c: char| c.is_alphabetic() && !c.is_ascii() && !is_latin_extended(c);
    if s == t {
        let words = s.split_whitespace().filter(|w| letters(w) >= 2).count();
        if s.chars().any(foreign) || words >= 3 {
            return Some("the translation is a copy of the source".into());
        }
        return None;
    }
    if !crate::document::bilingual::is_english(target_lang) {
        return None;
    }
    // Still in the source's script: a third of the target's letters are not Latin, and the
    // source is in a non-Latin script.
    let in_foreign = target.chars().filter(|c| foreign(*c)).count();
    if source.chars().any(foreign) && letters(&t) >= 2 && in_foreign * 3 >= letters(&t) {
        return Some(
            "the translation is still in the source's script: it is left (partly) untranslated"
                .into(),
        );
    }
    None
}

/// Latin letters beyond ASCII (é, ß, ł, ğ, …).
fn is_latin_extended(c: char) -> bool {
    matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF)
}

/// The language of a text as the number and placeholder readers want it: the primary subtag
/// of a declared language, else a guess from the script (Latin text counts as English).
fn lang_of(declared: Option<&str>, text: &str) -> String {
    if let Some(l) = declared {
        return primary_lang(l);
    }
    let has = |lo: u32, hi: u32| text.chars().any(|c| (lo..=hi).contains(&(c as u32)));
    if has(0x3040, 0x30FF) {
        "ja"
    } else if has(0xAC00, 0xD7AF) {
        "ko"
    } else if has(0x4E00, 0x9FFF) {
        "zh"
    } else if has(0x0400, 0x04FF) {
        "ru"
    } else {
        "en"
    }
    .to_string()
}

/// A number for a message: its text in the source, and its value when that differs.
fn shown(text: &str, n: &numbers::Num) -> String {
    let written = text[n.span.clone()].trim();
    let v = n.value;
    let value = if v.fract() == 0.0 && v.abs() < 1e15 {
        group(v as i64)
    } else {
        format!("{v}")
    };
    if written.replace([',', ' ', '\u{a0}', '\u{202f}'], "") == value.replace(',', "") {
        format!("“{written}”")
    } else {
        format!("“{written}” ({value})")
    }
}

/// 35000 → "35,000".
fn group(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

fn number_check(
    doc: &Document,
    b: &Bilingual,
    u: &BiUnit,
    t: &Range<usize>,
    out: &mut Vec<Diagnostic>,
) {
    let target = &doc.text[t.clone()];
    let sl = lang_of(b.source_lang.as_deref(), &u.source);
    let tl = lang_of(b.target_lang.as_deref(), target);
    let m = numbers::compare(&u.source, &sl, target, &tl);
    if m.is_empty()
        || u.source_alts
            .iter()
            .any(|alt| numbers::compare(alt, &sl, target, &tl).is_empty())
    {
        return;
    }
    let whole = trimmed(doc, t);
    let n = m.missing.len().max(m.added.len());
    for i in 0..n {
        let (span, msg) = match (m.missing.get(i), m.added.get(i)) {
            (Some(s), Some(a)) => (
                t.start + a.span.start..t.start + a.span.end,
                format!(
                    "{} here, but the source has {}",
                    shown(target, a),
                    shown(&u.source, s)
                ),
            ),
            (Some(s), None) => (
                whole.clone(),
                format!(
                    "the source's {} is not in the translation",
                    shown(&u.source, s)
                ),
            ),
            (None, Some(a)) => (
                t.start + a.span.start..t.start + a.span.end,
                format!("{} is not in the source", shown(target, a)),
            ),
            (None, None) => unreachable!("i < max of both lengths"),
        };
        out.push(diag(NUMBER, Severity::Warning, span, msg));
    }
}

fn placeholder_check(doc: &Document, u: &BiUnit, t: &Range<usize>, out: &mut Vec<Diagnostic>) {
    let target = &doc.text[t.clone()];
    let whole = trimmed(doc, t);
    let flags: Vec<&str> = u.flags.iter().map(String::as_str).collect();
    let mut m = placeholders::compare(&u.source, target, &flags);
    // A plural form may follow either source of its entry.
    for alt in &u.source_alts {
        if m.is_empty() {
            break;
        }
        let other = placeholders::compare(alt, target, &flags);
        if other.is_empty() {
            m = other;
        }
    }
    let at = |p: &placeholders::Placeholder| t.start + p.span.start..t.start + p.span.end;
    // URLs and e-mail addresses are `bilingual/url-changed`'s.
    let counted = |p: &&placeholders::Placeholder| {
        !matches!(
            p.kind,
            placeholders::PhKind::Url | placeholders::PhKind::Email
        )
    };
    let missing: Vec<_> = m.missing.iter().filter(counted).collect();
    let added: Vec<_> = m.added.iter().filter(counted).collect();
    let mut renamed = 0;
    for (s, a) in missing.iter().zip(&added) {
        renamed += 1;
        out.push(diag(
            PLACEHOLDER,
            Severity::Error,
            at(a),
            format!("“{}” here, but the source has “{}”", a.text, s.text),
        ));
    }
    for s in &missing[renamed..] {
        out.push(diag(
            PLACEHOLDER,
            Severity::Error,
            whole.clone(),
            format!("the source's “{}” is not in the translation", s.text),
        ));
    }
    for a in &added[renamed..] {
        out.push(diag(
            PLACEHOLDER,
            Severity::Error,
            at(a),
            format!("“{}” is not in the source", a.text),
        ));
    }
    // One finding at the first specifier out of place.
    if let Some((s, tp)) = m.order.first() {
        out.push(diag(
            PLACEHOLDER,
            Severity::Error,
            at(tp),
            format!(
                "“{}” where the source has “{}”: positional placeholders are filled in order; use indexed ones (%1$s, %2$d) to reorder",
                tp.text, s.text
            ),
        ));
    }
    for p in &m.unbalanced {
        out.push(diag(
            PLACEHOLDER,
            Severity::Error,
            at(p),
            format!(
                "“{}” is not closed or not opened in the translation (it is in the source)",
                p.text
            ),
        ));
    }
    // XLIFF inline codes: the same ones on both sides.
    let key = |c: &crate::source::bitext::InlineCode| (c.kind.clone(), c.id.clone(), c.closing);
    let mut target_codes: Vec<_> = u.target_codes.iter().map(key).collect();
    for c in &u.source_codes {
        match target_codes.iter().position(|k| *k == key(c)) {
            Some(i) => {
                target_codes.remove(i);
            }
            None => out.push(diag(
                PLACEHOLDER,
                Severity::Error,
                whole.clone(),
                format!(
                    "the source's inline code <{}{}> is not in the translation",
                    c.kind,
                    c.id.as_ref()
                        .map_or(String::new(), |id| format!(" id=\"{id}\""))
                ),
            )),
        }
    }
    for (kind, id, _) in target_codes {
        out.push(diag(
            PLACEHOLDER,
            Severity::Error,
            whole.clone(),
            format!(
                "inline code <{kind}{}> is not in the source",
                id.map_or(String::new(), |id| format!(" id=\"{id}\""))
            ),
        ));
    }
}

fn url_check(doc: &Document, u: &BiUnit, t: &Range<usize>, out: &mut Vec<Diagnostic>) {
    if u.source_urls.is_empty() {
        return;
    }
    // The target's URLs: its URL placeholders, with the original bytes they stand for.
    let edits: Vec<_> = doc
        .edits
        .iter()
        .filter(|e| {
            e.kind == crate::source::offsets::EditKind::Url
                && e.text.start >= t.start
                && e.text.end <= t.end
        })
        .collect();
    let target_urls: Vec<String> = edits
        .iter()
        .map(|e| unescape_url(&doc.original[e.orig.clone()]))
        .collect();
    let mut unmatched: Vec<usize> = (0..target_urls.len()).collect();
    let mut missing = Vec::new();
    for s in &u.source_urls {
        let s = unescape_url(s);
        match unmatched.iter().position(|&i| target_urls[i] == s) {
            Some(k) => {
                unmatched.remove(k);
            }
            None => missing.push(s),
        }
    }
    for (k, m) in missing.iter().enumerate() {
        let (span, msg) = match unmatched.get(k) {
            Some(&i) => (
                edits[i].text.clone(),
                format!("the source has {m}, the translation {}", target_urls[i]),
            ),
            None => (
                trimmed(doc, t),
                format!("the source's {m} is not in the translation"),
            ),
        };
        out.push(diag(URL, Severity::Warning, span, msg));
    }
}

/// A URL as written in the file, as text: XML entities decoded; PO escapes decoded and the
/// joints between continuation strings (`"⏎"`) removed.
fn unescape_url(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '"' {
            // A PO joint: quote, whitespace with a line break, quote.
            let after = rest[1..].trim_start();
            if rest[1..].len() != after.len() && after.starts_with('"') {
                rest = &after[1..];
                continue;
            }
        }
        if c == '\\' {
            if let Some(n) = rest[1..].chars().next() {
                out.push(n);
                rest = &rest[1 + n.len_utf8()..];
                continue;
            }
        }
        if c == '&' {
            let ent = [
                ("&amp;", '&'),
                ("&lt;", '<'),
                ("&gt;", '>'),
                ("&quot;", '"'),
                ("&apos;", '\''),
            ]
            .into_iter()
            .find(|(e, _)| rest.starts_with(e));
            if let Some((e, ch)) = ent {
                out.push(ch);
                rest = &rest[e.len()..];
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn form_check(
    doc: &Document,
    b: &Bilingual,
    u: &BiUnit,
    t: &Range<usize>,
    out: &mut Vec<Diagnostic>,
) {
    let source = u.source.as_str();
    let target = &doc.text[t.clone()];
    let whole = trimmed(doc, t);
    // End punctuation.
    let (se, te) = (form::end_class(source), form::end_class(target));
    if se != te && !(se == Some(',') || te == Some(',')) {
        let last = doc.text[whole.clone()]
            .char_indices()
            .last()
            .map_or(whole.clone(), |(i, c)| {
                whole.start + i..whole.start + i + c.len_utf8()
            });
        let msg = match (se, te) {
            (Some(s), Some(t)) => format!("the source ends with “{s}”, the translation with “{t}”"),
            (Some(s), None) => {
                format!("the source ends with “{s}”, the translation without punctuation")
            }
            (None, Some(t)) => {
                format!("the translation ends with “{t}”, the source without punctuation")
            }
            (None, None) => unreachable!("different classes"),
        };
        out.push(diag(END_PUNCT, Severity::Info, last, msg));
    }
    // Brackets.
    let (sb, tb) = (form::brackets(source), form::brackets(target));
    let balanced = |n: [usize; 4]| n[0] == n[1] && n[2] == n[3];
    if (sb[0] > tb[0] && sb[1] > tb[1]) || (sb[2] > tb[2] && sb[3] > tb[3]) {
        out.push(diag(
            BRACKETS,
            Severity::Info,
            whole.clone(),
            "a bracketed part of the source is not in the translation".into(),
        ));
    } else if balanced(sb) && !balanced(tb) {
        out.push(diag(
            BRACKETS,
            Severity::Info,
            whole.clone(),
            "the translation's brackets do not pair up (the source's do)".into(),
        ));
    }
    // Quotation marks.
    let (so, sc, ss) = form::quotes(source);
    let (to, tc, ts) = form::quotes(target);
    let source_quotes = (so > 0 && so == sc) || (ss > 0 && ss % 2 == 0);
    if source_quotes && to + tc + ts == 0 {
        out.push(diag(
            QUOTES,
            Severity::Info,
            whole.clone(),
            "the source quotes something; the translation has no quotation marks".into(),
        ));
    } else if so == sc && ss % 2 == 0 && (to != tc || ts % 2 == 1) {
        out.push(diag(
            QUOTES,
            Severity::Info,
            whole.clone(),
            "the translation's quotation marks do not pair up (the source's do)".into(),
        ));
    }
    // Case of the first letter (a translation starting with a placeholder, a number or a
    // brand name in lower case such as “iPhone” is left alone).
    let starts_plain = |s: &str| {
        let t = s.trim_start();
        let w = t.split_whitespace().next().unwrap_or("");
        t.chars().next().is_some_and(char::is_alphabetic)
            && !w.chars().skip(1).any(char::is_uppercase)
    };
    if starts_plain(source) && starts_plain(target) {
        if let (Some(sc), Some(tc)) = (form::first_case(source), form::first_case(target)) {
            if sc != tc {
                out.push(diag(
                    CASE,
                    Severity::Info,
                    whole.clone(),
                    format!(
                        "the source starts in {} case, the translation in {} case",
                        if sc { "upper" } else { "lower" },
                        if tc { "upper" } else { "lower" }
                    ),
                ));
            }
        }
    }
    // Leading/trailing whitespace (XLIFF and PO: an aligned line is trimmed). In XLIFF, an
    // edge with a line break is pretty-printing (insignificant without xml:space="preserve").
    if let Some(format) = b.format {
        let (sl, st) = form::edges(source);
        let (tl, tt) = form::edges(target);
        let layout = |a: &str, b: &str| {
            format == crate::source::bitext::Format::Xliff && (a.contains('\n') || b.contains('\n'))
        };
        let differs = |a: &str, b: &str| {
            !layout(a, b) && (a.contains('\n') != b.contains('\n') || a.is_empty() != b.is_empty())
        };
        if differs(sl, tl) || differs(st, tt) {
            let which = if differs(sl, tl) {
                "leading"
            } else {
                "trailing"
            };
            // The whitespace itself when the target has some, else the whole target.
            let span = if differs(sl, tl) {
                t.start..whole.start
            } else {
                whole.end..t.end
            };
            let span = if span.is_empty() { whole.clone() } else { span };
            out.push(diag(
                WHITESPACE,
                Severity::Warning,
                span,
                format!("{which} whitespace differs from the source's"),
            ));
        }
    }
}

/// A looser key: letters only, lower case (sources that differ only in case, punctuation and
/// numbers are "the same" for `bilingual/same-translation`).
fn loose(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

fn consistency(doc: &Document, units: &[BiUnit], out: &mut Vec<Diagnostic>) {
    // PO entries with a message context are told apart by it: compare those without one.
    let keyed = |u: &BiUnit| !u.id.contains('\u{4}');
    let mut by_source: HashMap<(String, Option<usize>), (&BiUnit, String)> = HashMap::new();
    let mut by_target: HashMap<String, &BiUnit> = HashMap::new();
    for u in units.iter().filter(|u| keyed(u)) {
        let Some(t) = &u.target else { continue };
        let target = norm(&doc.text[t.clone()]);
        let source = norm(&u.source);
        if target.is_empty() || source.is_empty() || u.fuzzy {
            continue;
        }
        match by_source.get(&(source.clone(), u.plural)) {
            Some((first, first_target)) if *first_target != target => {
                let ft = first.target.as_ref().expect("has a target");
                out.push(
                    diag(
                        INCONSISTENT,
                        Severity::Warning,
                        trimmed(doc, t),
                        format!(
                            "{} is translated as {} here and as {} before",
                            q(&source),
                            q(&target),
                            q(first_target)
                        ),
                    )
                    .related(trimmed(doc, ft), "first translated here"),
                );
            }
            Some(_) => {}
            None => {
                by_source.insert((source.clone(), u.plural), (u, target.clone()));
            }
        }
        // Different sources, one translation.
        let long = source.split_whitespace().count() >= 3
            || (form::is_cjk(&source) && source.chars().count() >= 8);
        if !long {
            continue;
        }
        match by_target.get(&target) {
            Some(first) if loose(&first.source) != loose(&source) => {
                let ft = first.target.as_ref().expect("has a target");
                out.push(
                    diag(
                        SAME,
                        Severity::Info,
                        trimmed(doc, t),
                        format!(
                            "the same translation as the different source {}",
                            q(&first.source)
                        ),
                    )
                    .related(trimmed(doc, ft), "the same translation here"),
                );
            }
            Some(_) => {}
            None => {
                by_target.insert(target, u);
            }
        }
    }
}

fn length_ratio(doc: &Document, units: &[BiUnit], out: &mut Vec<Diagnostic>) {
    let pairs: Vec<(&BiUnit, &Range<usize>, f64, usize, usize)> = units
        .iter()
        .filter_map(|u| {
            let t = u.target.as_ref()?;
            let sl = form::visible_len(&u.source);
            let tl = form::visible_len(&doc.text[t.clone()]);
            (sl >= 10 && tl > 0).then(|| (u, t, tl as f64 / sl as f64, sl, tl))
        })
        .collect();
    if pairs.len() < 10 {
        return;
    }
    // Median ratio per script of the source (CJK sources are far shorter).
    for cjk in [false, true] {
        let group: Vec<_> = pairs
            .iter()
            .filter(|p| form::is_cjk(&p.0.source) == cjk)
            .collect();
        if group.len() < 10 {
            continue;
        }
        let mut ratios: Vec<f64> = group.iter().map(|p| p.2).collect();
        ratios.sort_by(|a, b| a.total_cmp(b));
        let median = ratios[ratios.len() / 2];
        for (_, t, r, sl, tl) in group {
            let expected = *sl as f64 * median;
            let off = (expected - *tl as f64).abs();
            if (*r < median / 3.0 || *r > median * 3.0) && off >= 20.0 {
                let (what, how) = if *r < median {
                    ("short", "a part of the source may be missing")
                } else {
                    ("long", "something may have been added")
                };
                out.push(diag(
                    LENGTH,
                    Severity::Info,
                    trimmed(doc, t),
                    format!(
                        "the translation is {tl} characters, about {:.0} expected for this source: too {what}, {how}",
                        expected
                    ),
                ));
            }
        }
    }
}
