//! ## What it does
//! Flags "a" before a vowel sound and "an" before a consonant sound: "a invasion" → "an
//! invasion", "an book" → "a book".
//!
//! The choice follows pronunciation, not spelling:
//! - vowel letters with a consonant sound take "a": "a university", "a European", "a
//!   one-off", "a Ukrainian", "a useful", "a Uighur";
//! - a silent h takes "an": "an hour", "an honest", "an heir", "an honour". Before other
//!   h-words "a" is expected but "an" is not flagged ("an historic" is old but accepted);
//!   "herb" is left alone (an in US, a in UK English);
//! - acronyms read letter by letter go by the first letter's name: "an MP", "an FBI agent",
//!   "an NGO", "a US official", "a UN resolution", "an OSCE meeting", "an x-ray"; acronyms read
//!   as words go by the word: "a NATO member", "an OPEC state", "a UNESCO site". Longer
//!   acronyms with vowels not in the built-in list are skipped (the reading is unknown), and
//!   so are acronyms read both ways ("a/an FAQ", "a/an SQL", "a/an URL") and currency or unit
//!   codes before a number ("a RMB 4,500 subsidy");
//! - numbers go by their spoken form: "an 8-year-old", "an 11-day", "an 18th-century", "an
//!   1890s", "an 80%", "a 1990s", "a 100-day", "a 110-metre";
//! - letters before digits are spelled out: "a u16", "an x86", "an MP3"; a word starting with
//!   two consonants no English word starts with ("rpath") is skipped.
//!
//! Not flagged: a capital "A" inside a sentence and "a" after words such as "vitamin",
//! "type", "plan" or "grade" (a letter, not the article: "Plan A is"), a capital "An" inside a
//! sentence (a name), and "a"/"an" before a function word ("a and b").
//!
//! ## Why is this bad?
//! A wrong article is a plain grammar error, frequent in MT output that edits a noun phrase
//! ("a attack" → "a invasion") without revisiting the article.
//!
//! ## Example
//! ```text
//! It could be used as a cover for a invasion from the north.
//! ```
//! Use instead: `... a cover for an invasion from the north.`
//!
//! ## Fix safety
//! Safe: only the article changes, in the same case.

use super::{Check, Context, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, FixSafety, Severity};
use crate::document::Document;
use crate::text::TokenKind;

/// What the next word wants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wants {
    A,
    An,
    /// Either is acceptable, or the reading is unknown.
    Either,
}

/// Vowel-letter starts read with a consonant sound ("a university").
const CONSONANT_SOUND: &[&str] = &[
    "eu", "ewe", "uni", "unan", "use", "usu", "usa", "usur", "uti", "ute", "uto", "uta", "ure",
    "uri", "ura", "uro", "uru", "uk", "uga", "ubiq", "uig", "uyg", "uvu", "oui",
];

/// Exceptions to [`CONSONANT_SOUND`]: "un-" words ("an uninformed", "an unimportant").
const UN_PREFIX: &[&str] = &["unin", "unim", "unid"];

/// Consonant pairs that start English words ("bl", "str", ...).
const ONSETS: &[&str] = &[
    "bl", "br", "ch", "cl", "cr", "cz", "dr", "dw", "fl", "fr", "gh", "gl", "gn", "gr", "kh", "kl",
    "kn", "kr", "kw", "ph", "pl", "pn", "pr", "ps", "pt", "rh", "sc", "sh", "sk", "sl", "sm", "sn",
    "sp", "sq", "st", "sv", "sw", "th", "tr", "ts", "tw", "vl", "wh", "wr", "zh", "zl",
];

/// Silent h: "an hour".
const SILENT_H: &[&str] = &["hour", "honest", "honor", "honour", "heir", "hors"];

/// Acronyms read as words, and whether they take "an".
const WORD_ACRONYMS: &[(&str, bool)] = &[
    ("NATO", false),
    ("NASA", false),
    ("NAFTA", false),
    ("UNESCO", false),
    ("UNICEF", false),
    ("UEFA", false),
    ("FIFA", false),
    ("SARS", false),
    ("MERS", false),
    ("COVID", false),
    ("OPEC", true),
    ("ASEAN", true),
    ("AIDS", true),
    ("ISIS", true),
    ("IKEA", true),
    ("EFTA", true),
    ("ECOWAS", true),
    ("ESA", true),
    ("OECD", true),
    ("OSCE", true),
    ("SWIFT", false),
    ("LIDAR", false),
    ("RADAR", false),
    ("NIMBY", false),
    ("CERN", false),
    ("MERCOSUR", false),
    ("INTERPOL", true),
    ("EUROPOL", false),
    ("UNIFIL", false),
    ("UNAIDS", false),
    ("WHO", false),
    ("SIM", false),
    ("PIN", false),
    ("RAM", false),
    ("ROM", false),
];

/// Acronyms read both as letters and as a word, with different articles ("a/an FAQ", "a/an
/// SQL", "a/an URL"): either article is accepted.
const AMBIGUOUS_ACRONYMS: &[&str] = &[
    "FAQ", "SQL", "URL", "ULP", "LED", "SAT", "LAN", "NAS", "MAC", "SAML",
];

/// Words after which a lone "a" is a letter, not the article.
const LETTER_CONTEXT: &[&str] = &[
    "vitamin", "type", "grade", "class", "plan", "option", "point", "section", "group", "part",
    "exhibit", "appendix", "category", "letter", "size", "version", "model", "series", "tier",
    "league", "division", "schedule", "annex", "list", "row", "column", "block", "level",
];

/// Words an article never precedes: "a" before them is a letter or a variable.
const NOT_AFTER_ARTICLE: &[&str] = &[
    "and", "or", "of", "to", "in", "on", "at", "is", "are", "was", "were", "be", "the", "a", "an",
    "if", "it", "its", "by", "for", "with", "as", "from", "that", "this", "not", "nor", "but",
];

/// Letter names starting with a vowel sound: A E F H I L M N O R S X.
fn letter_wants(c: char) -> Wants {
    if "AEFHILMNORSX".contains(c.to_ascii_uppercase()) {
        Wants::An
    } else {
        Wants::A
    }
}

/// A number's spoken form: "an 8", "an 11", "an 18", "an 1890", "an 11,000", "a 110", "a 1990".
fn number_wants(digits_with_commas: &str) -> Wants {
    let int_part = digits_with_commas.split('.').next().unwrap_or("");
    let first_group = int_part.split(',').next().unwrap_or("");
    let digits: String = int_part.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return Wants::Either;
    }
    if digits.starts_with('8') {
        return Wants::An;
    }
    if digits.starts_with("11") || digits.starts_with("18") {
        let grouped = int_part.contains(',') && first_group.len() == 2;
        let n = digits.len();
        if grouped || (!int_part.contains(',') && (n % 3 == 2 || n == 4)) {
            return Wants::An;
        }
    }
    Wants::A
}

/// Base letter of an accented Latin vowel ("É" → 'e').
fn base_letter(c: char) -> char {
    match c.to_lowercase().next().unwrap_or(c) {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        l => l,
    }
}

/// Which article the word (a token's text) wants.
pub fn wants(word: &str) -> Wants {
    let Some(first) = word.chars().next() else {
        return Wants::Either;
    };
    if first.is_ascii_digit() {
        let num: String = word
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
            .collect();
        return number_wants(num.trim_end_matches([',', '.']));
    }
    let head = word.split(['-', '‐', '‑']).next().unwrap_or(word);
    let head = head.split(['’', '\'']).next().unwrap_or(head);
    // Letters then digits ("u16", "x86", "mp3", "H264"): the letters are spelled out.
    if let Some(d) = head.find(|c: char| c.is_ascii_digit()) {
        return if d <= 3 && first.is_ascii_alphabetic() {
            letter_wants(first)
        } else {
            Wants::Either
        };
    }
    let letters = head.chars().count();
    if letters == 1 {
        return if first.is_ascii_alphabetic() {
            letter_wants(first)
        } else {
            Wants::Either
        };
    }
    // Acronyms: all capitals (a plural "s" allowed: "NGOs").
    let core = head
        .strip_suffix('s')
        .filter(|c| c.chars().count() >= 2)
        .unwrap_or(head);
    if core.chars().all(|c| c.is_ascii_uppercase()) {
        if AMBIGUOUS_ACRONYMS.contains(&core) {
            return Wants::Either;
        }
        if let Some(&(_, an)) = WORD_ACRONYMS.iter().find(|(a, _)| *a == core) {
            return if an { Wants::An } else { Wants::A };
        }
        let has_vowel = core.chars().any(|c| "AEIOU".contains(c));
        if core.len() <= 3 || !has_vowel {
            return letter_wants(first);
        }
        return Wants::Either;
    }
    if !first.is_alphabetic() {
        return Wants::Either;
    }
    let lw = head.to_lowercase();
    let b = base_letter(first);
    if !b.is_ascii_alphabetic() {
        return Wants::Either;
    }
    if b == 'h' {
        if SILENT_H.iter().any(|p| lw.starts_with(p)) {
            return Wants::An;
        }
        if lw.starts_with("herb") {
            return Wants::Either;
        }
        return Wants::A;
    }
    if lw == "one" || lw == "ones" || lw == "once" {
        return Wants::A;
    }
    // Two consonants no English word starts with ("rpath", "ls"): read as letters, or a name.
    let onset: String = lw.chars().take(2).collect();
    if onset.len() == 2
        && onset
            .chars()
            .all(|c| c.is_ascii_alphabetic() && !"aeiouy".contains(c))
        && !ONSETS.contains(&onset.as_str())
    {
        return Wants::Either;
    }
    if "aeiou".contains(b) {
        if UN_PREFIX.iter().any(|p| lw.starts_with(p)) {
            return Wants::An;
        }
        if CONSONANT_SOUND.iter().any(|p| lw.starts_with(p)) {
            return Wants::A;
        }
        return Wants::An;
    }
    Wants::A
}

pub struct Article {
    meta: RuleMeta,
}

impl Default for Article {
    fn default() -> Self {
        let meta = RuleMeta::builtin(
            "grammar/a-an",
            Category::Grammar,
            Severity::Warning,
            FixSafety::Safe,
            "“a” before a vowel sound or “an” before a consonant sound",
        )
        .describe(
            "Flags \"a\" before a word that starts with a vowel sound and \"an\" before a consonant \
             sound, by pronunciation: \"a university\", \"a one-off\", \"an hour\", \"an MP\", \"an \
             FBI agent\", \"a US official\", \"an 8-year-old\", \"a 1990s\" are correct. \"an\" before \
             an h-word other than hour/honest/honour/heir is accepted (\"an historic\").",
        )
        .example("It could be used as a cover for [a] invasion from the north.", Some("an"))
        .example("She wrote [an] book about it.", Some("a"))
        .example("[An] university study.", Some("A"))
        .example("They hired [a] FBI agent.", Some("an"))
        .counter("A university, a European, a one-off and a Ukrainian official.")
        .counter("An hour, an honest man, an heir and an MP.")
        .counter("An FBI agent, a US official, an NGO and a UN resolution.")
        .counter("An 8-year-old, an 11-day trip, a 1990s song and a 100-day plan.")
        .counter("A NATO member, an OPEC state, a historic day and an historic day.")
        .counter("Plan A is better than vitamin A or type A.")
        .counter("An uninformed choice and a useful one.")
        .counter("They receive a RMB 4,500 subsidy.");
        Article { meta }
    }
}

impl Check for Article {
    fn rules(&self) -> Vec<RuleMeta> {
        vec![self.meta.clone()]
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let text = doc.text.as_str();
        for s in &doc.sentences {
            let toks = doc.sentence_tokens(s);
            for k in 0..toks.len().saturating_sub(1) {
                let (art, next) = (&toks[k], &toks[k + 1]);
                let a = art.text(text);
                let is_an = match a {
                    "a" | "A" => false,
                    "an" | "An" | "AN" => true,
                    _ => continue,
                };
                // A capital "A"/"An" inside a sentence is a letter or a name.
                if k > 0 && (a == "A" || a == "An") {
                    continue;
                }
                if !next.space_before || !matches!(next.kind, TokenKind::Word | TokenKind::Number) {
                    continue;
                }
                if k > 0 {
                    let prev = toks[k - 1].text(text).to_lowercase();
                    if LETTER_CONTEXT.contains(&prev.as_str()) {
                        continue;
                    }
                }
                let w = next.text(text);
                if NOT_AFTER_ARTICLE.contains(&w.to_lowercase().as_str()) {
                    continue;
                }
                // A currency or unit code before a number is read as a word: "a RMB 4,500 subsidy".
                let code_before_number = w.chars().all(|c| c.is_ascii_uppercase())
                    && toks.get(k + 2).is_some_and(|t| t.kind == TokenKind::Number);
                if code_before_number {
                    continue;
                }
                let want = wants(w);
                // "an historic", "an hotel": old-fashioned but accepted.
                if is_an && want == Wants::A && w.starts_with('h') {
                    continue;
                }
                let (bad, fixed) = match (want, is_an) {
                    (Wants::An, false) => (true, if a == "A" { "An" } else { "an" }),
                    (Wants::A, true) => (true, if a == "an" { "a" } else { "A" }),
                    _ => (false, ""),
                };
                if !bad {
                    continue;
                }
                let why = if want == Wants::An {
                    "a vowel sound"
                } else {
                    "a consonant sound"
                };
                out.push(
                    self.meta
                        .diag(
                            art.span.clone(),
                            format!("use “{fixed}” before “{w}”, which starts with {why}"),
                        )
                        .suggest(fixed, FixSafety::Safe),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::util::testing::{assert_examples, found, hit};

    const ID: &str = "grammar/a-an";

    #[test]
    fn examples_and_counter_examples() {
        assert_examples(&Article::default());
    }

    #[test]
    fn seed_a_invasion() {
        let c = Article::default();
        assert_eq!(
            found(
                &c,
                "The West fears it could be used by Moscow as a cover for a invasion from north."
            ),
            [hit(ID, "a", Some("an"))]
        );
    }

    #[test]
    fn pronunciation_table() {
        use Wants::*;
        let cases = [
            ("university", A),
            ("European", A),
            ("one-off", A),
            ("once-great", A),
            ("hour", An),
            ("honest", An),
            ("heir", An),
            ("historic", A),
            ("herb", Either),
            ("MP", An),
            ("FBI", An),
            ("US", A),
            ("NGO", An),
            ("NGOs", An),
            ("UN", A),
            ("NATO", A),
            ("OPEC", An),
            ("UNESCO", A),
            ("8-year-old", An),
            ("11-day", An),
            ("18th", An),
            ("1890s", An),
            ("1990s", A),
            ("100-day", A),
            ("110", A),
            ("11,000", An),
            ("80", An),
            ("1", A),
            ("x-ray", An),
            ("T-shirt", A),
            ("U-turn", A),
            ("invasion", An),
            ("book", A),
            ("uninformed", An),
            ("unanimous", A),
            ("Uber", An),
            ("Ukrainian", A),
            ("urban", An),
            ("utter", An),
            ("utility", A),
            ("Élysée", An),
            ("onerous", An),
            ("year", A),
            ("u16", A),
            ("x86", An),
            ("mp3", An),
            ("rpath", Either),
            ("street", A),
            ("BBC", A),
            ("ABCD", Either),
            ("OECD", An),
            ("EMEA", Either),
            ("Москва", Either),
        ];
        for (w, want) in cases {
            assert_eq!(wants(w), want, "{w}");
        }
    }

    #[test]
    fn flags_and_fixes_in_case() {
        let c = Article::default();
        assert_eq!(found(&c, "An book."), [hit(ID, "An", Some("A"))]);
        assert_eq!(
            found(&c, "It was an US decision."),
            [hit(ID, "an", Some("a"))]
        );
        assert_eq!(
            found(&c, "It took a hour and an one-off fee."),
            [hit(ID, "a", Some("an")), hit(ID, "an", Some("a"))]
        );
        assert_eq!(
            found(&c, "He met an U.S. envoy."),
            [hit(ID, "an", Some("a"))]
        );
    }

    #[test]
    fn letters_names_and_non_articles() {
        let c = Article::default();
        for ok in [
            "Choose between a and b.",
            "The An Najaf shrine.",
            "Vitamin A is good.",
            "A is for apple.",
            "An “important” day.",
            "a\u{FFFC} placeholder.",
        ] {
            assert!(found(&c, ok).is_empty(), "{ok}");
        }
    }
}
