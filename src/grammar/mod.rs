//! The grammar engine: LanguageTool's English rules run by nlprule.
//!
//! [`setup`] finds the data ([`data`]), reads the rules file (small: rule metadata for
//! `mtlint rules` and the config's selection) and returns a [`Grammar`]. The tokenizer (the big
//! file: tagger dictionary, chunker, disambiguation rules) is loaded lazily, once per process, by
//! the first document that needs it. Per document, [`Grammar::analyze`] runs nlprule once per
//! block; the resulting [`Analysis`] feeds both the LT rules ([`Grammar::check`]) and
//! `Document::analysis` (POS tags for pattern rules). [`NlpLexicon`] exposes the tagger dictionary.
//!
//! LT rule ids become `lt/<CATEGORY>/<GROUP>/<N>`; categories map onto mtlint's
//! ([`lt_category`]); which rules are on by default is [`selection`]'s (rules failing their own
//! examples are off; `lt_defaults.toml` records mtlint's decisions with their evidence).

pub mod analysis;
pub mod data;
pub mod index;
pub mod lexicon;
pub mod limits;
pub mod selection;

pub use analysis::{Analysis, NlpSentence};
pub use lexicon::NlpLexicon;

use crate::checks::RuleMeta;
use crate::config::{Config, GrammarMode};
use crate::diagnostic::{Category, Diagnostic, FixSafety, Severity};
use crate::document::Document;
use crate::lexicon::Lexicon;
use data::{DataDir, DataSource};

use std::collections::HashMap;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// Prefix of every LanguageTool rule id in mtlint.
pub const ID_PREFIX: &str = "lt/";
/// `RuleMeta::origin` of LanguageTool rules.
pub const ORIGIN: &str = "languagetool";

/// Maps an LT rule id (`CATEGORY/GROUP/N`) to mtlint's category and default severity.
pub fn lt_category(id: &str) -> (Category, Severity) {
    let mut parts = id.split('/');
    let cat = parts.next().unwrap_or("");
    let group = parts.next().unwrap_or("");
    let w = Severity::Warning;
    if group == "EN_QUOTES" {
        // Straight vs typographic quotes is house style: straight quotes are correct English.
        return (Category::Punctuation, Severity::Info);
    }
    if ["CAPITALIZATION", "CASING", "UPPERCASE", "LOWERCASE"]
        .iter()
        .any(|k| group.contains(k))
    {
        return (Category::Capitalization, w);
    }
    match cat {
        "GRAMMAR" | "CONFUSED_WORDS" | "COLLOCATIONS" | "NONSTANDARD_PHRASES" | "SEMANTICS" => {
            (Category::Grammar, w)
        }
        // PROPER_NOUNS: the spelling of names ("Languagetool"); COMPOUNDING: open, hyphenated
        // or closed compounds ("e-mail", "nation wide").
        "TYPOS" | "PROPER_NOUNS" | "COMPOUNDING" => (Category::Spelling, w),
        "CASING" => (Category::Capitalization, w),
        "PUNCTUATION" | "TYPOGRAPHY" if group.contains("SPACE") || group.contains("WHITESPACE") => {
            (Category::Spacing, w)
        }
        "PUNCTUATION" | "TYPOGRAPHY" => (Category::Punctuation, w),
        // STYLE, REDUNDANCY, PLAIN_ENGLISH, WIKIPEDIA, MISC and anything new.
        _ => (Category::Style, Severity::Info),
    }
}

pub use selection::default_off;

/// The loaded tokenizer and the lexicon over its tagger.
pub struct Loaded {
    pub tokenizer: nlprule::Tokenizer,
    pub lexicon: NlpLexicon,
}

/// Deserializes an nlprule binary. Same format as nlprule's `from_reader` (bincode's default
/// options), but from a slice: a corrupt length prefix is an error instead of a huge allocation.
fn deserialize<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    bincode::deserialize(bytes).map_err(|e| match *e {
        bincode::ErrorKind::Io(ref io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            "truncated or corrupt".to_string()
        }
        other => other.to_string(),
    })
}

/// Whether [`setup`] starts loading the tokenizer at once (see [`prefetch`]).
static PREFETCH: AtomicBool = AtomicBool::new(false);

/// Asks [`setup`] to start loading the tokenizer on another thread as soon as the data is
/// found, for processes that will check text (`mtlint check`, the language server), so that it
/// loads while the rules file is read and the files are walked and read. The first
/// [`Grammar::load`] waits for it; a run served from the result cache never does.
pub fn prefetch(on: bool) {
    PREFETCH.store(on, Ordering::SeqCst);
}

fn prefetch_tokenizer(source: &DataSource) {
    if !PREFETCH.load(Ordering::SeqCst) {
        return;
    }
    let source = source.clone();
    let _ = std::thread::Builder::new()
        .name("mtlint-load-grammar".into())
        .spawn(move || load_tokenizer(&source));
}

fn load_tokenizer(source: &DataSource) -> Result<Arc<Loaded>, String> {
    // One copy per process even if several linters are built (tests, library use, the language
    // server). The lock is held while loading: a second caller waits instead of loading again.
    static CACHE: Mutex<Vec<(DataSource, Arc<Loaded>)>> = Mutex::new(Vec::new());
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, l)) = cache.iter().find(|(s, _)| s == source) {
        return Ok(l.clone());
    }
    let bytes = source.tokenizer().map_err(|e| e.to_string())?;
    let tokenizer: nlprule::Tokenizer =
        deserialize(&bytes).map_err(|e| format!("not an nlprule 0.6 tokenizer ({e})"))?;
    let tables = lexicon::TaggerTables::find(&bytes, tokenizer.tagger());
    let lexicon = NlpLexicon::new(tokenizer.tagger().clone(), tables);
    let l = Arc::new(Loaded { tokenizer, lexicon });
    cache.push((source.clone(), l.clone()));
    Ok(l)
}

/// LanguageTool rules through nlprule. Built by [`setup`]; shared by all threads.
pub struct Grammar {
    /// Every rule, with nlprule's enabled flags set from the config, indexed by the words that
    /// can make them match.
    index: index::RuleIndex,
    metas: Vec<RuleMeta>,
    /// nlprule id → index into `metas`.
    by_id: HashMap<String, usize>,
    source: DataSource,
    loaded: OnceLock<Result<Arc<Loaded>, String>>,
}

/// Brackets the example's flagged span and applies its first replacement.
fn example(e: &nlprule::rule::Example) -> (String, Option<String>) {
    let text = e.text();
    let Some(s) = e.suggestion() else {
        return (text.to_string(), None);
    };
    let chars: Vec<char> = text.chars().collect();
    let r = s.span().char().clone();
    if r.start > r.end || r.end > chars.len() {
        return (text.to_string(), None);
    }
    let part = |r: std::ops::Range<usize>| chars[r].iter().collect::<String>();
    let (pre, mid, post) = (part(0..r.start), part(r.clone()), part(r.end..chars.len()));
    let fixed = s.replacements().first().map(|f| format!("{pre}{f}{post}"));
    (format!("{pre}[{mid}]{post}"), fixed)
}

fn meta(rule: &nlprule::rule::Rule, failing: &selection::Failing) -> RuleMeta {
    let id = rule.id().to_string();
    let (category, severity) = lt_category(&id);
    let severity = if selection::info(&id) {
        Severity::Info
    } else {
        severity
    };
    let mut description = format!("LanguageTool rule, category \"{}\".", rule.category_name());
    if let Some(s) = rule.short() {
        description.push_str(&format!(" LanguageTool calls it: {s}."));
    }
    if let Some(u) = rule.url() {
        description.push_str(&format!(" More: {u}"));
    }
    description.push_str(&format!(
        "\n{}.",
        selection::reason(&id, rule.enabled(), failing)
    ));
    let mut m = RuleMeta::builtin(
        &format!("{ID_PREFIX}{id}"),
        category,
        severity,
        FixSafety::Unsafe,
        rule.name(),
    );
    m.description = description;
    m.default_enabled = selection::default_enabled(&id, rule.enabled(), failing);
    m.origin = ORIGIN.to_string();
    m.url = rule.url().map(str::to_string);
    for e in rule.examples() {
        match example(e) {
            (t, f) if e.suggestion().is_some() => m.examples.push((t, f)),
            (t, _) => m.counter_examples.push(t),
        }
    }
    m
}

/// Why the grammar engine is not available.
fn describe_missing(dir: Option<&DataDir>, err: &str) -> String {
    match dir {
        Some(d) => format!("no nlprule data: {err} (directory from {})", d.source),
        None => "no nlprule data: no directory given and no user data directory on this system"
            .to_string(),
    }
}

fn how_to_enable() -> String {
    let named = format!(
        "name a directory with en_tokenizer.bin.gz and en_rules.bin.gz (nlprule 0.6 English) with \
         --nlprule-dir, ${} or grammar.nlprule_dir in mtlint.toml",
        data::ENV_DIR
    );
    if data::has_embedded() {
        format!("{named}, or use none of those settings to use the embedded data")
    } else {
        let user =
            data::user_data_dir().map_or_else(|| "DIR".to_string(), |p| p.display().to_string());
        format!(
            "put en_tokenizer.bin.gz and en_rules.bin.gz in {user}, or {named} (this mtlint was \
             built without the embedded data: cargo feature `embedded-grammar`)"
        )
    }
}

/// Prints a warning once per process.
fn warn_once(flag: &AtomicBool, msg: impl FnOnce() -> String) {
    if !flag.swap(true, Ordering::SeqCst) {
        eprintln!("warning: {}", msg());
    }
}

static WARNED_MISSING: AtomicBool = AtomicBool::new(false);
static WARNED_LOAD: AtomicBool = AtomicBool::new(false);

/// Sets up the grammar engine for `config`: `Ok(None)` when it is off, or (mode auto) when its
/// data is missing, after saying so once on stderr; an error when the mode is `require` and the
/// data is missing or unreadable.
pub fn setup(config: &Config) -> anyhow::Result<Option<Grammar>> {
    let mode = config.grammar.mode.unwrap_or_default();
    if mode == GrammarMode::Off {
        return Ok(None);
    }
    let result = match data::source(config) {
        Err((dir, e)) => Err(describe_missing(dir.as_ref(), &e)),
        Ok(source) => {
            prefetch_tokenizer(&source);
            // `require` promises working grammar rules: load the tokenizer now so a bad file is exit 2.
            Grammar::new(source, config).and_then(|g| match mode {
                GrammarMode::Require => g.load().map(|_| ()).map(|()| g),
                _ => Ok(g),
            })
        }
    };
    match result {
        Ok(g) => Ok(Some(g)),
        Err(why) if mode == GrammarMode::Require => {
            anyhow::bail!("grammar rules are required (grammar mode `require`) but unavailable: {why}.\nTo fix: {}.", how_to_enable())
        }
        Err(why) => {
            warn_once(&WARNED_MISSING, || {
                format!(
                    "grammar rules (LanguageTool) are off: {why}.\nTo enable them: {}. \
                     To silence this note: --grammar=off or grammar.mode = \"off\".",
                    how_to_enable()
                )
            });
            Ok(None)
        }
    }
}

impl Grammar {
    /// Reads the rules file and applies the config's rule selection. The tokenizer loads later
    /// ([`Grammar::load`]), on first use.
    pub fn new(source: DataSource, config: &Config) -> Result<Grammar, String> {
        let bytes = source
            .rules()
            .map_err(|e| format!("cannot read {}: {e}", source.rules_name()))?;
        // An nlprule rules file is its list of rules: read it as a list, so that each rule can
        // move into the index without a copy.
        let mut rules: Vec<nlprule::rule::Rule> = deserialize(&bytes).map_err(|e| {
            format!(
                "{} is not an nlprule 0.6 rules file ({e})",
                source.rules_name()
            )
        })?;
        let hash = blake3::hash(&bytes).to_hex().to_string();
        let failing = selection::Failing::for_hash(&hash);
        let metas: Vec<RuleMeta> = rules.iter().map(|r| meta(r, &failing)).collect();
        for (rule, m) in rules.iter_mut().zip(&metas) {
            if config.is_enabled(m) {
                rule.enable();
            } else {
                rule.disable();
            }
        }
        let by_id = metas
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id[ID_PREFIX.len()..].to_string(), i))
            .collect();
        let triggers = index::stored(&hash).unwrap_or_else(|| index::compute(rules.iter()));
        let index = index::RuleIndex::new(rules, &triggers);
        Ok(Grammar {
            index,
            metas,
            by_id,
            source,
            loaded: OnceLock::new(),
        })
    }

    /// Every LanguageTool rule, in nlprule's order.
    pub fn rules(&self) -> &[RuleMeta] {
        &self.metas
    }

    /// nlprule's rules with the config's selection applied, as one nlprule rule set (a copy: for
    /// comparisons with bare nlprule in tests and benchmarks).
    pub fn nlprule_rules(&self) -> nlprule::Rules {
        self.index.rules().cloned().collect()
    }

    /// Where the data comes from.
    pub fn source(&self) -> &DataSource {
        &self.source
    }

    /// Does the config leave any LT rule on?
    pub fn any_rule_enabled(&self) -> bool {
        self.index.any_enabled()
    }

    /// The enabled rules as they run (indexed by their trigger words).
    pub fn index(&self) -> &index::RuleIndex {
        &self.index
    }

    /// The tokenizer and lexicon, loading them on first use (None if that failed; said once on stderr).
    pub fn loaded(&self) -> Option<&Loaded> {
        match self.load() {
            Ok(l) => Some(l),
            Err(e) => {
                warn_once(&WARNED_LOAD, || {
                    format!("grammar rules (LanguageTool) are off: {e}")
                });
                None
            }
        }
    }

    /// Loads the tokenizer (once; later calls return the same result).
    pub fn load(&self) -> Result<&Loaded, String> {
        self.loaded
            .get_or_init(|| {
                load_tokenizer(&self.source)
                    .map_err(|e| format!("cannot load {}: {e}", self.source.tokenizer_name()))
            })
            .as_deref()
            .map_err(Clone::clone)
    }

    /// The tagger dictionary, once the tokenizer is loaded.
    pub fn lexicon(&self) -> Option<&dyn Lexicon> {
        self.loaded
            .get()
            .and_then(|l| l.as_deref().ok())
            .map(|l| &l.lexicon as &dyn Lexicon)
    }

    /// Runs nlprule over spans of the checked text (blocks, or blocks without the sentences
    /// [`limits::spans`] leaves out); loads the tokenizer on first use.
    pub fn analyze_spans<'t>(
        &'t self,
        text: &'t str,
        spans: &[std::ops::Range<usize>],
    ) -> Option<Analysis<'t>> {
        let loaded = self.loaded()?;
        Some(Analysis::new(&loaded.tokenizer, text, spans))
    }

    /// Runs nlprule over the blocks of the checked text (loads the tokenizer on first use).
    pub fn analyze<'t>(
        &'t self,
        text: &'t str,
        blocks: &[crate::document::Block],
    ) -> Option<Analysis<'t>> {
        let loaded = self.loaded()?;
        let spans: Vec<_> = blocks.iter().map(|b| b.span.clone()).collect();
        Some(Analysis::new(&loaded.tokenizer, text, &spans))
    }

    /// Appends the enabled LT rules' findings (spans in checked-text coordinates).
    /// Each distinct sentence is checked once; its findings are reported at every occurrence.
    pub fn check(&self, doc: &Document, analysis: &Analysis, out: &mut Vec<Diagnostic>) {
        use rayon::prelude::*;
        let found: Vec<Vec<nlprule::types::Suggestion>> = analysis
            .unique
            .par_iter()
            .map(|u| self.index.apply(&u.sentence))
            .collect();
        for s in &analysis.sentences {
            let unique = &analysis.unique[s.unique];
            for sug in &found[s.unique] {
                let span = unique.place(s, sug.span().byte());
                let Some(flagged) = doc.text.get(span.clone()) else {
                    continue;
                };
                // Inline code and other atoms of Markdown stand in as a placeholder: not prose.
                if flagged.contains(crate::source::markdown::PLACEHOLDER) {
                    continue;
                }
                let Some(&i) = self.by_id.get(sug.source()) else {
                    continue;
                };
                let d = self.metas[i].diag(span, sug.message());
                out.push(d.with_suggestions(sug.replacements().to_vec(), FixSafety::Unsafe));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_map_to_mtlint() {
        assert_eq!(
            lt_category("GRAMMAR/WAS_BEEN/1"),
            (Category::Grammar, Severity::Warning)
        );
        assert_eq!(
            lt_category("TYPOS/MODAL_OF/0"),
            (Category::Spelling, Severity::Warning)
        );
        assert_eq!(
            lt_category("PUNCTUATION/NO_SPACE_CLOSING_QUOTE/0").0,
            Category::Spacing
        );
        assert_eq!(
            lt_category("TYPOGRAPHY/EN_QUOTES/0"),
            (Category::Punctuation, Severity::Info)
        );
        assert_eq!(
            lt_category("TYPOGRAPHY/WRONG_APOSTROPHE/0"),
            (Category::Punctuation, Severity::Warning)
        );
        assert_eq!(
            lt_category("STYLE/CAPITALIZATION/3").0,
            Category::Capitalization
        );
        assert_eq!(
            lt_category("REDUNDANCY/ADVANCE_PLANNING/0"),
            (Category::Style, Severity::Info)
        );
        assert_eq!(
            lt_category("SOMETHING_NEW/X/0"),
            (Category::Style, Severity::Info)
        );
    }
}
