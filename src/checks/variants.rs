//! ## What it does
//! Finds two spellings of the same thing in one document:
//!
//! - `terminology/inconsistent-variant`: an outdated place name when the document also uses
//!   the current one (Kiev/Kyiv, Odessa/Odesa, Kharkov/Kharkiv, Peking/Beijing,
//!   Bombay/Mumbai, Burma/Myanmar, ... see [`NAMES`]); every occurrence of the old name is
//!   flagged and points at the first use of the current one. Fixed names keep the old form
//!   ("chicken Kiev", "Peking University", "Bombay Stock Exchange"), and so does a sentence
//!   that names both forms or talks about the renaming ("Bombay was renamed Mumbai in 1995",
//!   "formerly", "known as"). Also the project's own
//!   terminology (`[[terminology]]` in mtlint.toml: `preferred` and `variants`): a listed
//!   variant is flagged wherever it occurs, because the project chose the preferred term.
//! - `terminology/inconsistent-spelling`: -ise and -ize (and -yse/-yze) spellings of the same
//!   word family in one document ("organise" ... "organization"): the minority spelling is
//!   flagged (on a tie, the one used second). Capitalised words are skipped: names keep their
//!   own spelling ("World Health Organization" in British text).
//! - `punctuation/inconsistent-apostrophe`: straight (') and curly (’) apostrophes inside
//!   words of one document: the minority style is flagged.
//! - `punctuation/inconsistent-quotes`: straight (") and curly (“ ”) double quotes in one
//!   document: the minority style is flagged. A `"` right after a number standing on its own
//!   is an inch mark and not counted.
//!
//! Each diagnostic names where the other variant was first used (related span).
//!
//! ## Why is this bad?
//! MT systems translate segment by segment, so one document ends up with "Kiev" in one
//! paragraph and "Kyiv" in the next, or with curly and straight quotes mixed. Readers take
//! the inconsistency for carelessness (or for two different places).
//!
//! ## Example
//! ```text
//! Scholz travelled to Kyiv and Moscow. ... Kiev had requested a meeting.
//! ```
//! Use instead: `... Kyiv had requested a meeting.`
//!
//! ## Fix safety
//! Names and terms: unsafe (a quotation or a historical context may need the old name).
//! Spelling and apostrophes: safe. Quotes: unsafe (the direction of a curly quote is guessed
//! from the spacing around it).

use super::{Check, Context, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, FixSafety, Severity};
use crate::document::Document;
use crate::text::{tokens, Token, TokenKind};
use std::collections::HashMap;
use std::ops::Range;

/// A renamed place: the current name, older forms, and neighbouring words that make an old
/// form part of a fixed name ("Peking University", "chicken Kiev").
pub struct Renamed {
    pub current: &'static str,
    pub old: &'static [&'static str],
    pub fixed_after: &'static [&'static str],
    pub fixed_before: &'static [&'static str],
}

const fn renamed(
    current: &'static str,
    old: &'static [&'static str],
    fixed_after: &'static [&'static str],
    fixed_before: &'static [&'static str],
) -> Renamed {
    Renamed {
        current,
        old,
        fixed_after,
        fixed_before,
    }
}

pub const NAMES: &[Renamed] = &[
    renamed("Kyiv", &["Kiev"], &[], &["chicken", "Chicken"]),
    renamed("Odesa", &["Odessa"], &["Texas", "File", "Steps"], &[]),
    renamed("Lviv", &["Lvov"], &[], &[]),
    renamed("Kharkiv", &["Kharkov"], &[], &[]),
    renamed("Luhansk", &["Lugansk"], &[], &[]),
    renamed("Mykolaiv", &["Nikolaev", "Nikolayev"], &[], &[]),
    renamed("Zaporizhzhia", &["Zaporozhye", "Zaporozhe"], &[], &[]),
    renamed("Chernihiv", &["Chernigov"], &[], &[]),
    renamed("Zhytomyr", &["Zhitomir"], &[], &[]),
    renamed("Vinnytsia", &["Vinnitsa"], &[], &[]),
    renamed("Rivne", &["Rovno"], &[], &[]),
    renamed(
        "Beijing",
        &["Peking"],
        &[
            "University",
            "duck",
            "Duck",
            "Opera",
            "opera",
            "Man",
            "Union",
        ],
        &[],
    ),
    renamed(
        "Mumbai",
        &["Bombay"],
        &["Stock", "High", "Sapphire", "Dyeing", "Natural"],
        &[],
    ),
    renamed(
        "Kolkata",
        &["Calcutta"],
        &["Cup", "University", "High"],
        &[],
    ),
    renamed(
        "Chennai",
        &["Madras"],
        &["High", "Regiment", "University"],
        &[],
    ),
    renamed("Myanmar", &["Burma"], &["Road", "Star"], &[]),
    renamed("Yangon", &["Rangoon"], &[], &[]),
    renamed("Eswatini", &["Swaziland"], &[], &[]),
    renamed("Belarus", &["Byelorussia", "Belorussia"], &[], &[]),
    renamed("Kyrgyzstan", &["Kirghizia", "Kirgizia"], &[], &[]),
    renamed("Almaty", &["Alma-Ata"], &[], &[]),
    renamed("Ashgabat", &["Ashkhabad"], &[], &[]),
    renamed("Bengaluru", &["Bangalore"], &[], &[]),
    renamed("Sri Lanka", &["Ceylon"], &["tea", "Tea", "cinnamon"], &[]),
];

/// Word families spelled with -ise/-ize (root before "is"/"iz"), both spellings correct.
const ISE_ROOTS: &[&str] = &[
    "agon",
    "antagon",
    "apolog",
    "author",
    "bapt",
    "brutal",
    "capital",
    "categor",
    "central",
    "character",
    "civil",
    "colon",
    "commercial",
    "computer",
    "critic",
    "criminal",
    "crystall",
    "decentral",
    "democrat",
    "destabil",
    "digit",
    "dramat",
    "econom",
    "emphas",
    "energ",
    "equal",
    "familiar",
    "fantas",
    "fertil",
    "final",
    "formal",
    "general",
    "global",
    "harmon",
    "hospital",
    "human",
    "hypothes",
    "ideal",
    "immobil",
    "immun",
    "individual",
    "industrial",
    "institutional",
    "internal",
    "jeopard",
    "legal",
    "legitim",
    "liberal",
    "local",
    "marginal",
    "material",
    "maxim",
    "mechan",
    "memor",
    "militar",
    "minim",
    "mobil",
    "modern",
    "monopol",
    "moral",
    "national",
    "neutral",
    "normal",
    "optim",
    "organ",
    "patron",
    "penal",
    "personal",
    "polar",
    "popular",
    "priorit",
    "privat",
    "public",
    "radical",
    "random",
    "rational",
    "real",
    "recogn",
    "revital",
    "sanit",
    "scrutin",
    "sensit",
    "social",
    "special",
    "stabil",
    "standard",
    "steril",
    "stigmat",
    "subsid",
    "summar",
    "symbol",
    "sympath",
    "synchron",
    "terror",
    "theor",
    "trivial",
    "urban",
    "util",
    "vandal",
    "victim",
    "visual",
    "western",
];

/// Word families spelled with -yse/-yze (root before "ys"/"yz").
const YSE_ROOTS: &[&str] = &["anal", "paral", "catal", "dial", "electrol", "hydrol"];

/// Endings after the -is-/-iz- (-ys-/-yz-) part.
const ISE_ENDINGS: &[&str] = &[
    "e", "es", "ed", "ing", "er", "ers", "ation", "ations", "ational", "able",
];
const YSE_ENDINGS: &[&str] = &["e", "es", "ed", "ing", "er", "ers"];

pub struct Variants {
    names: RuleMeta,
    spelling: RuleMeta,
    apostrophe: RuleMeta,
    quotes: RuleMeta,
}

impl Default for Variants {
    fn default() -> Self {
        let names = RuleMeta::builtin(
            "terminology/inconsistent-variant",
            Category::Terminology,
            Severity::Warning,
            FixSafety::Unsafe,
            "old and new form of a name in one document, or a variant of a project term",
        )
        .describe(
            "Flags an outdated place name (Kiev, Odessa, Kharkov, Peking, Bombay, Burma, ...) when \
             the same document also uses the current name (Kyiv, Odesa, Kharkiv, Beijing, Mumbai, \
             Myanmar, ...), one diagnostic per occurrence of the old name, pointing at the first use \
             of the current one. Fixed names such as \"chicken Kiev\" or \"Peking University\" are \
             left alone. Variants listed in the project's [[terminology]] table are flagged \
             wherever they occur.",
        )
        .example("The Chancellor went to Kyiv. Later [Kiev] asked for a meeting.", Some("Kyiv"))
        .example("Flights to Mumbai resumed. [Bombay]’s airport reopened.", Some("Mumbai"))
        .counter("Kyiv and Moscow traded accusations. Kyiv said no.")
        .counter("The Kiev government protested in 1995.")
        .counter("He ordered chicken Kiev in a Kyiv restaurant.")
        .counter("She studied at Peking University before moving to Beijing.")
        .counter("The city of Bombay was officially renamed Mumbai in 1995.")
        .counter("Aung San Suu Kyi remains in detention in Burma, also known as Myanmar.");
        let spelling = RuleMeta::builtin(
            "terminology/inconsistent-spelling",
            Category::Terminology,
            Severity::Info,
            FixSafety::Safe,
            "-ise and -ize spellings of the same word in one document",
        )
        .describe(
            "Flags the minority spelling when one document spells words of the same family both \
             with -ise and -ize (organise/organization, analyse/analyze). Both spellings are \
             correct English, but not in the same text. Capitalised words (names such as \"World \
             Health Organization\") are skipped.",
        )
        .example(
            "They organise talks. The talks were organised by the EU. The [organization] helped.",
            Some("organisation"),
        )
        .counter("They organise talks. The talks were organised by the EU.")
        .counter("They organise talks with the World Health Organization.")
        .counter("They organise talks and realize their goals.");
        let apostrophe = RuleMeta::builtin(
            "punctuation/inconsistent-apostrophe",
            Category::Punctuation,
            Severity::Info,
            FixSafety::Safe,
            "straight and curly apostrophes mixed in one document",
        )
        .describe(
            "Flags apostrophes inside words (don't, Russia’s) in the minority style when one \
             document uses both straight (') and curly (’) apostrophes.",
        )
        .example("Russia’s army and NATO’s allies don[']t agree.", Some("’"))
        .counter("Russia’s army and NATO’s allies don’t agree.")
        .counter("Russia's army and NATO's allies don't agree.")
        .counter("Russia’s army, in ‘quotes’ and 'single quotes'.");
        let quotes = RuleMeta::builtin(
            "punctuation/inconsistent-quotes",
            Category::Punctuation,
            Severity::Info,
            FixSafety::Unsafe,
            "straight and curly double quotes mixed in one document",
        )
        .describe(
            "Flags double quotes in the minority style when one document uses both straight (\") \
             and curly (“ ”) double quotes. A \" after a digit (an inch mark) is not counted.",
        )
        .example(
            "“Yes,” he said. “No,” she said. [\"]Maybe\", they said.",
            Some("“"),
        )
        .counter("“Yes,” he said. “No,” she said.")
        .counter("\"Yes,\" he said. \"No,\" she said.")
        .counter("“Yes,” he said of the 27\" screen.");
        Variants {
            names,
            spelling,
            apostrophe,
            quotes,
        }
    }
}

/// An occurrence of a variant: which group, which member (0 = preferred), where.
struct Hit {
    group: usize,
    member: usize,
    span: Range<usize>,
    sentence: usize,
}

/// Words that show a sentence is about the renaming itself ("Bombay was renamed Mumbai").
const RENAMING_CUES: &[&str] = &[
    "renamed",
    "rename",
    "renaming",
    "formerly",
    "former",
    "known",
    "called",
    "historically",
    "previously",
    "spelling",
    "spelled",
    "spelt",
];

/// One group of interchangeable forms; member 0 is the preferred one.
struct Group {
    /// Each member as a token sequence (lower-cased when `!case_sensitive`).
    members: Vec<Vec<String>>,
    display: Vec<String>,
    case_sensitive: bool,
    /// From the project config: variants are flagged even when the preferred form is absent.
    config: bool,
    note: Option<String>,
    after: &'static [&'static str],
    before: &'static [&'static str],
}

fn term_tokens(s: &str) -> Vec<String> {
    tokens::tokenize(s, 0..s.len())
        .iter()
        .map(|t| t.text(s).to_string())
        .collect()
}

/// Strips a possessive ending ("Kiev’s" → "Kiev").
fn strip_possessive(w: &str) -> &str {
    for suf in ["’s", "'s", "’", "'"] {
        if let Some(stem) = w.strip_suffix(suf) {
            if !stem.is_empty() {
                return stem;
            }
        }
    }
    w
}

fn groups(ctx: &Context) -> Vec<Group> {
    let mut out = Vec::new();
    for r in NAMES {
        let mut display = vec![r.current.to_string()];
        display.extend(r.old.iter().map(|s| s.to_string()));
        out.push(Group {
            members: display.iter().map(|m| term_tokens(m)).collect(),
            display,
            case_sensitive: true,
            config: false,
            note: None,
            after: r.fixed_after,
            before: r.fixed_before,
        });
    }
    for t in &ctx.config.terminology {
        let mut display = vec![t.preferred.clone()];
        display.extend(t.variants.iter().cloned());
        out.push(Group {
            members: display
                .iter()
                .map(|m| term_tokens(&m.to_lowercase()))
                .collect(),
            display,
            case_sensitive: false,
            config: true,
            note: t.note.clone(),
            after: &[],
            before: &[],
        });
    }
    out
}

/// Same capitalisation pattern as `like` (first letter, or all caps).
fn match_case(replacement: &str, like: &str) -> String {
    let letters: Vec<char> = like.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        replacement.to_uppercase()
    } else if like.chars().next().is_some_and(char::is_uppercase) {
        super::util::capitalize(replacement)
    } else {
        replacement.to_string()
    }
}

impl Variants {
    fn check_names(&self, doc: &Document, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let groups = groups(ctx);
        if groups.is_empty() {
            return;
        }
        // Index: first token of a member (lower-cased) → (group, member).
        let mut first: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (gi, g) in groups.iter().enumerate() {
            for (mi, m) in g.members.iter().enumerate() {
                if let Some(f) = m.first() {
                    first.entry(f.to_lowercase()).or_default().push((gi, mi));
                }
            }
        }
        let text = doc.text.as_str();
        let mut hits: Vec<Hit> = Vec::new();
        for (si, s) in doc.sentences.iter().enumerate() {
            let toks = doc.sentence_tokens(s);
            for i in 0..toks.len() {
                let w0 = toks[i].text(text);
                let key = strip_possessive(w0).to_lowercase();
                let Some(cands) = first.get(&key).or_else(|| first.get(&w0.to_lowercase())) else {
                    continue;
                };
                for &(gi, mi) in cands {
                    let g = &groups[gi];
                    if let Some(end) = match_member(&g.members[mi], g.case_sensitive, toks, i, text)
                    {
                        // Keep a possessive ending out of the span.
                        let last = &toks[end - 1];
                        let span_end = last.span.start + strip_possessive(last.text(text)).len();
                        if mi > 0 {
                            let next = toks.get(end).map(|t| t.text(text));
                            let prev = i.checked_sub(1).map(|p| toks[p].text(text));
                            if next.is_some_and(|n| g.after.contains(&n))
                                || prev.is_some_and(|p| g.before.contains(&p))
                            {
                                continue;
                            }
                        }
                        hits.push(Hit {
                            group: gi,
                            member: mi,
                            span: toks[i].span.start..span_end,
                            sentence: si,
                        });
                    }
                }
            }
        }
        for (gi, g) in groups.iter().enumerate() {
            let preferred = hits.iter().find(|h| h.group == gi && h.member == 0);
            if preferred.is_none() && !g.config {
                continue;
            }
            // A sentence naming both forms, or about the renaming, uses the old name on purpose.
            let about_renaming = |h: &Hit| {
                hits.iter()
                    .any(|o| o.group == gi && o.member == 0 && o.sentence == h.sentence)
                    || doc
                        .sentence_tokens(&doc.sentences[h.sentence])
                        .iter()
                        .any(|t| RENAMING_CUES.contains(&t.text(text).to_lowercase().as_str()))
            };
            for h in hits
                .iter()
                .filter(|h| h.group == gi && h.member > 0 && (g.config || !about_renaming(h)))
            {
                let found = &text[h.span.clone()];
                let suggestion = if g.case_sensitive {
                    g.display[0].clone()
                } else {
                    match_case(&g.display[0], found)
                };
                let mut msg = if g.config {
                    format!(
                        "the project's terminology prefers “{}” to “{found}”",
                        g.display[0]
                    )
                } else {
                    format!(
                        "“{found}” is the old spelling of “{}”, which this document also uses",
                        g.display[0]
                    )
                };
                if let Some(n) = &g.note {
                    msg.push_str(&format!(" ({n})"));
                }
                let mut d = self
                    .names
                    .diag(h.span.clone(), msg)
                    .suggest(suggestion, FixSafety::Unsafe);
                if let Some(p) = preferred {
                    d = d.related(
                        p.span.clone(),
                        format!("“{}” first used here", &text[p.span.clone()]),
                    );
                }
                out.push(d);
            }
        }
    }

    fn check_spelling(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        let text = doc.text.as_str();
        // family root → occurrences (span, z-style, word).
        let mut fams: HashMap<&'static str, Vec<(Range<usize>, bool)>> = HashMap::new();
        for t in doc.tokens.iter().filter(|t| t.kind == TokenKind::Word) {
            let w = t.text(text);
            if !w.chars().all(|c| c.is_ascii_lowercase())
                || w.len() < 5
                || !["is", "iz", "ys", "yz"].iter().any(|p| w.contains(p))
            {
                continue;
            }
            if let Some((root, z)) = ise_family(w) {
                fams.entry(root).or_default().push((t.span.clone(), z));
            }
        }
        let mut roots: Vec<_> = fams.into_iter().collect();
        roots.sort_by_key(|(_, v)| v[0].0.start);
        for (_, occ) in roots {
            let zs = occ.iter().filter(|o| o.1).count();
            let ss = occ.len() - zs;
            if zs == 0 || ss == 0 {
                continue;
            }
            // The majority style; on a tie, the style used first.
            let z_wins = zs > ss || (zs == ss && occ[0].1);
            let first_major = occ.iter().find(|o| o.1 == z_wins).unwrap();
            for (span, z) in &occ {
                if *z == z_wins {
                    continue;
                }
                let w = &text[span.clone()];
                let fixed = respell(w, z_wins);
                let (style, other) = if z_wins {
                    ("-ize", "-ise")
                } else {
                    ("-ise", "-ize")
                };
                out.push(
                    self.spelling
                        .diag(span.clone(), format!("“{w}” is spelled with {other}, but this document spells the word with {style}"))
                        .suggest(fixed, FixSafety::Safe)
                        .related(first_major.0.clone(), format!("“{}” used here", &text[first_major.0.clone()])),
                );
            }
        }
    }

    fn check_apostrophes(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        let text = doc.text.as_str();
        let mut occ: Vec<(usize, bool)> = Vec::new(); // (offset, curly)
        for t in doc.tokens.iter().filter(|t| t.kind == TokenKind::Word) {
            let w = t.text(text);
            for (i, c) in w.char_indices() {
                if c == '\'' || c == '’' {
                    occ.push((t.span.start + i, c == '’'));
                }
            }
        }
        self.report_minority(
            &occ,
            text,
            out,
            &self.apostrophe,
            |_, curly| (if curly { "’" } else { "'" }).to_string(),
            "apostrophe",
        );
    }

    fn check_quotes(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        let text = doc.text.as_str();
        let mut occ: Vec<(usize, bool)> = Vec::new();
        // The blocks only: the checked text of a bilingual file also holds the sources.
        for b in &doc.blocks {
            for (off, c) in text[b.span.clone()].char_indices() {
                let i = b.span.start + off;
                match c {
                    '"' if !super::util::is_inch_mark(text, i) => occ.push((i, false)),
                    '“' | '”' => occ.push((i, true)),
                    _ => {}
                }
            }
        }
        self.report_minority(
            &occ,
            text,
            out,
            &self.quotes,
            |pos, curly| {
                if !curly {
                    return "\"".to_string();
                }
                let opening = match super::util::char_before(text, pos) {
                    None => true,
                    Some(c) => {
                        c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/')
                    }
                };
                (if opening { "“" } else { "”" }).to_string()
            },
            "quotation mark",
        );
    }

    /// Flags the minority style in `occ` ((offset, curly) of one-character marks).
    fn report_minority(
        &self,
        occ: &[(usize, bool)],
        text: &str,
        out: &mut Vec<Diagnostic>,
        meta: &RuleMeta,
        replacement: impl Fn(usize, bool) -> String,
        what: &str,
    ) {
        let curly = occ.iter().filter(|o| o.1).count();
        let straight = occ.len() - curly;
        if curly == 0 || straight == 0 {
            return;
        }
        let curly_wins = curly > straight || (curly == straight && occ[0].1);
        let first_major = occ.iter().find(|o| o.1 == curly_wins).unwrap().0;
        let ch_len = |p: usize| text[p..].chars().next().map_or(1, char::len_utf8);
        let (style, other) = if curly_wins {
            ("curly", "straight")
        } else {
            ("straight", "curly")
        };
        for &(pos, _) in occ.iter().filter(|o| o.1 != curly_wins) {
            out.push(
                meta.diag(
                    pos..pos + ch_len(pos),
                    format!("{other} {what} in a document that uses {style} ones"),
                )
                .suggest(replacement(pos, curly_wins), meta.fix)
                .related(
                    first_major..first_major + ch_len(first_major),
                    format!("{style} {what} used here"),
                ),
            );
        }
    }
}

/// The -ise/-ize family of a lower-case word and whether it is spelled with z.
fn ise_family(w: &str) -> Option<(&'static str, bool)> {
    for (roots, s_inf, z_inf, endings) in [
        (ISE_ROOTS, "is", "iz", ISE_ENDINGS),
        (YSE_ROOTS, "ys", "yz", YSE_ENDINGS),
    ] {
        for &root in roots {
            let Some(rest) = w.strip_prefix(root) else {
                continue;
            };
            for (inf, z) in [(s_inf, false), (z_inf, true)] {
                if let Some(end) = rest.strip_prefix(inf) {
                    if endings.contains(&end) {
                        return Some((root, z));
                    }
                }
            }
        }
    }
    None
}

/// Respells the -is-/-iz- (-ys-/-yz-) part of a word of a known family.
fn respell(w: &str, to_z: bool) -> String {
    let Some((root, _)) = ise_family(w) else {
        return w.to_string();
    };
    let rest = &w[root.len()..];
    let (vowel, tail) = rest.split_at(1);
    format!(
        "{root}{vowel}{}{}",
        if to_z { "z" } else { "s" },
        &tail[1..]
    )
}

/// Matches `member` (token texts) at `toks[i..]`; returns the end token index.
fn match_member(
    member: &[String],
    case_sensitive: bool,
    toks: &[Token],
    i: usize,
    text: &str,
) -> Option<usize> {
    if i + member.len() > toks.len() {
        return None;
    }
    for (k, m) in member.iter().enumerate() {
        let t = &toks[i + k];
        let w = t.text(text);
        let w = if k + 1 == member.len() {
            strip_possessive(w)
        } else {
            w
        };
        let ok = if case_sensitive {
            w == m
        } else {
            w.to_lowercase() == *m
        };
        if !ok {
            return None;
        }
    }
    Some(i + member.len())
}

impl Check for Variants {
    fn rules(&self) -> Vec<RuleMeta> {
        vec![
            self.names.clone(),
            self.spelling.clone(),
            self.apostrophe.clone(),
            self.quotes.clone(),
        ]
    }

    fn check(&self, doc: &Document, ctx: &Context, out: &mut Vec<Diagnostic>) {
        self.check_names(doc, ctx, out);
        self.check_spelling(doc, out);
        self.check_apostrophes(doc, out);
        self.check_quotes(doc, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::util::testing::{assert_examples, found, hit, run_with};
    use crate::config::{Config, Term};

    const NAMES_ID: &str = "terminology/inconsistent-variant";
    const SPELL: &str = "terminology/inconsistent-spelling";
    const APOS: &str = "punctuation/inconsistent-apostrophe";
    const QUOTES: &str = "punctuation/inconsistent-quotes";

    #[test]
    fn examples_and_counter_examples() {
        assert_examples(&Variants::default());
    }

    #[test]
    fn seed_kiev_after_kyiv() {
        let text = include_str!("../../fixtures/seed-article.txt");
        let ds: Vec<_> = crate::checks::util::testing::run(&Variants::default(), text)
            .into_iter()
            .filter(|d| d.rule == NAMES_ID)
            .collect();
        // "Kiev" twice in each copy of the article, "Kyiv" once in each.
        assert_eq!(ds.len(), 4);
        let first_kyiv = text.find("Kyiv").unwrap();
        for d in &ds {
            assert_eq!(&text[d.span.clone()], "Kiev");
            assert_eq!(d.suggestions, ["Kyiv"]);
            assert_eq!(d.related[0].span, first_kyiv..first_kyiv + 4);
        }
    }

    #[test]
    fn old_name_alone_or_before_is_handled() {
        let c = Variants::default();
        assert!(found(&c, "Kiev said no. Kiev’s envoy left.").is_empty());
        // The old name is flagged even when it comes first.
        assert_eq!(
            found(&c, "Kiev’s envoy left. Kyiv said no."),
            [hit(NAMES_ID, "Kiev", Some("Kyiv"))]
        );
        assert_eq!(
            found(&c, "Ceylon tea is grown in Sri Lanka. Ceylon exports rose."),
            [hit(NAMES_ID, "Ceylon", Some("Sri Lanka"))]
        );
        assert!(found(&c, "The kiev and kyiv spellings.").is_empty());
    }

    #[test]
    fn config_terminology_is_flagged_everywhere() {
        let mut config = Config::default();
        config.terminology.push(Term {
            preferred: "drone".into(),
            variants: vec!["unmanned aerial vehicle".into(), "UAV".into()],
            note: Some("style guide 4.2".into()),
            ..Term::default()
        });
        let c = Variants::default();
        let text = "Unmanned aerial vehicle attacks rose. A UAV was shot down.";
        let ds = run_with(&c, text, &config);
        let got: Vec<_> = ds
            .iter()
            .map(|d| (&text[d.span.clone()], d.suggestions[0].as_str()))
            .collect();
        assert_eq!(
            got,
            [("Unmanned aerial vehicle", "Drone"), ("UAV", "DRONE")]
        );
        assert!(ds[0].message.contains("style guide 4.2"));
        assert!(ds[0].related.is_empty());
        let ds = run_with(&c, "A drone flew. Then a UAV.", &config);
        assert_eq!(ds.len(), 1);
        assert_eq!(ds[0].related[0].span, 2..7);
    }

    #[test]
    fn ise_ize_families() {
        let c = Variants::default();
        assert_eq!(
            found(&c, "We organise it; it was organized."),
            [hit(SPELL, "organized", Some("organised"))]
        );
        assert_eq!(
            found(
                &c,
                "They analyse data. It was analyzed, and they keep analyzing."
            ),
            [hit(SPELL, "analyse", Some("analyze"))]
        );
        // Different families: not flagged here (each family is consistent).
        assert!(found(&c, "We organise; they realize.").is_empty());
        // Not members of a family.
        assert!(found(
            &c,
            "An organism; a realist; criticism; emphasis; analysis; advertise; advertize."
        )
        .is_empty());
        assert_eq!(respell("organisation", true), "organization");
        assert_eq!(respell("paralyzed", false), "paralysed");
    }

    #[test]
    fn apostrophes_and_quotes_flag_the_minority() {
        let c = Variants::default();
        assert_eq!(
            found(&c, "It's Russia's plan and NATO’s."),
            [hit(APOS, "’", Some("'"))]
        );
        let t = "\"Yes,\" he said. \"No,\" she said. “Maybe.”";
        assert_eq!(
            found(&c, t),
            [hit(QUOTES, "“", Some("\"")), hit(QUOTES, "”", Some("\""))]
        );
        let t = "“Yes,” he said. “No,” she said. (\"Maybe\")";
        assert_eq!(
            found(&c, t),
            [hit(QUOTES, "\"", Some("“")), hit(QUOTES, "\"", Some("”"))]
        );
        // Inch marks are not quotes.
        assert!(found(&c, "A 27\" screen, “they said”.").is_empty());
    }
}
