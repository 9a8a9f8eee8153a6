//! ## What it does
//! Finds characters that look right but are not:
//!
//! - `unicode/invisible-character`: zero-width space, zero-width (non-)joiner, word joiner,
//!   soft hyphen, a byte-order mark inside the text, left-to-right/right-to-left marks and
//!   bidirectional embedding/override/isolate controls (U+202A–202E, U+2066–2069). A run of
//!   them is one diagnostic. Left alone where a script needs them: a zero-width (non-)joiner
//!   next to a letter of a non-European script (Persian, Indic, ...) or inside an emoji
//!   sequence, and direction marks and controls in a paragraph that contains right-to-left
//!   letters (Arabic, Hebrew).
//! - `unicode/mixed-script`: a word mixing Latin letters with Cyrillic or Greek look-alikes,
//!   "Moscоw" with a Cyrillic о. Only when every letter of the minority script has a Latin
//!   (or Cyrillic) twin, so "β-blocker", "μm" and "α-helix" are fine (parts separated by a
//!   hyphen are judged separately, and letters such as μ or β have no twin).
//! - `unicode/foreign-script`: a word in another script (Cyrillic, Greek, Chinese, Japanese,
//!   Korean, Arabic, Hebrew, Thai, Devanagari, ...) inside an English paragraph: text left
//!   untranslated. Not flagged: paragraphs mostly in that script (a quoted original), text in
//!   parentheses (the original form after a translation: "Kyiv (Київ)"), a foreign word in
//!   quotation marks or introduced as a word (a mention: the Hindi word “नमस्ते”, "the
//!   Russian word мир means peace"), and one or two Greek letters (maths: "α", "π r²").
//! - `unicode/not-nfc`: a word not in Unicode Normalization Form C (a decomposed "é" written
//!   as "e" + combining accent). mtlint checks the NFC form; the diagnostic points at the
//!   original bytes.
//!
//! ## Why is this bad?
//! Invisible characters and homoglyphs break search, spell checking and copy-paste, and can
//! hide content (bidi "Trojan source" tricks). Untranslated words are an MT failure. Text not
//! in NFC compares unequal to the same text typed normally.
//!
//! ## Example
//! ```text
//! Talks in Mosc<U+043E>w and in Geneva<U+200B>.
//! ```
//! Use instead: `Talks in Moscow and in Geneva.`
//!
//! ## Fix safety
//! Invisible characters and NFC: safe (delete; replace by the NFC form). Mixed script: unsafe
//! (the intended script is a guess). Foreign script: no fix (it needs a translation).

use super::{Check, Context, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, FixSafety, Severity};
use crate::document::Document;
use crate::source::offsets::EditKind;
use crate::text::TokenKind;
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    Latin,
    Greek,
    Cyrillic,
    Armenian,
    Hebrew,
    Arabic,
    Indic,
    Thai,
    Georgian,
    Hangul,
    Kana,
    Han,
    /// Other letters (Ethiopic, Mongolian, ...).
    OtherLetter,
    /// Not a letter, or a letter used everywhere (µ, ª).
    Common,
}

impl Script {
    fn name(self) -> &'static str {
        match self {
            Script::Latin => "Latin",
            Script::Greek => "Greek",
            Script::Cyrillic => "Cyrillic",
            Script::Armenian => "Armenian",
            Script::Hebrew => "Hebrew",
            Script::Arabic => "Arabic",
            Script::Indic => "Indic",
            Script::Thai => "Thai",
            Script::Georgian => "Georgian",
            Script::Hangul => "Korean",
            Script::Kana => "Japanese",
            Script::Han => "Chinese",
            Script::OtherLetter => "non-Latin",
            Script::Common => "common",
        }
    }

    fn is_rtl(self) -> bool {
        matches!(self, Script::Hebrew | Script::Arabic)
    }
}

/// The script of a character (letters only; everything else is `Common`).
pub fn script(c: char) -> Script {
    if !c.is_alphabetic() {
        return Script::Common;
    }
    match c as u32 {
        0x41..=0x5A | 0x61..=0x7A => Script::Latin,
        0xAA | 0xB5 | 0xBA => Script::Common,
        0xC0..=0x24F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF | 0xAB30..=0xAB6F => {
            Script::Latin
        }
        0xFF21..=0xFF3A | 0xFF41..=0xFF5A => Script::Latin,
        0x250..=0x2FF | 0x1D00..=0x1DBF => Script::Latin,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x530..=0x58F => Script::Armenian,
        0x590..=0x5FF | 0xFB1D..=0xFB4F => Script::Hebrew,
        0x600..=0x6FF | 0x750..=0x77F | 0x8A0..=0x8FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFC => {
            Script::Arabic
        }
        0x900..=0xDFF => Script::Indic,
        0xE00..=0xE7F => Script::Thai,
        0x10A0..=0x10FF => Script::Georgian,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Hangul,
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Script::Kana,
        0x2E80..=0x2FDF
        | 0x3005..=0x3007
        | 0x3021..=0x3029
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF => Script::Han,
        0x20000..=0x3FFFF => Script::Han,
        _ => Script::OtherLetter,
    }
}

/// Cyrillic and Greek letters that look like Latin ones: (look-alike, Latin).
const HOMOGLYPHS: &[(char, char)] = &[
    ('а', 'a'),
    ('е', 'e'),
    ('о', 'o'),
    ('р', 'p'),
    ('с', 'c'),
    ('у', 'y'),
    ('х', 'x'),
    ('ѕ', 's'),
    ('і', 'i'),
    ('ј', 'j'),
    ('ԁ', 'd'),
    ('ԛ', 'q'),
    ('ԝ', 'w'),
    ('һ', 'h'),
    ('ӏ', 'l'),
    ('А', 'A'),
    ('В', 'B'),
    ('Е', 'E'),
    ('К', 'K'),
    ('М', 'M'),
    ('Н', 'H'),
    ('О', 'O'),
    ('Р', 'P'),
    ('С', 'C'),
    ('Т', 'T'),
    ('Х', 'X'),
    ('У', 'Y'),
    ('Ѕ', 'S'),
    ('І', 'I'),
    ('Ј', 'J'),
    ('Ԛ', 'Q'),
    ('Ԝ', 'W'),
    ('ο', 'o'),
    ('ν', 'v'),
    ('Α', 'A'),
    ('Β', 'B'),
    ('Ε', 'E'),
    ('Ζ', 'Z'),
    ('Η', 'H'),
    ('Ι', 'I'),
    ('Κ', 'K'),
    ('Μ', 'M'),
    ('Ν', 'N'),
    ('Ο', 'O'),
    ('Ρ', 'P'),
    ('Τ', 'T'),
    ('Υ', 'Y'),
    ('Χ', 'X'),
];

fn to_latin(c: char) -> Option<char> {
    HOMOGLYPHS.iter().find(|(g, _)| *g == c).map(|(_, l)| *l)
}

/// The Cyrillic twin of a Latin letter (for a Cyrillic word with a Latin intruder).
fn to_cyrillic(c: char) -> Option<char> {
    HOMOGLYPHS
        .iter()
        .find(|(g, l)| *l == c && script(*g) == Script::Cyrillic)
        .map(|(g, _)| *g)
}

/// The name of an invisible character, if `c` is one this check reports.
fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{200B}' => "zero-width space",
        '\u{200C}' => "zero-width non-joiner",
        '\u{200D}' => "zero-width joiner",
        '\u{2060}' => "word joiner",
        '\u{FEFF}' => "byte-order mark (zero-width no-break space)",
        '\u{00AD}' => "soft hyphen",
        '\u{200E}' => "left-to-right mark",
        '\u{200F}' => "right-to-left mark",
        '\u{180E}' => "Mongolian vowel separator",
        '\u{2061}'..='\u{2064}' => "invisible operator",
        '\u{202A}' => "left-to-right embedding",
        '\u{202B}' => "right-to-left embedding",
        '\u{202C}' => "pop directional formatting",
        '\u{202D}' => "left-to-right override",
        '\u{202E}' => "right-to-left override",
        '\u{2066}' => "left-to-right isolate",
        '\u{2067}' => "right-to-left isolate",
        '\u{2068}' => "first strong isolate",
        '\u{2069}' => "pop directional isolate",
        _ => return None,
    })
}

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Emoji and pictographs (a ZWJ between them builds one emoji).
fn is_pictograph(c: char) -> bool {
    matches!(c as u32, 0x2190..=0x2BFF | 0x1F000..=0x1FAFF | 0xFE0F | 0xE0020..=0xE007F)
}

/// A letter of a script that needs joiners (not Latin, Greek or Cyrillic).
fn needs_joiners(c: char) -> bool {
    !matches!(
        script(c),
        Script::Latin | Script::Greek | Script::Cyrillic | Script::Common
    )
}

/// Words before a foreign word that mention it rather than use it ("the word мир").
const MENTION_BEFORE: &[&str] = &[
    "word",
    "words",
    "term",
    "terms",
    "phrase",
    "character",
    "characters",
    "name",
    "expression",
    "letter",
    "letters",
    "spelled",
    "written",
    "called",
    "named",
    "titled",
    "slogan",
    "motto",
    "reads",
    "read",
    "script",
    "syllable",
    "glyph",
];

/// Words after a foreign word that mention it ("мир means peace").
const MENTION_AFTER: &[&str] = &[
    "means",
    "meaning",
    "meant",
    "literally",
    "translates",
    "stands",
];

pub struct Unicode {
    invisible: RuleMeta,
    mixed: RuleMeta,
    foreign: RuleMeta,
    nfc: RuleMeta,
}

impl Default for Unicode {
    fn default() -> Self {
        let invisible = RuleMeta::builtin(
            "unicode/invisible-character",
            Category::Unicode,
            Severity::Warning,
            FixSafety::Safe,
            "invisible character in the text",
        )
        .describe(
            "Flags zero-width spaces and joiners, word joiners, soft hyphens, byte-order marks \
             inside the text, and bidirectional marks and controls. Joiners next to letters of \
             scripts that need them (Persian, Indic, ...) or inside emoji, and direction marks in \
             paragraphs with Arabic or Hebrew letters, are left alone. The fix deletes them.",
        )
        .example("Talks in Geneva[\u{200B}] ended.", Some(""))
        .example("The nego[\u{00AD}]tiations ended.", Some(""))
        .example("Price: [\u{202E}]001$.", Some(""))
        .counter("Talks in Geneva ended.")
        .counter("The family emoji 👨\u{200D}👩\u{200D}👧 is one glyph.")
        .counter("Persian می\u{200C}خواهم uses a non-joiner.");
        let mixed = RuleMeta::builtin(
            "unicode/mixed-script",
            Category::Unicode,
            Severity::Warning,
            FixSafety::Unsafe,
            "word mixing Latin and Cyrillic or Greek look-alike letters",
        )
        .describe(
            "Flags a word that mixes Latin letters with Cyrillic or Greek letters that look the \
             same (\"Moscоw\" with a Cyrillic о), suggesting the word in one script. Greek letters \
             without a Latin twin (μ, β, α) and hyphenated parts (\"β-blocker\") are left alone.",
        )
        .example("Talks in [Mosc\u{043E}w] ended.", Some("Moscow"))
        .example("Он сказал [М\u{006F}сква].", Some("Москва"))
        .counter("Talks in Moscow ended.")
        .counter("A β-blocker and 5 μm and the α-helix.")
        .counter("Он сказал: Москва.");
        let foreign = RuleMeta::builtin(
            "unicode/foreign-script",
            Category::Unicode,
            Severity::Warning,
            FixSafety::None,
            "word in another script inside an English sentence",
        )
        .describe(
            "Flags words in a non-Latin script (Cyrillic, Greek, Chinese, Japanese, Korean, Arabic, \
             Hebrew, ...) inside a paragraph that is mostly in Latin script: text the MT system \
             left untranslated. Paragraphs mostly in that script, text in parentheses (the \
             original after a translation) and one or two Greek letters (maths) are left alone.",
        )
        .example("The minister visited [北京] on Monday.", None)
        .example("He said [спасибо] and left.", None)
        .counter("The city of Kyiv (Київ) is the capital.")
        .counter("The Hindi word “नमस्ते” is written in Devanagari.")
        .counter("The Russian word мир means both peace and world.")
        .counter("The angle α is smaller than π.")
        .counter("Москва и Киев.")
        .counter("The minister visited Beijing on Monday.");
        let nfc = RuleMeta::builtin(
            "unicode/not-nfc",
            Category::Unicode,
            Severity::Info,
            FixSafety::Safe,
            "text not in Unicode normalization form C",
        )
        .describe(
            "Flags words written with decomposed characters (a letter followed by a combining \
             accent) instead of their composed (NFC) form. They look the same but compare, \
             search and spell-check differently. The fix writes the NFC form.",
        )
        .example("A [Cafe\u{0301}] in Paris.", Some("Café"))
        .counter("A Café in Paris.")
        .counter("A cafe in Paris.");
        Unicode {
            invisible,
            mixed,
            foreign,
            nfc,
        }
    }
}

impl Unicode {
    fn check_invisible(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        let text = doc.text.as_str();
        for b in &doc.blocks {
            let s = &text[b.span.clone()];
            let rtl = s.chars().any(|c| script(c).is_rtl());
            let chars: Vec<(usize, char)> = s.char_indices().collect();
            let mut i = 0;
            while i < chars.len() {
                let (off, c) = chars[i];
                let Some(name) = invisible_name(c) else {
                    i += 1;
                    continue;
                };
                // The run of invisible characters starting here.
                let mut j = i;
                while j < chars.len() && invisible_name(chars[j].1).is_some() {
                    j += 1;
                }
                let prev = i.checked_sub(1).map(|k| chars[k].1);
                let next = chars.get(j).map(|x| x.1);
                let run: Vec<char> = chars[i..j].iter().map(|x| x.1).collect();
                let joiners_only = run.iter().all(|c| matches!(c, '\u{200C}' | '\u{200D}'));
                let script_needs = prev.is_some_and(|p| needs_joiners(p) || is_pictograph(p))
                    || next.is_some_and(|n| needs_joiners(n) || is_pictograph(n));
                let bidi_ok = rtl
                    && run
                        .iter()
                        .all(|&c| is_bidi(c) || matches!(c, '\u{200C}' | '\u{200D}'));
                if !(joiners_only && script_needs || bidi_ok) {
                    let start = b.span.start + off;
                    let end = b.span.start + chars.get(j).map_or(s.len(), |x| x.0);
                    let msg = if run.len() == 1 {
                        format!("invisible character: {name} (U+{:04X})", c as u32)
                    } else {
                        let codes: Vec<String> =
                            run.iter().map(|c| format!("U+{:04X}", *c as u32)).collect();
                        format!("{} invisible characters ({})", run.len(), codes.join(", "))
                    };
                    out.push(
                        self.invisible
                            .diag(start..end, msg)
                            .suggest("", FixSafety::Safe),
                    );
                }
                i = j;
            }
        }
    }

    fn check_mixed(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        let text = doc.text.as_str();
        for t in doc.tokens.iter().filter(|t| t.kind == TokenKind::Word) {
            let w = t.text(text);
            if w.is_ascii() {
                continue;
            }
            // Judge each hyphen/apostrophe-separated part on its own.
            let mut part_start = 0;
            for (i, c) in w.char_indices().chain(std::iter::once((w.len(), '-'))) {
                if !matches!(c, '-' | '\'' | '’' | '\u{2011}') {
                    continue;
                }
                let part = &w[part_start..i];
                let abs = t.span.start + part_start;
                part_start = i + c.len_utf8();
                if let Some(fixed) = mixed_fix(part) {
                    out.push(
                        self.mixed
                            .diag(
                                abs..abs + part.len(),
                                format!(
                                    "“{part}” mixes Latin and {} letters that look alike",
                                    other_script(part)
                                ),
                            )
                            .suggest(fixed, FixSafety::Unsafe),
                    );
                }
            }
        }
    }

    fn check_foreign(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        let text = doc.text.as_str();
        for b in &doc.blocks {
            let s = &text[b.span.clone()];
            let (mut latin, mut other) = (0usize, 0usize);
            for c in s.chars() {
                match script(c) {
                    Script::Latin => latin += 1,
                    Script::Common => {}
                    _ => other += 1,
                }
            }
            if other == 0 || other > latin {
                continue;
            }
            // Runs of foreign words; parenthesised text is skipped.
            let mut depth = 0i32;
            let mut run: Option<(Range<usize>, Script)> = None;
            let flush = |run: &mut Option<(Range<usize>, Script)>, out: &mut Vec<Diagnostic>| {
                if let Some((r, sc)) = run.take() {
                    let letters = text[r.clone()]
                        .chars()
                        .filter(|c| c.is_alphabetic())
                        .count();
                    if sc == Script::Greek && letters <= 2 {
                        return;
                    }
                    // A quoted foreign word is mentioned, not left untranslated: the word “Здравствуйте”.
                    let before = super::util::char_before(text, r.start);
                    let after = super::util::char_at(text, r.end);
                    if matches!(
                        (before, after),
                        (Some('“'), Some('”'))
                            | (Some('"'), Some('"'))
                            | (Some('‘'), Some('’'))
                            | (Some('«'), Some('»'))
                    ) {
                        return;
                    }
                    // "The Russian word мир means ...": a mention too.
                    let before_word = super::util::word_before(text, r.start).to_lowercase();
                    let after_word = super::util::word_after(text, r.end).to_lowercase();
                    if MENTION_BEFORE.contains(&before_word.as_str())
                        || MENTION_AFTER.contains(&after_word.as_str())
                    {
                        return;
                    }
                    let msg = format!(
                        "{} text “{}” in an English sentence: left untranslated?",
                        sc.name(),
                        &text[r.clone()]
                    );
                    out.push(self.foreign.diag(r, msg));
                }
            };
            let sentences = &doc.sentences[b.sentences.clone()];
            for sent in sentences {
                for t in doc.sentence_tokens(sent) {
                    let w = t.text(text);
                    match (t.kind, w) {
                        (TokenKind::Punct, "(" | "（" | "[") => {
                            depth += 1;
                            flush(&mut run, out);
                            continue;
                        }
                        (TokenKind::Punct, ")" | "）" | "]") => {
                            depth = (depth - 1).max(0);
                            flush(&mut run, out);
                            continue;
                        }
                        _ => {}
                    }
                    let foreign = foreign_script(w);
                    // Combining signs of Indic and other scripts split a word into tokens ("नमस्ते").
                    if t.kind == TokenKind::Punct && !t.space_before {
                        if let Some((r, _)) = &mut run {
                            if r.end == t.span.start
                                && w.chars().all(|c| matches!(c as u32, 0x0590..=0x1CFF))
                            {
                                r.end = t.span.end;
                                continue;
                            }
                        }
                    }
                    match (foreign, &mut run) {
                        (Some(sc), Some((r, rsc))) if depth == 0 && sc == *rsc => r.end = t.span.end,
                        (Some(sc), _) if depth == 0 => {
                            flush(&mut run, out);
                            run = Some((t.span.clone(), sc));
                        }
                        // CJK punctuation and spaces do not end a run of CJK words.
                        (None, Some((_, rsc)))
                            if t.kind == TokenKind::Punct
                                && matches!(rsc, Script::Han | Script::Kana | Script::Hangul)
                                && w.chars().all(|c| matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20)) => {}
                        _ => flush(&mut run, out),
                    }
                }
                flush(&mut run, out);
            }
        }
    }

    fn check_nfc(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        // In the blocks only: the checked text of a bilingual file also holds the sources.
        let in_block = |r: &std::ops::Range<usize>| {
            let i = doc.blocks.partition_point(|b| b.span.start <= r.start);
            i > 0 && r.end <= doc.blocks[i - 1].span.end
        };
        for e in doc
            .edits
            .iter()
            .filter(|e| e.kind == EditKind::Nfc && in_block(&e.text))
        {
            let nfc = &doc.text[e.text.clone()];
            out.push(
                self.nfc
                    .diag(e.text.clone(), format!("“{nfc}” is not in Unicode NFC: it is written with combining characters"))
                    .suggest(nfc, FixSafety::Safe),
            );
        }
    }
}

/// The foreign script of a word token with no Latin letters, if any.
fn foreign_script(w: &str) -> Option<Script> {
    let mut found: Option<Script> = None;
    for c in w.chars() {
        match script(c) {
            Script::Latin => return None,
            Script::Common => {}
            sc => {
                if found.is_none() {
                    found = Some(sc);
                }
            }
        }
    }
    found
}

fn other_script(part: &str) -> &'static str {
    if part.chars().any(|c| script(c) == Script::Greek) {
        "Greek"
    } else {
        "Cyrillic"
    }
}

/// For a word part mixing Latin with Cyrillic/Greek look-alikes, the part in its majority script.
fn mixed_fix(part: &str) -> Option<String> {
    let latin = part.chars().filter(|&c| script(c) == Script::Latin).count();
    let other: Vec<char> = part
        .chars()
        .filter(|&c| matches!(script(c), Script::Cyrillic | Script::Greek))
        .collect();
    if latin == 0 || other.is_empty() {
        return None;
    }
    if latin > other.len() {
        // A Latin word with look-alike intruders.
        if other.iter().all(|&c| to_latin(c).is_some()) {
            return Some(part.chars().map(|c| to_latin(c).unwrap_or(c)).collect());
        }
    } else if latin < other.len() && other.iter().all(|&c| script(c) == Script::Cyrillic) {
        // A Cyrillic word with Latin intruders.
        let intruders_ok = part
            .chars()
            .filter(|&c| script(c) == Script::Latin)
            .all(|c| to_cyrillic(c).is_some());
        if intruders_ok {
            return Some(
                part.chars()
                    .map(|c| {
                        if script(c) == Script::Latin {
                            to_cyrillic(c).unwrap_or(c)
                        } else {
                            c
                        }
                    })
                    .collect(),
            );
        }
    }
    None
}

impl Check for Unicode {
    fn rules(&self) -> Vec<RuleMeta> {
        vec![
            self.invisible.clone(),
            self.mixed.clone(),
            self.foreign.clone(),
            self.nfc.clone(),
        ]
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        self.check_invisible(doc, out);
        self.check_mixed(doc, out);
        self.check_foreign(doc, out);
        self.check_nfc(doc, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::util::testing::{assert_examples, found, hit, run};

    const INV: &str = "unicode/invisible-character";
    const MIX: &str = "unicode/mixed-script";
    const FOR: &str = "unicode/foreign-script";
    const NFC: &str = "unicode/not-nfc";

    #[test]
    fn examples_and_counter_examples() {
        assert_examples(&Unicode::default());
    }

    #[test]
    fn invisible_runs_and_allowed_uses() {
        let c = Unicode::default();
        assert_eq!(
            found(&c, "a\u{200B}\u{2060}b c."),
            [hit(INV, "\u{200B}\u{2060}", Some(""))]
        );
        assert_eq!(
            found(&c, "Mid\u{FEFF}text."),
            [hit(INV, "\u{FEFF}", Some(""))]
        );
        // A ZWJ between Latin letters is flagged; between Devanagari letters it is not.
        assert_eq!(found(&c, "ab\u{200D}cd."), [hit(INV, "\u{200D}", Some(""))]);
        assert!(!found(&c, "The sign क्\u{200D}ष is written so.")
            .iter()
            .any(|h| h.0 == INV));
        // Direction marks in a paragraph with Hebrew letters are fine; without, flagged.
        assert!(!found(&c, "The word שלום\u{200F} means peace.")
            .iter()
            .any(|h| h.0 == INV));
        assert_eq!(
            found(&c, "Plain\u{200F} text."),
            [hit(INV, "\u{200F}", Some(""))]
        );
        // The Markdown inline-code placeholder is not invisible text.
        assert!(found(&c, "Run \u{FFFC} now.").is_empty());
    }

    #[test]
    fn mixed_script_words() {
        let c = Unicode::default();
        assert_eq!(
            found(&c, "In Mosc\u{043E}w."),
            [hit(MIX, "Mosc\u{043E}w", Some("Moscow"))]
        );
        // A Greek omicron in a Latin word.
        assert_eq!(
            found(&c, "The N\u{03BF}rth."),
            [hit(MIX, "N\u{03BF}rth", Some("North"))]
        );
        // Non-homoglyph Greek letters are deliberate.
        assert!(found(&c, "The μg dose and β2 receptors.").is_empty());
        // Only the mixed part of a hyphenated word.
        assert_eq!(
            found(&c, "A well-kn\u{043E}wn case."),
            [hit(MIX, "kn\u{043E}wn", Some("known"))]
        );
    }

    #[test]
    fn foreign_script_runs() {
        let c = Unicode::default();
        assert_eq!(
            found(&c, "The 中国 政府，官员 said so."),
            [hit(FOR, "中国 政府，官员", None)]
        );
        assert_eq!(
            found(
                &c,
                "He said спасибо большое to the hosts and left the room."
            ),
            [hit(FOR, "спасибо большое", None)]
        );
        assert!(found(&c, "Kyiv (Київ, officially) is big.").is_empty());
        assert_eq!(
            found(&c, "He greeted them with नमस्ते and sat down in the hall."),
            [hit(FOR, "नमस्ते", None)]
        );
        assert!(found(&c, "如果我们在宇宙中自由落体 English.").is_empty());
        assert!(found(&c, "The values αβγ and δ were large.").len() == 1);
        let ds = run(&c, "The 中国 government.");
        assert!(ds[0].message.contains("Chinese"), "{}", ds[0].message);
    }

    #[test]
    fn not_nfc_points_at_the_decomposed_word() {
        let c = Unicode::default();
        let t = "Caf\u{0065}\u{0301} and Cafe.";
        let doc = crate::document::Document::new(t, crate::source::SourceKind::Plain);
        let ds = run(&c, t);
        assert_eq!(ds.len(), 1);
        assert_eq!(ds[0].rule, NFC);
        assert_eq!(ds[0].suggestions, ["Café"]);
        assert_eq!(doc.map.range(ds[0].span.clone()), 0..6);
    }
}
