//! ## What it does
//! `spelling/unknown-word`: flags a word that no dictionary knows and that is close to a known
//! word, with up to three suggestions ("recieve" → "receive").
//!
//! A word is *known* when any of these has it (a word known to either dictionary is known):
//! - the grammar engine's tagger lexicon (LanguageTool's English dictionary, with inflections,
//!   through [`crate::lexicon::Lexicon`]),
//! - the embedded SCOWL word list (`data/words-en.txt.gz`, American and British spellings, both
//!   accepted; also used by `spacing/glued-words`; it lower-cases proper nouns, so "paris" is
//!   known: a lower-case name is not this rule's business),
//! - a short list of computing words neither has (`COMPUTING`: "mutex", "stdout", "tuple"),
//! - the user dictionary: `words = [...]` and `words_file` in `mtlint.toml` (one word per line,
//!   `#` starts a comment; an unreadable file is a usage error), compared without case, read
//!   once per linter.
//!
//! Without the grammar engine's data (no lexicon) the rule does nothing: the embedded list alone
//! lacks too many inflections and rare words to be trusted. The rule is marked `needs_pos`, so
//! the linter loads the tokenizer (and with it the lexicon) whenever the rule is enabled, even
//! with every LanguageTool rule off.
//!
//! Not words, never flagged:
//! - capitalised words after the start of a sentence (names) and name particles between them
//!   ("Van der Meer"), hyphenated names ("Kim Hye-jae"), mixed case ("iPhone", "GObject"),
//!   ALL-CAPS acronyms, also in the plural ("LANs"), words with digits ("G7", "5G"), words of
//!   one or two letters, words without a vowel ("ssh"), roman numerals ("xiv"), words with
//!   letters outside ASCII (foreign words: the unicode and leftover rules own them);
//! - URLs, e-mail addresses, paths, `@handles`, `#tags`, file and domain names ("example.com",
//!   "Node.js"), identifiers (`snake_case`, `std::fs`) and Markdown inline code (U+FFFC):
//!   detected from the raw text around the token, which the tokenizer splits into pieces;
//! - a capitalised word at the start of a sentence that is known in lower case ("Recently"),
//!   used as a name elsewhere in the document, followed by another capitalised word
//!   ("Aurelien Jarno"), shorter than five letters, or not one edit from a known word;
//! - hyphenated compounds whose parts are known (each unknown part is flagged on its own),
//!   prefixes ("pre-", "non-"), possessives ("Russia’s" checks "Russia") and contractions
//!   ("don't", "they’re", "can't"); derived words and compounds of known words
//!   ("precompiled", "versioned", "toolchain", "fprint"), unless a swapped or doubled letter
//!   turns them into a known word ("formating" → "formatting", "untill" → "until"), a silent
//!   "e" is kept before "-ing" ("moveing" → "moving"), or, from
//!   six letters on, a left-out letter ("futher" → "further", "diffrent" → "different"), or,
//!   from seven, one vowel for another ("flexable" → "flexible", "dependance");
//! - dialect spellings with a dropped g ("sayin'", "durin'").
//!
//! Precision over recall: an unknown word with nothing close (no known word one edit away, or
//! two edits for words of eight letters or more) is more likely a term, a name, a
//! transliteration or a foreign word than a typo, and is not flagged. Short unknown words are
//! mostly abbreviations: three letters count only as a swapped common word ("teh"), four only
//! as a swap ("wiht"), five as a swap, a doubled letter or a vowel slip.
//!
//! Words that another mtlint rule flags as well (`spacing/glued-words` for "attackbut" and
//! "whenon", leftovers, names) are reported by that rule only: `lint.rs` drops a spelling
//! diagnostic that overlaps another built-in or pack diagnostic (`drop_spelling_overlaps`,
//! after the config's filter, so with `spacing/glued-words` disabled the spelling rule still
//! reports them).
//!
//! ## Suggestions
//! Candidates come from the embedded word list, kept only when the tagger lexicon knows them in
//! lower case (drops lower-cased proper nouns such as "paris") and not vulgar. They are found
//! through an index built once per process (buckets by first letter and length) and cached per
//! linter: Damerau–Levenshtein (optimal string alignment) distance ≤ 2 (≤ 1 for words under
//! five letters) with the same first letter, 1 with another first letter (those edits are
//! generated and looked up). Ranked by distance, then typo kind (a swap of neighbours, a
//! doubled or undoubled letter or one vowel for another before other edits: "recieve" →
//! "receive" before "relieve"), then same first letter, then alphabetically. No frequency list
//! is available to the project, so frequency is not used. The original capitalisation is kept
//! ("Recieve" → "Receive").
//!
//! ## Measured
//! MQM zh→en (`mqm-zhen-dev.jsonl`, 5335 MT segments): no diagnostic at all (the MT output has
//! almost no non-words; the one real one, "holmon" for "hormone", is two edits from a
//! six-letter word and stays unflagged). Allowing two edits from six letters on would catch it
//! but doubled the findings on clean technical English (jargon such as "memchr", "tgkill").
//! On 640 clean technical files (Debian READMEs and NEWS, crate READMEs: 6.4 MB) it flags 272
//! distinct words, about half of them real typos ("availible", "occured", "documentatino") and
//! half jargon ("dbus", "chroot") for the user dictionary. Severity stays warning.
//!
//! ## Why is this bad?
//! MT output contains misspellings carried over from the source and garbled transliterations;
//! a spelling error is the first thing a reader notices.
//!
//! ## Fix safety
//! Unsafe: the first suggestion is a guess.

use super::util::english_words;
use super::{Check, Context, RuleMeta};
use crate::config::Config;
use crate::diagnostic::{Category, Diagnostic, FixSafety, Severity};
use crate::document::Document;
use crate::lexicon::Lexicon;
use crate::text::TokenKind;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::{Mutex, OnceLock};

/// The rule id.
pub const RULE: &str = "spelling/unknown-word";

/// Most suggestions per word.
const MAX_SUGGESTIONS: usize = 3;

/// First parts of hyphenated compounds that are prefixes, not words ("pre-war", "non-profit").
const PREFIXES: &[&str] = &[
    "pre", "post", "non", "anti", "pro", "semi", "multi", "mid", "sub", "super", "inter", "intra",
    "trans", "ultra", "neo", "pseudo", "quasi", "counter", "cyber", "bio", "eco", "geo", "socio",
    "euro", "sino", "afro", "indo", "russo", "franco", "anglo", "hyper", "mega", "micro", "macro",
    "mini", "vice", "self", "ex", "co", "re", "de", "un", "dis", "mis", "tri", "bi", "uni", "poly",
    "mono", "over", "under", "out", "cross",
];

/// Computing words common in technical prose that neither dictionary has (sorted).
const COMPUTING: &[&str] = &[
    "args",
    "async",
    "backend",
    "backends",
    "bool",
    "boolean",
    "booleans",
    "codebase",
    "config",
    "configs",
    "const",
    "dataset",
    "datasets",
    "deps",
    "enum",
    "enums",
    "frontend",
    "frontends",
    "gibibyte",
    "gibibytes",
    "impl",
    "inline",
    "inlined",
    "inlining",
    "json",
    "kibibyte",
    "kibibytes",
    "localhost",
    "mebibyte",
    "mebibytes",
    "metadata",
    "middleware",
    "mutex",
    "mutexes",
    "namespace",
    "namespaces",
    "param",
    "params",
    "regex",
    "regexes",
    "runtime",
    "runtimes",
    "semver",
    "stderr",
    "stdin",
    "stdout",
    "struct",
    "structs",
    "subcommand",
    "subcommands",
    "sudo",
    "symlink",
    "symlinks",
    "toolchain",
    "toolchains",
    "tuple",
    "tuples",
    "unicode",
    "url",
    "urls",
    "username",
    "usernames",
    "utf",
    "webpage",
    "webpages",
    "workflow",
    "workflows",
    "yaml",
];

/// Three-letter words whose swapped spellings ("teh", "adn") are typos, not abbreviations.
const COMMON3: &[&str] = &[
    "the", "and", "for", "not", "but", "was", "are", "has", "had", "can", "you", "all", "its",
    "our", "who", "how", "any", "may", "now", "new", "one", "two", "out", "she", "her", "him",
    "his", "why", "yet",
];

/// Clitics after an apostrophe: possessive and contraction endings.
const CLITICS: &[&str] = &["s", "re", "ve", "ll", "d", "m", "t"];

pub struct Spelling {
    meta: RuleMeta,
    /// The user dictionary (lower case), loaded from the config on first use: once per linter.
    user: OnceLock<HashSet<String>>,
    /// Suggestions by unknown word (lower case).
    cache: Mutex<HashMap<String, Vec<Candidate>>>,
}

impl Default for Spelling {
    fn default() -> Self {
        let mut meta = RuleMeta::builtin(
            RULE,
            Category::Spelling,
            Severity::Warning,
            FixSafety::Unsafe,
            "a word no dictionary knows",
        )
        .describe(
            "Flags a word unknown to the grammar engine's tagger lexicon, to the embedded English \
             word list (American and British spellings) and to the user dictionary (`words` and \
             `words_file` in mtlint.toml) when it is close to a known word, with up to three \
             suggestions. Names (capitalised words after the start of a sentence), acronyms, \
             abbreviations, words with digits, URLs, e-mail addresses, paths, file names, \
             identifiers and inline code are not words; unknown words with nothing close (terms, \
             transliterations) are left alone. Needs the grammar engine's data (its lexicon): \
             without it the rule does nothing. To accept a word, add it to `words = [...]` in \
             mtlint.toml.",
        )
        .example("We [recieve] letters every week.", Some("receive"))
        .example("The [goverment] said so.", Some("government"))
        .example("He insisted on [takeing] the field.", Some("taking"))
        .counter("We receive letters from Kuleba and NATO at https://example.com/recieve.")
        .counter("The G7 met in Geneva; don't worry, it's Russia’s pre-war plan.")
        .counter("Call `frobnicate_all` or mail xyzzy@example.org.");
        // The rule needs the tagger lexicon, which the linter loads with the POS analysis.
        meta.needs_pos = true;
        Spelling {
            meta,
            user: OnceLock::new(),
            cache: Mutex::new(HashMap::new()),
        }
    }
}

/// Reads the user dictionary of `config`: `words` and the words file (resolved against the
/// config's directory; one word per line, `#` starts a comment). Lower case.
pub fn user_words(config: &Config) -> Result<HashSet<String>, String> {
    let mut out: HashSet<String> = config
        .words
        .iter()
        .map(|w| w.trim().to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    if let Some(f) = &config.words_file {
        let path = config.resolve(f);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read words file {} ({e})", path.display()))?;
        for line in text.lines() {
            let w = line.split('#').next().unwrap_or("").trim();
            if !w.is_empty() {
                out.insert(w.to_lowercase());
            }
        }
    }
    Ok(out)
}

/// Fails when the config names a words file that cannot be read (a usage error).
pub fn validate_config(config: &Config) -> anyhow::Result<()> {
    match config.words_file {
        Some(_) => user_words(config).map(|_| ()).map_err(anyhow::Error::msg),
        None => Ok(()),
    }
}

impl Check for Spelling {
    fn rules(&self) -> Vec<RuleMeta> {
        vec![self.meta.clone()]
    }

    fn check(&self, doc: &Document, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let Some(lexicon) = ctx.lexicon else {
            return;
        };
        let user = self.user.get_or_init(|| {
            user_words(ctx.config).unwrap_or_else(|e| {
                static WARNED: std::sync::atomic::AtomicBool =
                    std::sync::atomic::AtomicBool::new(false);
                if !WARNED.swap(true, std::sync::atomic::Ordering::SeqCst) {
                    eprintln!("warning: {e}");
                }
                ctx.config
                    .words
                    .iter()
                    .map(|w| w.trim().to_lowercase())
                    .collect()
            })
        });
        let speller = Speller {
            lexicon,
            user,
            cache: &self.cache,
        };
        let text = doc.text.as_str();
        let names = names_in_use(doc);
        for s in &doc.sentences {
            let toks = doc.sentence_tokens(s);
            let first_word = toks.iter().position(|t| t.kind != TokenKind::Punct);
            for (i, t) in toks.iter().enumerate() {
                if t.kind != TokenKind::Word {
                    continue;
                }
                let block = &doc.blocks[s.block].span;
                if looks_technical(chunk(text, block, t.span.clone())) {
                    continue;
                }
                let at_start = Some(i) == first_word;
                let is_name = |t: Option<&crate::text::Token>| {
                    t.is_some_and(|n| n.kind == TokenKind::Word && is_title_case(n.text(text)))
                };
                let name_next = is_name(toks.get(i + 1));
                // A particle inside a name: "Van der Meer", "Ibn al Khattab".
                if name_next && i > 0 && is_name(toks.get(i - 1)) {
                    continue;
                }
                for (span, suggestions) in
                    speller.check_token(text, t.span.clone(), at_start, name_next)
                {
                    let word = &text[span.clone()];
                    if at_start && names.contains(word) {
                        continue;
                    }
                    let message = match suggestions.first() {
                        Some(s) => format!("unknown word “{word}”: did you mean “{s}”?"),
                        None => format!("unknown word “{word}”"),
                    };
                    out.push(
                        self.meta
                            .diag(span, message)
                            .with_suggestions(suggestions, FixSafety::Unsafe),
                    );
                }
            }
        }
    }
}

/// Capitalised words used after the start of a sentence somewhere in the document: names.
fn names_in_use<'d>(doc: &'d Document) -> HashSet<&'d str> {
    let text = doc.text.as_str();
    let mut out = HashSet::new();
    for s in &doc.sentences {
        let toks = doc.sentence_tokens(s);
        let first_word = toks.iter().position(|t| t.kind != TokenKind::Punct);
        for (i, t) in toks.iter().enumerate() {
            let w = t.text(text);
            if t.kind == TokenKind::Word && Some(i) != first_word && is_title_case(w) {
                out.insert(w);
            }
        }
    }
    out
}

/// The whitespace-delimited run of text around `span`, inside `block`.
fn chunk<'t>(text: &'t str, block: &Range<usize>, span: Range<usize>) -> &'t str {
    let start = text[block.start..span.start]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(block.start, |(i, c)| block.start + i + c.len_utf8());
    let end = text[span.end..block.end]
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(block.end, |(i, _)| span.end + i);
    &text[start..end]
}

/// URLs, e-mail addresses, paths, handles, tags, file and domain names, identifiers, code.
fn looks_technical(chunk: &str) -> bool {
    if chunk.contains([
        '/', '\\', '@', '_', '=', '#', '~', '|', '<', '>', '{', '}', '[', ']', '`', '$', '^', '*',
        '+', '\u{FFFC}',
    ]) || chunk.contains("::")
        || chunk.contains("www.")
    {
        return true;
    }
    // A full stop or colon between two letters: "example.com", "Node.js", "end.The", "a:b".
    let cs: Vec<char> = chunk.chars().collect();
    cs.windows(3)
        .any(|w| matches!(w[1], '.' | ':') && w[0].is_alphanumeric() && w[2].is_alphanumeric())
}

/// "Word": an upper-case letter followed by lower-case letters only.
fn is_title_case(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.all(|c| !c.is_uppercase())
}

fn is_roman_numeral(w: &str) -> bool {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(r"^m{0,4}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$").unwrap()
    })
    .is_match(w)
}

/// Is `c` an apostrophe that joins a word and its clitic?
fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Prefixes of derived words ("precompiled", "unbuildable", "multiversion").
const MORPH_PREFIXES: &[&str] = &[
    "un", "re", "pre", "non", "de", "dis", "mis", "sub", "super", "inter", "intra", "multi",
    "over", "under", "co", "counter", "anti", "auto", "micro", "macro", "mega", "mini", "semi",
    "post", "self", "out", "cross", "hyper", "meta", "pseudo", "quasi", "ultra", "trans", "mid",
];

/// Suffixes of derived words ("versioned", "daemonizing", "hashers"), longest first.
const MORPH_SUFFIXES: &[&str] = &[
    "isations", "izations", "isation", "ization", "ising", "izing", "ised", "ized", "ises", "izes",
    "ness", "less", "able", "ers", "ors", "ing", "ise", "ize", "ful", "ed", "er", "or", "es", "s",
    "d",
];

/// The known-word tests and suggestion search of one run.
struct Speller<'a> {
    lexicon: &'a dyn Lexicon,
    user: &'a HashSet<String>,
    cache: &'a Mutex<HashMap<String, Vec<Candidate>>>,
}

impl Speller<'_> {
    /// Is `w` known (any case) to the user dictionary, the word list or the lexicon?
    fn known(&self, w: &str) -> bool {
        let lower = w.to_lowercase();
        self.user.contains(&lower)
            || english_words().contains(&lower)
            || self.lexicon.is_known(w)
            || COMPUTING.binary_search(&lower.as_str()).is_ok()
    }

    /// Is `lower` (lower case) a word of the lexicon or the word list, three letters or more?
    fn known_stem(&self, lower: &str) -> bool {
        lower.len() >= 3 && (english_words().contains(lower) || self.lexicon.is_known(lower))
    }

    /// A regular derivation or a compound of known words: "precompiled", "versioned",
    /// "inlining", "toolchain". Compounds need parts the lexicon knows in lower case.
    fn derived(&self, lower: &str) -> bool {
        let prefixed = MORPH_PREFIXES.iter().any(|p| {
            lower
                .strip_prefix(p)
                .is_some_and(|rest| rest.len() >= 4 && self.known_stem(rest))
        });
        let suffixed = || {
            MORPH_SUFFIXES.iter().any(|suf| {
                let Some(stem) = lower.strip_suffix(suf) else {
                    return false;
                };
                let bytes = stem.as_bytes();
                let undoubled = bytes.len() > 3 && bytes[bytes.len() - 1] == bytes[bytes.len() - 2];
                self.known_stem(stem)
                    || (!suf.starts_with('s') && self.known_stem(&format!("{stem}e")))
                    || (undoubled && self.known_stem(&stem[..stem.len() - 1]))
            })
        };
        let compound = || {
            (3..lower.len().saturating_sub(2)).any(|i| {
                let (a, b) = lower.split_at(i);
                self.lexicon.is_known(a) && self.lexicon.is_known(b)
            })
        };
        // One letter before a word is an identifier: "fprint", "mprotect", "xcode".
        let lettered = || lower.len() >= 5 && self.known_stem(&lower[1..]);
        prefixed || suffixed() || compound() || lettered()
    }

    /// Close known words of `lower`, computed once per linter.
    fn candidates(&self, lower: &str) -> Vec<Candidate> {
        if let Some(c) = self
            .cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(lower)
        {
            return c.clone();
        }
        let c = candidates(lower, self.lexicon);
        self.cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(lower.to_string(), c.clone());
        c
    }

    /// The unknown words of one token (spans in `text`) with their suggestions. `at_start`: the
    /// token starts a sentence; `name_next`: a capitalised word follows ("Aurelien Jarno").
    fn check_token(
        &self,
        text: &str,
        span: Range<usize>,
        at_start: bool,
        name_next: bool,
    ) -> Vec<(Range<usize>, Vec<String>)> {
        let word = &text[span.clone()];
        // Dialect spelling with a dropped g: "sayin'", "durin'".
        let g_dropped = word.ends_with("in")
            && text[span.end..].starts_with(is_apostrophe)
            && self.known(&format!("{word}g"));
        if g_dropped
            || word.chars().any(|c| c.is_ascii_digit())
            || !word
                .chars()
                .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '\u{2011}' || is_apostrophe(c))
            || self.known(word)
        {
            return Vec::new();
        }
        let mut parts: Vec<(usize, &str)> = Vec::new();
        let mut from = 0;
        for (i, c) in word.char_indices() {
            if c == '-' || c == '\u{2011}' {
                parts.push((from, &word[from..i]));
                from = i + c.len_utf8();
            }
        }
        parts.push((from, &word[from..]));
        let compound = parts.len() > 1;
        // A name with a hyphen after the start of a sentence: "Kim Hye-jae", "Jong-un".
        if compound && !at_start && is_title_case(parts[0].1) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (pi, &(off, part)) in parts.iter().enumerate() {
            if compound && pi == 0 && PREFIXES.contains(&part.to_lowercase().as_str()) {
                continue;
            }
            let Some((stem, stem_len)) = self.stem(part) else {
                continue;
            };
            let start = span.start + off;
            if let Some(s) = self.check_word(stem, at_start && pi == 0, name_next) {
                out.push((start..start + stem_len, s));
            }
        }
        out
    }

    /// `part` without its possessive or contraction ending: (word to check, its byte length in
    /// `part`). None when the part is known as it is or cannot be judged ("o'clock").
    fn stem<'w>(&self, part: &'w str) -> Option<(&'w str, usize)> {
        if !part.contains(is_apostrophe) {
            return Some((part, part.len()));
        }
        if self.known(part) {
            return None;
        }
        let pieces: Vec<&str> = part.split(is_apostrophe).collect();
        let mut n = pieces.len();
        while n > 1 && CLITICS.contains(&pieces[n - 1].to_lowercase().as_str()) {
            n -= 1;
        }
        if n != 1 {
            // "rock'n'roll", "o'clock" unknown to the lexicon: not judged.
            return None;
        }
        let stem = pieces[0];
        // "don't", "can't", "won't", "shouldn't": the stem carries the n of n't.
        if pieces.get(1).is_some_and(|p| p.eq_ignore_ascii_case("t")) {
            let lower = stem.to_lowercase();
            let base = lower.strip_suffix('n')?;
            if matches!(base, "ca" | "wo" | "sha" | "ai") || self.known(base) {
                return None;
            }
        }
        Some((stem, stem.len()))
    }

    /// Suggestions when `w` (letters only) is an unknown word; None when it is known or not a word.
    fn check_word(&self, w: &str, at_start: bool, name_next: bool) -> Option<Vec<String>> {
        if w.len() < 3 || w.len() > MAX_WORD || self.known(w) {
            return None;
        }
        let lower = w.to_lowercase();
        // No vowel: an abbreviation or a command ("ssh", "fcntl"), not a misspelt word.
        if !lower.contains(['a', 'e', 'i', 'o', 'u', 'y']) {
            return None;
        }
        // Acronyms, also in the plural ("LANs"), and roman numerals.
        let caps = w.strip_suffix('s').filter(|c| c.len() >= 2).unwrap_or(w);
        if caps.chars().all(char::is_uppercase) || is_roman_numeral(&lower) {
            return None;
        }
        // Mixed case is a name or an identifier: "iPhone", "GObject", "DECstation".
        if w.chars().skip(1).any(char::is_uppercase) {
            return None;
        }
        let title = is_title_case(w);
        // Capitalised: a name, except at the start of a sentence, and there only when it is
        // long enough and no capitalised word follows ("Aurelien Jarno").
        if title && (!at_start || name_next || w.len() < 5) {
            return None;
        }
        let found = self.candidates(&lower);
        let typo = found.iter().any(|c| c.is_typo_of(&lower));
        // A derived word is known unless a letter is swapped or doubled ("formating").
        if !typo && self.derived(&lower) {
            return None;
        }
        // Nothing close: more likely a term, a name or a foreign word than a typo. Two edits
        // away only counts for long words ("effienciency"): short ones are two edits from many
        // words ("chmod", "cached"). A capitalised word at the start of a sentence is a name
        // unless one edit away from a word ("Recieve").
        let close = |c: &Candidate| c.distance == 1 || (!title && w.len() >= 8);
        if !found.first().is_some_and(close) {
            return None;
        }
        // Short unknown words are mostly abbreviations ("adm", "vcpu", "algo"): three letters
        // count only as a swapped common word ("teh"), four as a swap ("wiht"), five as a
        // swap, a doubled letter or a vowel slip.
        let slip = |c: &Candidate| common_slip(lower.as_bytes(), c.word.as_bytes());
        let short_ok = match w.len() {
            ..=3 => found
                .iter()
                .any(|c| slip(c) == Some(Slip::Swap) && COMMON3.contains(&c.word)),
            4 => found.iter().any(|c| slip(c) == Some(Slip::Swap)),
            5 => found
                .iter()
                .any(|c| matches!(slip(c), Some(Slip::Swap | Slip::Double | Slip::Vowel))),
            _ => true,
        };
        if !short_ok {
            return None;
        }
        Some(
            found
                .into_iter()
                .map(|c| {
                    if title {
                        super::util::capitalize(c.word)
                    } else {
                        c.word.to_string()
                    }
                })
                .collect(),
        )
    }
}

/// The embedded word list bucketed by (first letter, length in bytes) for the suggestion search.
struct Index {
    buckets: HashMap<(u8, usize), Vec<&'static str>>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut buckets: HashMap<(u8, usize), Vec<&'static str>> = HashMap::new();
        for w in english_words() {
            match w.as_bytes().first() {
                Some(&first) if w.is_ascii() && w.len() <= MAX_WORD => buckets
                    .entry((first, w.len()))
                    .or_default()
                    .push(w.as_str()),
                _ => {}
            }
        }
        for b in buckets.values_mut() {
            b.sort_unstable();
        }
        Index { buckets }
    })
}

/// Longest word checked or suggested, in bytes.
const MAX_WORD: usize = 40;

/// Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps) between `a` and
/// `b` when it is at most `max` (words of at most [`MAX_WORD`] bytes).
fn osa_distance(a: &[u8], b: &[u8], max: usize) -> Option<usize> {
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > max || n > MAX_WORD || m > MAX_WORD {
        return None;
    }
    let mut rows = [[0u8; MAX_WORD + 1]; 3];
    for (j, v) in rows[0].iter_mut().enumerate().take(m + 1) {
        *v = j as u8;
    }
    // rows[(i + 1) % 3] is row i - 1, rows[i % 3] row i, rows[(i + 2) % 3] row i - 2.
    for i in 1..=n {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur][0] = i as u8;
        let mut row_min = i;
        for j in 1..=m {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            let mut v = (rows[prev][j] + 1)
                .min(rows[cur][j - 1] + 1)
                .min(rows[prev][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[prev2][j - 2] + 1);
            }
            rows[cur][j] = v;
            row_min = row_min.min(v as usize);
        }
        if row_min > max {
            return None;
        }
    }
    let d = rows[n % 3][m] as usize;
    (d <= max).then_some(d)
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// A common typing or spelling slip between a word and a candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Slip {
    /// Neighbours swapped: "recieve".
    Swap,
    /// A letter doubled or undoubled: "occured", "formating".
    Double,
    /// One vowel for another: "seperate".
    Vowel,
    /// A letter left out, not a doubled one: "futher", "diffrent", "befor".
    Drop,
}

/// The slip that turns `a` into `b`, if it is a common one.
fn common_slip(a: &[u8], b: &[u8]) -> Option<Slip> {
    if a.len() == b.len() {
        let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
        return match diff[..] {
            [i, j] if j == i + 1 && a[i] == b[j] && a[j] == b[i] => Some(Slip::Swap),
            [i] if is_vowel(a[i]) && is_vowel(b[i]) => Some(Slip::Vowel),
            _ => None,
        };
    }
    let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
    if long.len() != short.len() + 1 {
        return None;
    }
    let i = (0..short.len())
        .find(|&i| long[i] != short[i])
        .unwrap_or(short.len());
    if long[i + 1..] != short[i..] {
        return None;
    }
    // The extra letter repeats its neighbour.
    let doubled =
        (i > 0 && long[i - 1] == long[i]) || (i + 1 < long.len() && long[i + 1] == long[i]);
    if doubled {
        Some(Slip::Double)
    } else if b.len() > a.len() {
        // `a` (the word) lacks a letter of `b`.
        Some(Slip::Drop)
    } else {
        None
    }
}

fn is_common_slip(a: &[u8], b: &[u8]) -> bool {
    common_slip(a, b).is_some()
}

/// Words never offered as a suggestion ("fsck" is not a typo for one of these).
const NEVER_SUGGEST: &[&str] = &[
    "fuck", "fucks", "shit", "shits", "cunt", "cunts", "twat", "wank", "slut", "whore", "nigger",
    "nigga", "fag", "faggot", "bitch", "tits", "piss",
];

/// A close known word.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Candidate {
    /// Damerau–Levenshtein distance.
    pub distance: usize,
    /// Not a common slip (swap, doubled letter, vowel): ranks after slips at the same distance.
    pub other_edit: bool,
    /// Starts with another letter: ranks after same-letter words.
    pub other_first: bool,
    pub word: &'static str,
}

impl Candidate {
    /// One common slip away ("formating", "flexable", "futher"): overrides derivation rules,
    /// which would otherwise accept "flex+able" or "fut+her". A left-out letter counts from six
    /// letters on, one vowel for another from seven ("possable", "dependance").
    fn is_typo_of(&self, word: &str) -> bool {
        self.distance == 1
            && (silent_e_kept(word, self.word)
                || match common_slip(word.as_bytes(), self.word.as_bytes()) {
                    Some(Slip::Swap | Slip::Double) => true,
                    Some(Slip::Drop) => word.len() >= 6,
                    Some(Slip::Vowel) => word.len() >= 7,
                    None => false,
                })
    }
}

/// The silent "e" kept before "-ing" where the regular form is `known`: "moveing" → "moving",
/// "takeing" → "taking". The derivation rules would otherwise accept "move" + "ing". (The
/// same test for "-es" after a stem that takes "-s", "monthes" → "months", was dropped: in
/// native text it only found Early Modern English quoted in the Brown corpus, "hartes",
/// "sackes", "towardes".)
fn silent_e_kept(word: &str, known: &str) -> bool {
    word.strip_suffix("eing")
        .is_some_and(|stem| stem.len() >= 2 && known.strip_suffix("ing") == Some(stem))
}

/// Up to three known words close to `word` (lower case, ASCII letters), best first.
pub fn candidates(word: &str, lexicon: &dyn Lexicon) -> Vec<Candidate> {
    let w = word.as_bytes();
    let Some(&first) = w.first() else {
        return Vec::new();
    };
    if w.len() > MAX_WORD || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return Vec::new();
    }
    let index = index();
    let max = if w.len() < 5 { 1 } else { 2 };
    let mut found: Vec<Candidate> = Vec::new();
    let mut push = |cand: &'static str, distance: usize| {
        found.push(Candidate {
            distance,
            other_edit: !is_common_slip(w, cand.as_bytes()),
            other_first: cand.as_bytes()[0] != first,
            word: cand,
        })
    };
    // Same first letter: distance up to `max`, by scanning the buckets of near lengths.
    for len in w.len().saturating_sub(max).max(1)..=w.len() + max {
        for &cand in index.buckets.get(&(first, len)).into_iter().flatten() {
            if let Some(d) = osa_distance(w, cand.as_bytes(), max) {
                if d > 0 {
                    push(cand, d);
                }
            }
        }
    }
    // Another first letter: distance 1 only, generated (the first letter replaced, dropped,
    // swapped with the second, or one put before it) and looked up.
    let words = english_words();
    let mut edits: Vec<String> = Vec::new();
    for c in b'a'..=b'z' {
        if c != first {
            edits.push(format!("{}{}", c as char, &word[1..]));
            edits.push(format!("{}{word}", c as char));
        }
    }
    if w.len() > 1 && w[1] != first {
        edits.push(word[1..].to_string());
        edits.push(format!("{}{}{}", w[1] as char, first as char, &word[2..]));
    }
    for e in edits {
        if let Some(cand) = words.get(&e) {
            push(cand.as_str(), 1);
        }
    }
    found.sort_unstable();
    found.dedup_by(|a, b| a.word == b.word);
    found
        .into_iter()
        // Only words the tagger knows in lower case: no lower-cased names ("paris"). For a
        // lower-case word `is_known` is an exact look-up (it never tries upper case).
        .filter(|c| !NEVER_SUGGEST.contains(&c.word) && lexicon.is_known(c.word))
        .take(MAX_SUGGESTIONS)
        .collect()
}

/// Up to three known words close to `word` (lower case, ASCII letters), best first.
pub fn suggest(word: &str, lexicon: &dyn Lexicon) -> Vec<String> {
    candidates(word, lexicon)
        .into_iter()
        .map(|c| c.word.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceKind;

    /// A lexicon of a few words (exact case, then lower case, like the real one).
    struct FakeLexicon(Vec<&'static str>);

    impl Lexicon for FakeLexicon {
        fn is_known(&self, word: &str) -> bool {
            self.0.contains(&word) || self.0.contains(&word.to_lowercase().as_str())
        }
        fn readings(&self, _: &str) -> Vec<(String, String)> {
            Vec::new()
        }
        fn forms(&self, _: &str, _: &str) -> Vec<String> {
            Vec::new()
        }
    }

    fn lexicon() -> FakeLexicon {
        FakeLexicon(vec![
            "receive",
            "relieve",
            "receiver",
            "receiving",
            "government",
            "letters",
            "occurred",
            "separate",
            "the",
            "with",
            "dam",
            "map",
            "sad",
            "unit",
            "Kiev",
            "colour",
            "color",
            "take",
            "taking",
        ])
    }

    fn run_with(text: &str, config: &Config) -> Vec<(String, Vec<String>)> {
        let doc = Document::new(text, SourceKind::Plain);
        let lex = lexicon();
        let ctx = Context {
            config,
            lexicon: Some(&lex),
        };
        let mut out = Vec::new();
        Spelling::default().check(&doc, &ctx, &mut out);
        out.into_iter()
            .map(|d| {
                assert_eq!(d.rule, RULE);
                (doc.text[d.span].to_string(), d.suggestions)
            })
            .collect()
    }

    fn run(text: &str) -> Vec<(String, Vec<String>)> {
        run_with(text, &Config::default())
    }

    fn flagged(text: &str) -> Vec<String> {
        run(text).into_iter().map(|(w, _)| w).collect()
    }

    #[test]
    fn misspelling_gets_the_close_word_first() {
        let got = run("We recieve letters.");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "recieve");
        assert_eq!(got[0].1.first().map(String::as_str), Some("receive"));
        assert!(got[0].1.contains(&"relieve".to_string()), "{got:?}");
        assert!(got[0].1.len() <= MAX_SUGGESTIONS);
    }

    #[test]
    fn capitalisation_is_kept_and_names_are_skipped() {
        let got = run("Recieve letters. They met Recieve and Zelenskyy in Kiev.");
        assert_eq!(got.len(), 0, "a word used as a name elsewhere: {got:?}");
        let got = run("Recieve letters. Zelenskyy spoke.");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "Recieve");
        assert_eq!(got[0].1[..2], ["Receive", "Relieve"]);
        assert!(flagged("They met Zelenskyy and Recieve.").is_empty());
    }

    #[test]
    fn non_words_are_skipped() {
        for text in [
            "See https://example.com/recieve or www.recieve.org today.",
            "Mail recieve@example.com or @recieve, #recieve and ~/recieve/x.",
            "The NATO and OSCE and RECIEVE acronyms.",
            "The G7 and 5G and recieve2 and 14th.",
            "Call recieve_all or recieve.json or Node.recieve or std::recieve.",
            "A \u{FFFC}recieve placeholder and chapter xiv.",
            "An iPhone and eBay and a zz and qx.",
            "The café and naïve über words.",
        ] {
            assert!(flagged(text).is_empty(), "{text}: {:?}", flagged(text));
        }
    }

    #[test]
    fn dropped_g_in_dialect_is_not_a_misspelling() {
        assert_eq!(flagged("They were receivin the cattle."), ["receivin"]);
        assert!(flagged("They were receivin' the cattle.").is_empty());
        assert!(flagged("They were receivin’ the cattle.").is_empty());
    }

    #[test]
    fn compounds_possessives_and_contractions() {
        assert!(flagged("The pre-receive and non-government letters.").is_empty());
        assert!(flagged("Don't, can't, won't, it's, they’re, we've, Russia’s letters.").is_empty());
        assert_eq!(flagged("The receive-recieve letters."), ["recieve"]);
        assert_eq!(flagged("The recieve’s letters."), ["recieve"]);
        assert_eq!(flagged("The anti-Zelenskyy letters."), Vec::<String>::new());
    }

    #[test]
    fn spans_of_compound_parts_are_exact() {
        let text = "A receive\u{2011}recieve and colour-recieve.";
        let doc = Document::new(text, SourceKind::Plain);
        let lex = lexicon();
        let c = Config::default();
        let ctx = Context {
            config: &c,
            lexicon: Some(&lex),
        };
        let mut out = Vec::new();
        Spelling::default().check(&doc, &ctx, &mut out);
        let words: Vec<&str> = out.iter().map(|d| &text[d.span.clone()]).collect();
        assert_eq!(words, ["recieve", "recieve"]);
    }

    #[test]
    fn user_words_are_accepted() {
        let text = "We recieve letters from the goverment.";
        assert_eq!(flagged(text), ["recieve", "goverment"]);
        let mut c = Config {
            words: vec!["Goverment".into()],
            ..Config::default()
        };
        assert_eq!(run_with(text, &c).len(), 1);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("words.txt"),
            "# ours\nrecieve  # on purpose\n\n",
        )
        .unwrap();
        c.words_file = Some(dir.path().join("words.txt"));
        assert!(validate_config(&c).is_ok());
        assert!(run_with(text, &c).is_empty());
        c.words_file = Some(dir.path().join("missing.txt"));
        assert!(validate_config(&c).is_err());
    }

    #[test]
    fn examples_hold_with_a_small_lexicon() {
        let meta = &Spelling::default().rules()[0];
        assert!(
            meta.needs_pos,
            "the linter must load the lexicon for this rule"
        );
        for (ex, fixed) in &meta.examples {
            let text = ex.replace(['[', ']'], "");
            let got = run(&text);
            let want = &ex[ex.find('[').unwrap() + 1..ex.find(']').unwrap()];
            assert_eq!(got.len(), 1, "{ex}: {got:?}");
            assert_eq!(got[0].0, want);
            assert_eq!(got[0].1.first(), fixed.as_ref(), "{ex}");
        }
        for ce in &meta.counter_examples {
            assert!(run(ce).is_empty(), "{ce}: {:?}", run(ce));
        }
    }

    #[test]
    fn nothing_without_a_lexicon() {
        let doc = Document::new("We recieve letters.", SourceKind::Plain);
        let c = Config::default();
        let ctx = Context {
            config: &c,
            lexicon: None,
        };
        let mut out = Vec::new();
        Spelling::default().check(&doc, &ctx, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn computing_words_are_sorted() {
        assert!(COMPUTING.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn short_words_only_as_swaps_of_common_words() {
        assert_eq!(flagged("Read teh letters and wiht care."), ["teh", "wiht"]);
        // Abbreviations one edit from a word: "adm" (a swap of "dam", not a common word),
        // "sed" (a vowel slip), "mmap" (a doubled letter), "uint" is four letters: a swap counts.
        assert!(flagged("The adm and sed and mmap calls.").is_empty());
        assert_eq!(flagged("The uint type."), ["uint"]);
    }

    #[test]
    fn distance_and_slips() {
        assert_eq!(osa_distance(b"recieve", b"receive", 2), Some(1));
        assert_eq!(osa_distance(b"recieve", b"relieve", 2), Some(1));
        assert_eq!(osa_distance(b"abc", b"xyz", 2), None);
        assert_eq!(osa_distance(b"addon", b"abandon", 3), Some(3));
        assert_eq!(osa_distance(b"addon", b"abandon", 2), None);
        assert_eq!(osa_distance(b"ca", b"abc", 3), Some(3));
        assert_eq!(osa_distance(b"abcdef", b"badcfe", 3), Some(3));
        assert_eq!(osa_distance(b"", b"ab", 2), Some(2));
        assert_eq!(osa_distance(b"goverment", b"government", 2), Some(1));
        assert!(is_common_slip(b"recieve", b"receive"));
        assert!(!is_common_slip(b"recieve", b"relieve"));
        assert!(is_common_slip(b"occured", b"occurred"));
        assert!(is_common_slip(b"seperate", b"separate"));
        // A letter left out is a slip; one added (not doubled) is not.
        assert_eq!(common_slip(b"goverment", b"government"), Some(Slip::Drop));
        assert_eq!(common_slip(b"government", b"goverment"), None);
        assert_eq!(common_slip(b"futher", b"further"), Some(Slip::Drop));
    }

    #[test]
    fn slips_override_derivation_by_length() {
        let cand = |word: &'static str| Candidate {
            distance: 1,
            other_edit: false,
            other_first: false,
            word,
        };
        // "fut+her", "flex+able" look derived; the slip wins from six and seven letters.
        assert!(cand("further").is_typo_of("futher"));
        assert!(cand("flexible").is_typo_of("flexable"));
        assert!(cand("formatting").is_typo_of("formating"));
        // "move+ing" looks derived; English drops the silent "e".
        assert!(cand("moving").is_typo_of("moveing"));
        assert!(!cand("movies").is_typo_of("moveing"));
        // Short words: a dropped letter or a vowel is too often an abbreviation ("rustc").
        assert!(!cand("rustic").is_typo_of("rustc"));
        assert!(!cand("parity").is_typo_of("arity"));
        assert!(!cand("hasher").is_typo_of("hashir"));
    }

    #[test]
    fn suggestions_keep_to_the_lexicon() {
        let lex = lexicon();
        assert_eq!(suggest("goverment", &lex), ["government"]);
        assert_eq!(suggest("occured", &lex), ["occurred"]);
        assert_eq!(suggest("seperate", &lex), ["separate"]);
        assert!(suggest("qqqqqqq", &lex).is_empty());
    }
}
