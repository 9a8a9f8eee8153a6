//! Turns the serde types of a pack into compiled rules: regexes built once, words
//! normalised, templates parsed, every reference checked. Errors point at the
//! offending token table, template or rule id (`path:line:column: message`).

use super::schema::{ExampleDef, MarkDef, OneOrMany, PackFile, RuleDef, TokenDef};
use super::suggest::{Part, RefOp, Template};
use crate::checks::RuleMeta;
use crate::config::FileError;
use crate::diagnostic::FixSafety;
use regex::Regex;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

/// Longest run one element may match (`repeat = "0..N"`).
pub const MAX_REPEAT: usize = 16;

/// Word classes for `class = "..."`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Any token.
    Any,
    /// A word token (letters, maybe with digits, hyphens, apostrophes).
    Word,
    /// A word without upper-case letters.
    LowercaseWord,
    /// A word whose first letter is upper case.
    Capitalized,
    /// A word of two or more letters, none lower case ("NATO").
    Uppercase,
    /// A number token ("14,000").
    Number,
    /// A punctuation or symbol token.
    Punct,
    /// Opening quotes and brackets.
    Opening,
    /// Closing quotes and brackets.
    Closing,
    /// Closed word lists.
    List(&'static [&'static str]),
}

const ARTICLE: &[&str] = &["a", "an", "the"];
const POSSESSIVE: &[&str] = &["my", "your", "his", "her", "its", "our", "their", "whose"];
const DETERMINER: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "my", "your", "his", "her", "its", "our",
    "their", "whose", "some", "any", "no", "each", "every", "either", "neither", "another", "such",
    "what", "which", "all", "both", "several", "many", "much", "few", "more", "most", "other",
];
const PRONOUN: &[&str] = &[
    "i",
    "me",
    "you",
    "he",
    "him",
    "she",
    "her",
    "it",
    "we",
    "us",
    "they",
    "them",
    "myself",
    "yourself",
    "himself",
    "herself",
    "itself",
    "ourselves",
    "themselves",
    "this",
    "that",
    "these",
    "those",
];
const PREPOSITION: &[&str] = &[
    "about",
    "above",
    "across",
    "after",
    "against",
    "along",
    "amid",
    "among",
    "around",
    "as",
    "at",
    "before",
    "behind",
    "below",
    "beneath",
    "beside",
    "besides",
    "between",
    "beyond",
    "by",
    "despite",
    "down",
    "during",
    "except",
    "for",
    "from",
    "in",
    "inside",
    "into",
    "near",
    "of",
    "off",
    "on",
    "onto",
    "out",
    "outside",
    "over",
    "past",
    "per",
    "since",
    "through",
    "throughout",
    "to",
    "toward",
    "towards",
    "under",
    "until",
    "up",
    "upon",
    "via",
    "with",
    "within",
    "without",
];
const MODAL: &[&str] = &[
    "can", "could", "may", "might", "must", "shall", "should", "will", "would", "ought", "cannot",
];
const CONJUNCTION: &[&str] = &[
    "and", "or", "but", "nor", "yet", "so", "if", "because", "although", "though", "while",
    "whereas", "unless", "whether",
];

/// The class names accepted in packs, with what they mean (for docs and errors).
pub const CLASS_NAMES: &[&str] = &[
    "any",
    "word",
    "lowercase-word",
    "capitalized",
    "uppercase",
    "number",
    "punct",
    "opening",
    "closing",
    "article",
    "determiner",
    "possessive",
    "pronoun",
    "preposition",
    "modal",
    "conjunction",
];

impl Class {
    pub fn parse(s: &str) -> Option<Class> {
        Some(match s {
            "any" => Class::Any,
            "word" => Class::Word,
            "lowercase-word" => Class::LowercaseWord,
            "capitalized" => Class::Capitalized,
            "uppercase" => Class::Uppercase,
            "number" => Class::Number,
            "punct" => Class::Punct,
            "opening" => Class::Opening,
            "closing" => Class::Closing,
            "article" => Class::List(ARTICLE),
            "determiner" => Class::List(DETERMINER),
            "possessive" => Class::List(POSSESSIVE),
            "pronoun" => Class::List(PRONOUN),
            "preposition" => Class::List(PREPOSITION),
            "modal" => Class::List(MODAL),
            "conjunction" => Class::List(CONJUNCTION),
            _ => return None,
        })
    }
}

/// The (lemma, tag) condition: one reading must satisfy both parts.
#[derive(Clone, Debug)]
pub struct PosCond {
    pub tag: Option<Regex>,
    pub lemmas: Option<Vec<String>>,
}

/// Conditions on one token; all must hold, and none of `neg` may hold.
#[derive(Clone, Debug, Default)]
pub struct Cond {
    /// Literal alternatives, normalised (lower case unless `case_sensitive`, ’ → ').
    pub words: Option<Vec<String>>,
    pub case_sensitive: bool,
    pub regex: Option<Regex>,
    pub class: Option<Class>,
    pub pos: Option<PosCond>,
    pub chunk: Option<Regex>,
    pub space_before: Option<bool>,
    pub neg: Vec<Cond>,
}

impl Cond {
    pub fn needs_pos(&self) -> bool {
        self.pos.is_some() || self.chunk.is_some() || self.neg.iter().any(Cond::needs_pos)
    }
}

/// One pattern element: a token condition, how many tokens it spans, and context checks.
#[derive(Clone, Debug)]
pub struct Elem {
    pub cond: Cond,
    /// When not empty, the element matches one of these token sequences (longest first) and
    /// `cond`, `min` and `max` are not used. Built by the terminology table (`[[term]]`), not
    /// written in packs.
    pub phrases: Vec<Vec<Cond>>,
    pub min: usize,
    pub max: usize,
    /// Lower-case words that must not directly precede / follow the element.
    pub not_after: Vec<String>,
    pub not_before: Vec<String>,
    pub sentence_start: bool,
    pub sentence_end: bool,
}

#[derive(Clone, Debug)]
pub struct Pattern {
    pub elems: Vec<Elem>,
}

impl Pattern {
    pub fn needs_pos(&self) -> bool {
        self.elems.iter().any(|e| e.cond.needs_pos())
    }

    /// Literal words one of which must occur for the pattern to match (the required element
    /// with the fewest alternatives), for the rule index. None: the pattern has no such element.
    pub fn anchor(&self) -> Option<Vec<String>> {
        self.elems
            .iter()
            .filter(|e| e.min >= 1)
            .filter_map(Elem::literal_words)
            .min_by_key(|w| w.len())
            .map(|w| w.iter().map(|s| s.to_lowercase()).collect())
    }
}

impl Elem {
    /// The literal words one of which the element's (first) token must be, if it has such a list.
    fn literal_words(&self) -> Option<Vec<String>> {
        if self.phrases.is_empty() {
            return self.cond.words.clone();
        }
        let mut out = Vec::new();
        for p in &self.phrases {
            out.extend(p.first()?.words.clone()?);
        }
        Some(out)
    }
}

/// A rule ready to run.
#[derive(Debug)]
pub struct CompiledRule {
    pub meta: RuleMeta,
    pub pattern: Pattern,
    pub antipatterns: Vec<Pattern>,
    pub context: Vec<Pattern>,
    /// Marked elements, 0-based inclusive.
    pub mark: (usize, usize),
    pub message: Template,
    pub suggest: Vec<Template>,
    pub fix: FixSafety,
    /// Spellings of the marked span (a possessive ending aside) for which suggestions keep
    /// their own case instead of following the span's: a term's variants as written, so that
    /// “FYROM” → “North Macedonia” (not “NORTH MACEDONIA”). Empty for pack rules.
    pub keep_case: Vec<String>,
}

/// Lower-cases (unless case-sensitive) and maps the typographic apostrophe to ASCII.
pub fn normalize(s: &str, case_sensitive: bool) -> String {
    let s = s.replace('’', "'");
    if case_sensitive {
        s
    } else {
        s.to_lowercase()
    }
}

struct Ctx<'a> {
    path: &'a Path,
    text: &'a str,
    /// The pack's `[lists]`, references expanded.
    lists: &'a BTreeMap<String, Vec<String>>,
}

impl Ctx<'_> {
    fn err(&self, span: Range<usize>, msg: impl Into<String>) -> FileError {
        FileError::at(self.path, self.text, span.start, msg)
    }
}

/// Parses and compiles one pack. `origin` is what `mtlint rules` shows ("rules/calques.toml").
pub fn compile_pack(
    path: &Path,
    text: &str,
    origin: &str,
) -> Result<Vec<(Range<usize>, CompiledRule)>, FileError> {
    let pack: PackFile = crate::config::parse_toml(path, text)?;
    let lists = expand_lists(&pack.lists)
        .map_err(|(span, msg)| FileError::at(path, text, span.start, msg))?;
    let cx = Ctx {
        path,
        text,
        lists: &lists,
    };
    let mut out: Vec<(Range<usize>, CompiledRule)> = Vec::new();
    for def in pack.rule {
        let span = def.id.span();
        let rule = compile_rule(&cx, def, origin)?;
        out.push((span, rule));
    }
    out.extend(super::terms::compile_pack_terms(
        path, text, origin, pack.term,
    )?);
    Ok(out)
}

pub(crate) fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.contains('/')
        && !id.starts_with('/')
        && !id.ends_with('/')
        && !id.contains("//")
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.'))
}

fn compile_rule(cx: &Ctx, def: RuleDef, origin: &str) -> Result<CompiledRule, FileError> {
    let id_span = def.id.span();
    let id = def.id.into_inner();
    if !valid_id(&id) {
        return Err(cx.err(
            id_span,
            format!("invalid rule id `{id}`: expected \"family/name\" (ASCII letters, digits, '-', '_', '.')"),
        ));
    }
    if def.summary.trim().is_empty() || def.summary.contains('\n') {
        return Err(cx.err(
            id_span,
            format!("rule `{id}`: `summary` must be one non-empty line"),
        ));
    }
    if def.pattern.is_empty() {
        return Err(cx.err(id_span, format!("rule `{id}`: `pattern` is empty")));
    }
    let pattern = compile_pattern(cx, &def.pattern, &id, id_span.clone())?;
    let n = pattern.elems.len();
    let antipatterns = def
        .antipatterns
        .iter()
        .map(|p| compile_pattern(cx, p, &id, id_span.clone()))
        .collect::<Result<Vec<_>, _>>()?;
    let context = def
        .context
        .iter()
        .map(|p| compile_pattern(cx, p, &id, id_span.clone()))
        .collect::<Result<Vec<_>, _>>()?;

    let mark = match &def.mark {
        None => (0, n - 1),
        Some(m) => {
            let (a, b) = match *m.get_ref() {
                MarkDef::One(i) => (i, i),
                MarkDef::Range([a, b]) => (a, b),
            };
            if a == 0 || b < a || b > n {
                return Err(cx.err(
                    m.span(),
                    format!("rule `{id}`: mark must name pattern tokens 1..={n} (first <= last), got {a}..{b}"),
                ));
            }
            if pattern.elems[a - 1..b].iter().all(|e| e.min == 0) {
                return Err(cx.err(
                    m.span(),
                    format!("rule `{id}`: every marked token is optional"),
                ));
            }
            (a - 1, b - 1)
        }
    };

    let message = match &def.message {
        Some(m) => parse_template(m.get_ref(), n)
            .map_err(|e| cx.err(m.span(), format!("rule `{id}`: message: {e}")))?,
        None => Template {
            parts: vec![Part::Lit(def.summary.clone())],
        },
    };
    let mut suggest = Vec::new();
    for s in &def.suggest {
        suggest.push(
            parse_template(s.get_ref(), n)
                .map_err(|e| cx.err(s.span(), format!("rule `{id}`: suggest: {e}")))?,
        );
    }
    let fix = match def.fix {
        Some(FixSafety::None) if !suggest.is_empty() => {
            return Err(cx.err(
                id_span,
                format!("rule `{id}`: fix = \"none\" but `suggest` is given"),
            ));
        }
        Some(f) if f != FixSafety::None && suggest.is_empty() => {
            return Err(cx.err(
                id_span,
                format!("rule `{id}`: fix = \"{}\" needs `suggest`", fix_name(f)),
            ));
        }
        Some(f) => f,
        None if suggest.is_empty() => FixSafety::None,
        None => FixSafety::Unsafe,
    };

    let mut source_lang = Vec::new();
    for l in &def.source_lang {
        let s = l.get_ref();
        if !(2..=3).contains(&s.len()) || !s.chars().all(|c| c.is_ascii_lowercase()) {
            return Err(cx.err(
                l.span(),
                format!("rule `{id}`: source_lang `{s}` is not an ISO 639 code (\"fr\", \"zh\")"),
            ));
        }
        source_lang.push(s.clone());
    }
    let mut examples = Vec::new();
    for e in &def.examples {
        let ExampleDef { text, fix } = e.get_ref();
        if let Err(msg) = split_example(text) {
            return Err(cx.err(e.span(), format!("rule `{id}`: example {text:?}: {msg}")));
        }
        examples.push((text.clone(), fix.clone()));
    }
    let counter_examples: Vec<String> = def
        .counter_examples
        .iter()
        .map(|c| c.get_ref().clone())
        .collect();

    let needs_pos = pattern.needs_pos()
        || antipatterns.iter().any(Pattern::needs_pos)
        || context.iter().any(Pattern::needs_pos);
    let meta = RuleMeta {
        id,
        category: def.category,
        severity: def.severity,
        summary: def.summary.trim().to_string(),
        description: def.description.trim().to_string(),
        fix,
        default_enabled: def.default_enabled,
        needs_pos,
        origin: origin.to_string(),
        source_lang,
        examples,
        counter_examples,
        url: None,
    };
    Ok(CompiledRule {
        meta,
        pattern,
        antipatterns,
        context,
        mark,
        message,
        suggest,
        fix,
        keep_case: Vec::new(),
    })
}

fn fix_name(f: FixSafety) -> &'static str {
    match f {
        FixSafety::Safe => "safe",
        FixSafety::Unsafe => "unsafe",
        FixSafety::None => "none",
    }
}

/// Splits an example "a [marked] b" into its text without brackets and the marked byte span.
/// `\\[` and `\\]` stand for literal brackets (“Dear [\\[NAME\\]], ...”).
pub fn split_example(text: &str) -> Result<(String, Range<usize>), String> {
    let mut plain = String::with_capacity(text.len());
    let (mut open, mut close) = (Vec::new(), Vec::new());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if matches!(chars.peek(), Some('[') | Some(']')) => {
                plain.push(chars.next().unwrap_or(c));
            }
            '[' => open.push(plain.len()),
            ']' => close.push(plain.len()),
            _ => plain.push(c),
        }
    }
    if open.len() != 1 || close.len() != 1 {
        return Err(
            "must contain exactly one [marked span] (write \\[ and \\] for literal brackets)"
                .into(),
        );
    }
    let (a, b) = (open[0], close[0]);
    if b <= a {
        return Err("the [marked span] is empty or the brackets are reversed".into());
    }
    Ok((plain, a..b))
}

fn compile_pattern(
    cx: &Ctx,
    toks: &[Spanned<TokenDef>],
    id: &str,
    id_span: Range<usize>,
) -> Result<Pattern, FileError> {
    if toks.is_empty() {
        return Err(cx.err(id_span, format!("rule `{id}`: empty token list")));
    }
    let mut elems = Vec::with_capacity(toks.len());
    for t in toks {
        elems.push(
            use_lists(t.get_ref(), cx.lists)
                .and_then(|t| compile_elem(&t))
                .map_err(|e| cx.err(t.span(), format!("rule `{id}`: {e}")))?,
        );
    }
    if elems.iter().all(|e| e.min == 0) {
        return Err(cx.err(
            id_span,
            format!("rule `{id}`: every token of a pattern is optional"),
        ));
    }
    Ok(Pattern { elems })
}

/// Is `w` a reference to a named list (`"@name"`)? A lone `"@"` is the literal at sign; any
/// other entry that starts with `@` names a list (a misspelt name is an error, not a literal word
/// that never matches: text tokens never start with `@`, which is a token of its own).
fn list_ref(w: &str) -> Option<&str> {
    w.strip_prefix('@').filter(|n| !n.is_empty())
}

/// Expands the references between a pack's `[lists]`: a list entry `"@other"` stands for the
/// words of `other`. Errors (unknown list, lists that name each other, an empty list, an entry
/// with a space) carry the span of the list at fault.
fn expand_lists(
    defs: &BTreeMap<String, Spanned<Vec<String>>>,
) -> Result<BTreeMap<String, Vec<String>>, (Range<usize>, String)> {
    fn expand(
        name: &str,
        defs: &BTreeMap<String, Spanned<Vec<String>>>,
        stack: &mut Vec<String>,
        out: &mut BTreeMap<String, Vec<String>>,
    ) -> Result<(), (Range<usize>, String)> {
        if out.contains_key(name) {
            return Ok(());
        }
        let def = &defs[name];
        let err = |msg: String| (def.span(), format!("list `{name}`: {msg}"));
        if def.get_ref().is_empty() {
            return Err(err("is empty".into()));
        }
        stack.push(name.to_string());
        let mut words = Vec::new();
        for w in def.get_ref() {
            match list_ref(w) {
                Some(other) if stack.iter().any(|s| s == other) => {
                    let from = stack.iter().position(|s| s == other).unwrap_or(0);
                    let cycle: Vec<String> = stack[from..]
                        .iter()
                        .chain([&other.to_string()])
                        .map(|s| format!("@{s}"))
                        .collect();
                    return Err(err(format!(
                        "lists name each other in a cycle: {}",
                        cycle.join(" → ")
                    )));
                }
                Some(other) if defs.contains_key(other) => {
                    expand(other, defs, stack, out)?;
                    words.extend(out[other].iter().cloned());
                }
                Some(other) => return Err(err(unknown_list(other, defs.keys()))),
                None if w.trim().is_empty() || w.chars().any(char::is_whitespace) => {
                    return Err(err(format!(
                        "entry {w:?} is empty or contains a space (one entry is one token)"
                    )));
                }
                None => words.push(w.clone()),
            }
        }
        stack.pop();
        out.insert(name.to_string(), words);
        Ok(())
    }
    let mut out = BTreeMap::new();
    for name in defs.keys() {
        if !name.starts_with(|c: char| c.is_ascii_lowercase())
            || !name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
        {
            return Err((
                defs[name].span(),
                format!("list name `{name}`: use lower-case ASCII letters, digits, '_' and '-', starting with a letter"),
            ));
        }
        expand(name, defs, &mut Vec::new(), &mut out)?;
    }
    Ok(out)
}

fn unknown_list<'a>(name: &str, known: impl Iterator<Item = &'a String>) -> String {
    let known: Vec<String> = known.map(|k| format!("@{k}")).collect();
    if known.is_empty() {
        format!("unknown list `@{name}`: this pack has no `[lists]` table")
    } else {
        format!(
            "unknown list `@{name}` (this pack's lists: {})",
            known.join(", ")
        )
    }
}

/// The token table with its list references (`"@name"`) replaced by the words of the lists.
fn use_lists(t: &TokenDef, lists: &BTreeMap<String, Vec<String>>) -> Result<TokenDef, String> {
    let words = |v: &[String]| -> Result<Vec<String>, String> {
        let mut out = Vec::with_capacity(v.len());
        for w in v {
            match list_ref(w) {
                Some(name) => match lists.get(name) {
                    Some(ws) => out.extend(ws.iter().cloned()),
                    None => return Err(unknown_list(name, lists.keys())),
                },
                None => out.push(w.clone()),
            }
        }
        Ok(out)
    };
    let many = |v: &Option<OneOrMany>| -> Result<Option<OneOrMany>, String> {
        v.clone()
            .map(|v| words(&v.into_vec()).map(OneOrMany::Many))
            .transpose()
    };
    if let Some(name) = t.word.as_deref().and_then(list_ref) {
        return Err(format!(
            "`word` takes one word: write `any = [\"@{name}\"]` to use a list"
        ));
    }
    let mut out = t.clone();
    out.any = t.any.as_deref().map(words).transpose()?;
    out.not_any = t.not_any.as_deref().map(words).transpose()?;
    out.not_word = many(&t.not_word)?;
    out.lemma = many(&t.lemma)?;
    out.not_lemma = many(&t.not_lemma)?;
    out.not_after = words(&t.not_after)?;
    out.not_before = words(&t.not_before)?;
    out.not = t
        .not
        .as_deref()
        .map(|n| use_lists(n, lists).map(Box::new))
        .transpose()?;
    Ok(out)
}

fn compile_elem(t: &TokenDef) -> Result<Elem, String> {
    let cond = compile_cond(t)?;
    let (min, max) = match (&t.repeat, t.optional) {
        (Some(_), true) => return Err("use either `optional` or `repeat`".into()),
        (None, true) => (0, 1),
        (None, false) => (1, 1),
        (Some(r), false) => parse_repeat(r)?,
    };
    let words = |v: &[String]| v.iter().map(|w| normalize(w, false)).collect::<Vec<_>>();
    Ok(Elem {
        cond,
        phrases: Vec::new(),
        min,
        max,
        not_after: words(&t.not_after),
        not_before: words(&t.not_before),
        sentence_start: t.sentence_start,
        sentence_end: t.sentence_end,
    })
}

fn parse_repeat(r: &str) -> Result<(usize, usize), String> {
    let bad = || {
        format!(
            "bad repeat `{r}`: expected \"N\" or \"MIN..MAX\" with MAX between 1 and {MAX_REPEAT}"
        )
    };
    let (a, b) = match r.split_once("..") {
        Some((a, b)) => (
            a.trim().parse::<usize>().map_err(|_| bad())?,
            b.trim().parse::<usize>().map_err(|_| bad())?,
        ),
        None => {
            let n = r.trim().parse::<usize>().map_err(|_| bad())?;
            (n, n)
        }
    };
    if a > b || b == 0 || b > MAX_REPEAT {
        return Err(bad());
    }
    Ok((a, b))
}

fn regex(src: &str, case_insensitive: bool, what: &str) -> Result<Regex, String> {
    if src.is_empty() {
        return Err(format!("{what} is empty: it would match no word"));
    }
    let flags = if case_insensitive { "(?i)" } else { "" };
    Regex::new(&format!("^{flags}(?:{src})$"))
        .map_err(|e| format!("bad {what} `{src}`: {}", first_line(&e.to_string())))
}

fn first_line(s: &str) -> String {
    // regex errors are multi-line with a caret diagram; keep the last line (the reason).
    s.lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or(s)
        .trim()
        .to_string()
}

fn class(name: &str) -> Result<Class, String> {
    Class::parse(name).ok_or_else(|| {
        format!(
            "unknown class `{name}` (expected one of: {})",
            CLASS_NAMES.join(", ")
        )
    })
}

fn compile_cond(t: &TokenDef) -> Result<Cond, String> {
    let cs = t.case_sensitive;
    let words = match (&t.word, &t.any) {
        (Some(_), Some(_)) => return Err("use either `word` or `any`".into()),
        (Some(w), None) => Some(vec![normalize(w, cs)]),
        (None, Some(v)) if v.is_empty() => return Err("`any` is empty".into()),
        (None, Some(v)) => Some(v.iter().map(|w| normalize(w, cs)).collect()),
        (None, None) => None,
    };
    if let Some(ws) = &words {
        if ws
            .iter()
            .any(|w| w.trim().is_empty() || w.chars().any(char::is_whitespace))
        {
            return Err("a literal word is empty or contains a space (one pattern token matches one text token)".into());
        }
    }
    let re = t
        .regex
        .as_deref()
        .map(|r| regex(r, !cs, "regex"))
        .transpose()?;
    let cls = t.class.as_deref().map(class).transpose()?;
    let pos = if t.tag.is_some() || t.lemma.is_some() {
        Some(PosCond {
            tag: t
                .tag
                .as_deref()
                .map(|r| regex(r, false, "tag regex"))
                .transpose()?,
            lemmas: t
                .lemma
                .clone()
                .map(|l| l.into_vec().iter().map(|w| normalize(w, false)).collect()),
        })
    } else {
        None
    };
    let chunk = t
        .chunk
        .as_deref()
        .map(|r| regex(r, false, "chunk regex"))
        .transpose()?;
    let space_before = match (t.space_before, t.no_space_before) {
        (Some(true), true) => {
            return Err("`space_before = true` contradicts `no_space_before = true`".into())
        }
        (_, true) => Some(false),
        (s, false) => s,
    };

    let mut neg = Vec::new();
    let lit = |ws: Vec<String>| Cond {
        words: Some(ws.iter().map(|w| normalize(w, cs)).collect()),
        case_sensitive: cs,
        ..Cond::default()
    };
    if let Some(w) = &t.not_word {
        neg.push(lit(w.clone().into_vec()));
    }
    if let Some(v) = &t.not_any {
        neg.push(lit(v.clone()));
    }
    if let Some(r) = &t.not_regex {
        neg.push(Cond {
            regex: Some(regex(r, !cs, "not_regex")?),
            ..Cond::default()
        });
    }
    if let Some(c) = &t.not_class {
        for name in c.clone().into_vec() {
            neg.push(Cond {
                class: Some(class(&name)?),
                ..Cond::default()
            });
        }
    }
    if t.not_tag.is_some() || t.not_lemma.is_some() {
        // Separate negations: no reading has the tag; no reading has the lemma.
        if let Some(r) = &t.not_tag {
            neg.push(Cond {
                pos: Some(PosCond {
                    tag: Some(regex(r, false, "not_tag regex")?),
                    lemmas: None,
                }),
                ..Cond::default()
            });
        }
        if let Some(l) = &t.not_lemma {
            let lemmas = l
                .clone()
                .into_vec()
                .iter()
                .map(|w| normalize(w, false))
                .collect();
            neg.push(Cond {
                pos: Some(PosCond {
                    tag: None,
                    lemmas: Some(lemmas),
                }),
                ..Cond::default()
            });
        }
    }
    if let Some(r) = &t.not_chunk {
        neg.push(Cond {
            chunk: Some(regex(r, false, "not_chunk regex")?),
            ..Cond::default()
        });
    }
    if let Some(inner) = &t.not {
        if inner.optional
            || inner.repeat.is_some()
            || !inner.not_after.is_empty()
            || !inner.not_before.is_empty()
            || inner.sentence_start
            || inner.sentence_end
        {
            return Err("`not = {...}` takes token conditions only (no optional/repeat/not_after/not_before/sentence_*)".into());
        }
        neg.push(compile_cond(inner)?);
    }
    Ok(Cond {
        words,
        case_sensitive: cs,
        regex: re,
        class: cls,
        pos,
        chunk,
        space_before,
        neg,
    })
}

/// Parses a template: literal text with `{N}` (text of pattern token N), `{N:TAG}` (token N
/// inflected to a Penn tag) and `{N|from:to|from:to}` (token N mapped through a table);
/// `{{` and `}}` are literal braces.
pub fn parse_template(src: &str, n: usize) -> Result<Template, String> {
    let mut parts = Vec::new();
    let mut lit = String::new();
    let mut chars = src.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '{' if chars.peek().map(|x| x.1) == Some('{') => {
                chars.next();
                lit.push('{');
            }
            '}' if chars.peek().map(|x| x.1) == Some('}') => {
                chars.next();
                lit.push('}');
            }
            '}' => {
                return Err(format!(
                    "unmatched `}}` at byte {i} (write `}}}}` for a literal brace)"
                ))
            }
            '{' => {
                let rest = &src[i + 1..];
                let end = rest
                    .find('}')
                    .ok_or_else(|| format!("unclosed `{{` at byte {i}"))?;
                let inner = &rest[..end];
                for _ in 0..inner.chars().count() + 1 {
                    chars.next();
                }
                if !lit.is_empty() {
                    parts.push(Part::Lit(std::mem::take(&mut lit)));
                }
                parts.push(parse_ref(inner, n)?);
            }
            _ => lit.push(c),
        }
    }
    if !lit.is_empty() {
        parts.push(Part::Lit(lit));
    }
    Ok(Template { parts })
}

fn parse_ref(inner: &str, n: usize) -> Result<Part, String> {
    let digits: String = inner.chars().take_while(char::is_ascii_digit).collect();
    let idx: usize = digits.parse().map_err(|_| {
        format!(
            "bad token reference `{{{inner}}}`: expected `{{N}}`, `{{N:TAG}}` or `{{N|from:to}}`"
        )
    })?;
    if idx == 0 || idx > n {
        return Err(format!("token reference `{{{inner}}}` is out of range: the pattern has {n} token(s), numbered from 1"));
    }
    let rest = &inner[digits.len()..];
    let op = if rest.is_empty() {
        RefOp::Text
    } else if let Some(tag) = rest.strip_prefix(':') {
        if tag.is_empty() || !tag.chars().all(|c| c.is_ascii_uppercase() || c == '$') {
            return Err(format!(
                "bad inflection tag in `{{{inner}}}`: expected a Penn tag such as VBZ"
            ));
        }
        RefOp::Inflect(tag.to_string())
    } else if let Some(map) = rest.strip_prefix('|') {
        let mut pairs = Vec::new();
        for entry in map.split('|') {
            let (from, to) = entry.split_once(':').ok_or_else(|| {
                format!("bad map entry `{entry}` in `{{{inner}}}`: expected `from:to`")
            })?;
            if from.trim().is_empty() {
                return Err(format!("empty map key in `{{{inner}}}`"));
            }
            pairs.push((from.trim().to_lowercase(), to.to_string()));
        }
        RefOp::Map(pairs)
    } else if let Some(body) = rest.strip_prefix('/') {
        // {N/regex/replacement/}: the regex ends at the first `/` not escaped by `\`.
        let bad = || format!("bad replacement `{{{inner}}}`: expected `{{N/regex/replacement/}}`");
        let body = body.strip_suffix('/').ok_or_else(bad)?;
        let mut end = None;
        let mut escaped = false;
        for (i, c) in body.char_indices() {
            match c {
                '\\' if !escaped => escaped = true,
                '/' if !escaped => {
                    end = Some(i);
                    break;
                }
                _ => escaped = false,
            }
        }
        let end = end.ok_or_else(bad)?;
        let (src, rep) = (&body[..end], &body[end + 1..]);
        let re = Regex::new(&src.replace("\\/", "/"))
            .map_err(|e| format!("bad regex in `{{{inner}}}`: {}", first_line(&e.to_string())))?;
        RefOp::Replace(super::suggest::Re(re), rep.to_string())
    } else {
        return Err(format!(
            "bad token reference `{{{inner}}}`: expected `{{N}}`, `{{N:TAG}}`, `{{N|from:to}}` or `{{N/regex/replacement/}}`"
        ));
    };
    Ok(Part::Ref { idx: idx - 1, op })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_split() {
        assert_eq!(
            split_example("on [son territory]."),
            Ok(("on son territory.".into(), 3..16))
        );
        assert!(split_example("no brackets").is_err());
        assert!(split_example("[a] [b]").is_err());
        assert!(split_example("a ] b [").is_err());
        assert!(split_example("a [] b").is_err());
        assert_eq!(
            split_example(r"Dear [\[NAME\]], hi \[sic\]"),
            Ok(("Dear [NAME], hi [sic]".into(), 5..11))
        );
    }

    #[test]
    fn repeat_forms() {
        assert_eq!(parse_repeat("0..2"), Ok((0, 2)));
        assert_eq!(parse_repeat("3"), Ok((3, 3)));
        assert!(parse_repeat("2..1").is_err());
        assert!(parse_repeat("0").is_err());
        assert!(parse_repeat("x").is_err());
    }

    #[test]
    fn templates() {
        let t = parse_template("its {2} {{x}}", 2).unwrap();
        assert_eq!(t.parts.len(), 3);
        assert!(parse_template("{3}", 2).is_err());
        assert!(parse_template("{0}", 2).is_err());
        assert!(parse_template("{1:vbz}", 2).is_err());
        assert!(parse_template("{1", 2).is_err());
        assert!(parse_template("a}", 2).is_err());
        match &parse_template("{1|Has:makes|had:made}", 1).unwrap().parts[0] {
            Part::Ref {
                idx: 0,
                op: RefOp::Map(m),
            } => assert_eq!(m[0], ("has".to_string(), "makes".to_string())),
            p => panic!("{p:?}"),
        }
    }
}
