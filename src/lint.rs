//! The pipeline for one input: Source → Document → checks → filtered, mapped, sorted diagnostics.
//!
//! With a [`Cache`] attached, a text whose final diagnostics are stored is answered from the
//! cache; otherwise the block-local checks ([`Scope::Block`]: pattern and POS rules) and the
//! LanguageTool rules run only on the blocks whose results are not stored, and nlprule only
//! analyses those blocks, about 128 KiB of text at a time, so that memory does not grow with the
//! file. Document-level checks run on the whole document every time.

use crate::cache::{self, Cache, Key};
use crate::checks::{Check, Context, RuleMeta, Scope};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::document::{Block, Document, Sentence};
use crate::lexicon::Lexicon;
use crate::source::offsets::LineIndex;
use crate::source::{Source, SourceKind};
use crate::text::Token;
use rayon::prelude::*;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// The diagnostics of one file, spans in original byte offsets, sorted by position.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub source: Source,
    pub diagnostics: Vec<Diagnostic>,
    pub lines: LineIndex,
}

/// The source of a target file that is checked against it (`mtlint check --source SRC TARGET`).
#[derive(Clone, Debug)]
pub struct Paired {
    pub text: String,
    pub kind: SourceKind,
}

/// Runs every enabled check on inputs. Build once, use for many files (it is `Sync`).
pub struct Linter {
    pub config: Config,
    checks: Vec<Box<dyn Check>>,
    metas: Vec<RuleMeta>,
    index: HashMap<String, usize>,
    /// LanguageTool rules and POS analysis (None without nlprule data or with `--grammar=off`).
    grammar: Option<crate::grammar::Grammar>,
    /// Some enabled rule needs nlprule's analysis (an LT rule or a POS rule).
    needs_analysis: bool,
    /// Merge diagnostics of different rules on the same text (off only for testing rules one by one).
    merge_rules: bool,
    /// The result cache (None: every text is checked from scratch).
    cache: Option<Arc<Cache>>,
    /// Identifies everything besides the text that results depend on (computed on first use).
    fingerprint: OnceLock<Key>,
}

impl Linter {
    pub fn new(config: Config, checks: Vec<Box<dyn Check>>) -> Self {
        let mut metas = Vec::new();
        for c in &checks {
            metas.extend(c.rules());
        }
        let index = metas
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id.clone(), i))
            .collect();
        Linter {
            config,
            checks,
            metas,
            index,
            grammar: None,
            needs_analysis: false,
            merge_rules: true,
            cache: None,
            fingerprint: OnceLock::new(),
        }
    }

    /// Adds the grammar engine: its LT rules join the rule list; documents get POS analysis.
    pub fn with_grammar(mut self, grammar: crate::grammar::Grammar) -> Self {
        self.metas.extend(grammar.rules().iter().cloned());
        self.index = self
            .metas
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id.clone(), i))
            .collect();
        self.needs_analysis = grammar.any_rule_enabled()
            || self
                .metas
                .iter()
                .any(|m| m.needs_pos && self.config.is_enabled(m));
        self.grammar = Some(grammar);
        self.fingerprint = OnceLock::new();
        self
    }

    /// Reports every rule's diagnostics even where another rule flags the same text
    /// (no LT/mtlint overlap removal, no one-per-span merge): each rule then behaves as if
    /// it ran alone, which is what a rule's examples are tested against.
    pub fn unmerged(mut self) -> Self {
        self.merge_rules = false;
        self
    }

    /// Reads and writes results in `cache` (see [`crate::cache`]).
    pub fn with_cache(mut self, cache: Arc<Cache>) -> Self {
        self.cache = Some(cache);
        self
    }

    pub fn cache(&self) -> Option<&Cache> {
        self.cache.as_deref()
    }

    pub fn grammar(&self) -> Option<&crate::grammar::Grammar> {
        self.grammar.as_ref()
    }

    /// Every rule known to this linter, in check order.
    pub fn rules(&self) -> &[RuleMeta] {
        &self.metas
    }

    pub fn rule(&self, id: &str) -> Option<&RuleMeta> {
        self.index.get(id).map(|&i| &self.metas[i])
    }

    /// Checks one source.
    pub fn check(&self, source: Source) -> FileReport {
        let diagnostics = self.check_text(&source.text, source.kind);
        let lines = LineIndex::new(&source.text);
        FileReport {
            source,
            diagnostics,
            lines,
        }
    }

    /// Checks a text; spans of the result are byte offsets into `text`.
    pub fn check_text(&self, text: &str, kind: SourceKind) -> Vec<Diagnostic> {
        self.check_text_paired(text, kind, None)
    }

    /// Checks a target text against the source it translates (aligned paragraph by paragraph
    /// or line by line: [`crate::document::bilingual::align`]; a pair that does not align is
    /// checked as a monolingual text).
    pub fn check_paired(&self, source: Source, pair: &Paired) -> FileReport {
        let diagnostics = self.check_text_paired(&source.text, source.kind, Some(pair));
        let lines = LineIndex::new(&source.text);
        FileReport {
            source,
            diagnostics,
            lines,
        }
    }

    /// Whether a target aligns with its source; the error says why not.
    pub fn align(&self, target: &str, kind: SourceKind, pair: &Paired) -> Result<(), String> {
        let t = Document::new(target, kind);
        let s = Document::new(&pair.text, pair.kind);
        crate::document::bilingual::align(&t, &s, None, None)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    /// [`Self::check_text`] with the source of an aligned target (see [`Self::check_paired`]).
    pub fn check_text_paired(
        &self,
        text: &str,
        kind: SourceKind,
        pair: Option<&Paired>,
    ) -> Vec<Diagnostic> {
        let Some(c) = self.cache.as_deref() else {
            return self.run(text, kind, pair, None);
        };
        let fp = self.fingerprint();
        let paired: &[u8] = pair.map_or(b"", |p| p.text.as_bytes());
        let pair_kind: &[u8] = pair.map_or(b"", |p| kind_tag(p.kind));
        let key = cache::key(
            cache::Kind::File,
            fp,
            &[kind_tag(kind), text.as_bytes(), pair_kind, paired],
        );
        if let Some(ds) = c.get(cache::Kind::File, &key) {
            if ds.iter().all(|d| spans_within(d, text, 0..text.len())) {
                return ds;
            }
        }
        let out = self.run(text, kind, pair, Some((c, fp)));
        c.put(cache::Kind::File, &key, &out);
        out
    }

    /// Everything besides a text that decides its diagnostics: mtlint's version and build, the
    /// config, every rule's metadata, what each check adds ([`Check::fingerprint`]: rule pack
    /// texts) and the nlprule data files.
    fn fingerprint(&self) -> &Key {
        self.fingerprint.get_or_init(|| {
            let mut h = blake3::Hasher::new();
            let mut part = |b: &[u8]| {
                h.update(&(b.len() as u64).to_le_bytes());
                h.update(b);
            };
            part(env!("CARGO_PKG_VERSION").as_bytes());
            // The build: a rebuilt binary may check differently under the same version.
            let exe = std::env::current_exe().and_then(std::fs::metadata);
            part(format!("{:?}", exe.map(|m| (m.len(), m.modified().ok()))).as_bytes());
            part(format!("{:?} merge {}", self.config, self.merge_rules).as_bytes());
            if let Some(f) = &self.config.words_file {
                part(&std::fs::read(self.config.resolve(f)).unwrap_or_default());
            }
            for m in &self.metas {
                part(&serde_json::to_vec(m).unwrap_or_default());
            }
            for c in &self.checks {
                part(&c.fingerprint());
            }
            match &self.grammar {
                Some(g) => {
                    part(format!("grammar {}", self.needs_analysis).as_bytes());
                    part(&g.source().fingerprint());
                }
                None => part(b"no grammar"),
            }
            *h.finalize().as_bytes()
        })
    }

    /// The pipeline proper; with a cache, block results are read and written per block.
    fn run(
        &self,
        text: &str,
        kind: SourceKind,
        pair: Option<&Paired>,
        cache: Option<(&Cache, &Key)>,
    ) -> Vec<Diagnostic> {
        let mut doc = Document::new(text, kind);
        if let Some(p) = pair {
            let source = Document::new(&p.text, p.kind);
            doc.bilingual = crate::document::bilingual::align(&doc, &source, None, None).ok();
        }
        self.set_languages(&mut doc);
        let grammar = self.grammar.as_ref().filter(|_| self.needs_analysis);
        // The tagger lexicon loads with nlprule's tokenizer, when a check first asks for a word
        // or a block needs analysing: a run served from the cache need not load it.
        let lazy = grammar.map(LazyLexicon);
        let ctx = Context {
            config: &self.config,
            lexicon: lazy.as_ref().map(|l| l as &dyn Lexicon),
        };
        let n = doc.blocks.len();
        // Block entries exist to skip nlprule: without it, checking a block costs less than
        // writing its entry.
        let per_block_cache = cache.filter(|_| grammar.is_some() && separated(&doc.blocks));
        let keys: Option<Vec<Key>> = per_block_cache.map(|(_, fp)| {
            doc.blocks
                .par_iter()
                .map(|b| block_key(fp, &doc, b))
                .collect()
        });
        // Block results from the cache, spans made absolute again.
        let mut per_block: Vec<Option<Vec<Diagnostic>>> = match (&keys, cache) {
            (Some(keys), Some((c, _))) => keys
                .par_iter()
                .zip(&doc.blocks)
                .map(|(k, b)| {
                    let ds = c.get(cache::Kind::Block, k)?;
                    let len = b.span.len();
                    ds.iter()
                        .all(|d| spans_within(d, text_of(&doc, b), 0..len))
                        .then(|| shift(ds, b.span.start, true))
                })
                .collect(),
            _ => vec![None; n],
        };
        let misses: Vec<usize> = (0..n).filter(|&i| per_block[i].is_none()).collect();
        // The document-level checks see the whole document.
        let mut raw = Vec::new();
        for c in self.checks.iter().filter(|c| c.scope() == Scope::Document) {
            c.check(&doc, &ctx, &mut raw);
        }
        // The block-local checks and the LT rules, on the blocks to check, a batch at a time:
        // nlprule's analysis of a batch (the bulk of the memory) is dropped before the next.
        let mut fresh = Vec::new();
        for batch in batches(&doc.blocks, &misses) {
            let saved = (batch.len() < n)
                .then(|| restrict(&mut doc.blocks, &mut doc.sentences, &mut doc.tokens, batch));
            // Not-prose sentences (very long, or one token repeated) are left out: nlprule's time
            // on them grows with the square of their length.
            let spans = crate::grammar::limits::spans(&doc);
            let analysis = grammar.and_then(|g| g.analyze_spans(&doc.text, &spans));
            doc.analysis = analysis.as_ref().map(|a| a.token_analysis(&doc.tokens));
            for c in self.checks.iter().filter(|c| c.scope() == Scope::Block) {
                c.check(&doc, &ctx, &mut fresh);
            }
            if let (Some(g), Some(a)) = (grammar, &analysis) {
                g.check(&doc, a, &mut fresh);
            }
            doc.analysis = None;
            if let Some((blocks, sentences, tokens)) = saved {
                doc.blocks = blocks;
                doc.sentences = sentences;
                doc.tokens = tokens;
            }
        }
        match (&keys, cache) {
            (Some(keys), Some((c, _))) => match attribute(&doc.blocks, &misses, &fresh) {
                Some(groups) => {
                    groups.par_iter().for_each(|(bi, ds)| {
                        let start = doc.blocks[*bi].span.start;
                        c.put(
                            cache::Kind::Block,
                            &keys[*bi],
                            &shift(ds.to_vec(), start, false),
                        );
                    });
                    for (bi, ds) in groups {
                        per_block[bi] = Some(ds);
                    }
                }
                // A finding outside its block: still reported, but nothing is stored.
                None => raw.extend(fresh),
            },
            _ => raw.extend(fresh),
        }
        raw.extend(per_block.into_iter().flatten().flatten());
        self.finish(&doc, text, kind, raw)
    }

    /// A bilingual document's languages (flags, then the file, then the config); a target
    /// that is not English gets the bilingual checks only.
    fn set_languages(&self, doc: &mut Document) {
        let Some(b) = &mut doc.bilingual else {
            return;
        };
        let (s, t) = self
            .config
            .bilingual
            .languages((b.source_lang.as_deref(), b.target_lang.as_deref()));
        b.source_lang = s;
        b.target_lang = t;
        if !crate::document::bilingual::is_english(b.target_lang.as_deref()) {
            doc.drop_prose();
        }
    }

    /// Filters by config, maps spans to the original, applies suppressions, sorts.
    fn finish(
        &self,
        doc: &Document,
        text: &str,
        kind: SourceKind,
        raw: Vec<Diagnostic>,
    ) -> Vec<Diagnostic> {
        let mut kept: Vec<Diagnostic> = raw
            .into_iter()
            .filter_map(|mut d| {
                let meta = self.rule(&d.rule);
                if let Some(m) = meta {
                    if !self.config.is_enabled(m) {
                        return None;
                    }
                    d.severity = self.config.severity_of(&m.id, m.category, d.severity);
                }
                Some(d)
            })
            .collect();
        if self.merge_rules {
            drop_spelling_overlaps(&mut kept);
            drop_lt_overlaps(&mut kept);
        }
        protect_atoms(&doc.edits, &mut kept);
        if let Some(b) = &doc.bilingual {
            drop_source_copies(doc, b, &mut kept);
        }
        let mut out: Vec<Diagnostic> = kept
            .into_iter()
            .map(|mut d| {
                // One suggestion once (LanguageTool rules can offer the same one twice); a
                // diagnostic has a handful, so a linear search beats hashing copies of them.
                let mut unique: Vec<String> = Vec::with_capacity(d.suggestions.len());
                for s in std::mem::take(&mut d.suggestions) {
                    if !unique.contains(&s) {
                        unique.push(s);
                    }
                }
                d.suggestions = unique;
                // A malformed bilingual file has no checked text: its one diagnostic is
                // already in original offsets.
                if doc.malformed.is_none() {
                    d.span = doc.map.range(d.span.clone());
                    for r in &mut d.related {
                        r.span = doc.map.range(r.span.clone());
                    }
                }
                d
            })
            .collect();
        crate::suppress::Suppressions::parse(text, kind).apply(&mut out);
        // Stable: findings with the same span and rule (one check, one block) keep their order
        // whichever blocks came from the cache.
        out.sort_by(|a, b| {
            (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
        });
        if self.merge_rules {
            keep_one_per_span(&mut out);
        } else {
            out.dedup_by(|a, b| a.span == b.span && a.rule == b.rule);
        }
        out
    }
}

/// The grammar engine's lexicon, loading nlprule's tokenizer on first use. If loading fails it
/// knows no word, as no lexicon would.
struct LazyLexicon<'g>(&'g crate::grammar::Grammar);

impl Lexicon for LazyLexicon<'_> {
    fn is_known(&self, word: &str) -> bool {
        self.0.loaded().is_some_and(|l| l.lexicon.is_known(word))
    }
    fn readings(&self, word: &str) -> Vec<(String, String)> {
        self.0
            .loaded()
            .map_or_else(Vec::new, |l| l.lexicon.readings(word))
    }
    fn forms(&self, lemma: &str, tag: &str) -> Vec<String> {
        self.0
            .loaded()
            .map_or_else(Vec::new, |l| l.lexicon.forms(lemma, tag))
    }
    fn inflect(&self, word: &str, tag: &str) -> Vec<String> {
        self.0
            .loaded()
            .map_or_else(Vec::new, |l| l.lexicon.inflect(word, tag))
    }
}

fn kind_tag(kind: SourceKind) -> &'static [u8] {
    match kind {
        SourceKind::Plain => b"plain",
        SourceKind::Markdown => b"markdown",
        SourceKind::Xliff => b"xliff",
        SourceKind::Po => b"po",
    }
}

fn text_of<'d>(doc: &'d Document, b: &Block) -> &'d str {
    &doc.text[b.span.clone()]
}

/// A block's cache key: the file kind, its checked text and its original bytes (markup, CRLF,
/// NFC differences).
fn block_key(fp: &Key, doc: &Document, b: &Block) -> Key {
    let original = doc
        .original
        .get(doc.map.range(b.span.clone()))
        .map_or(&[0xff][..], str::as_bytes);
    cache::key(
        cache::Kind::Block,
        fp,
        &[kind_tag(doc.kind), text_of(doc, b).as_bytes(), original],
    )
}

/// Are the blocks in order with at least one byte between neighbours? (Then every span belongs
/// to at most one block.)
fn separated(blocks: &[Block]) -> bool {
    blocks.windows(2).all(|w| w[0].span.end < w[1].span.start)
}

/// Do a diagnostic's spans lie within `range` of `text`, on character boundaries?
fn spans_within(d: &Diagnostic, text: &str, range: Range<usize>) -> bool {
    std::iter::once(&d.span)
        .chain(d.related.iter().map(|r| &r.span))
        .all(|s| {
            range.start <= s.start
                && s.start <= s.end
                && s.end <= range.end
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end)
        })
}

/// Moves every span `by` bytes forwards (or backwards).
fn shift(mut ds: Vec<Diagnostic>, by: usize, forward: bool) -> Vec<Diagnostic> {
    let mv = |s: &mut Range<usize>| {
        *s = if forward {
            s.start + by..s.end + by
        } else {
            s.start - by..s.end - by
        }
    };
    for d in &mut ds {
        mv(&mut d.span);
        for r in &mut d.related {
            mv(&mut r.span);
        }
    }
    ds
}

/// Bytes of checked text analysed at once (nlprule's analysis of a batch is held in memory).
const BATCH_BYTES: usize = 128 * 1024;

/// `blocks` (indices into `all`, in order) in runs of about [`BATCH_BYTES`] of text.
fn batches<'b>(all: &[Block], blocks: &'b [usize]) -> Vec<&'b [usize]> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, &b) in blocks.iter().enumerate() {
        bytes += all[b].span.len();
        if bytes >= BATCH_BYTES {
            out.push(&blocks[start..=i]);
            (start, bytes) = (i + 1, 0);
        }
    }
    if start < blocks.len() {
        out.push(&blocks[start..]);
    }
    out
}

/// Leaves only the blocks `keep` (and their sentences and tokens) in a document's lists;
/// returns what it took.
fn restrict(
    doc_blocks: &mut Vec<Block>,
    doc_sentences: &mut Vec<Sentence>,
    doc_tokens: &mut Vec<Token>,
    keep: &[usize],
) -> (Vec<Block>, Vec<Sentence>, Vec<Token>) {
    let (mut blocks, mut sentences, mut tokens) = (Vec::new(), Vec::new(), Vec::new());
    for &bi in keep {
        let b = &doc_blocks[bi];
        let first = sentences.len();
        for s in &doc_sentences[b.sentences.clone()] {
            let t0 = tokens.len();
            tokens.extend_from_slice(&doc_tokens[s.tokens.clone()]);
            sentences.push(Sentence {
                span: s.span.clone(),
                block: blocks.len(),
                tokens: t0..tokens.len(),
            });
        }
        blocks.push(Block {
            span: b.span.clone(),
            sentences: first..sentences.len(),
        });
    }
    (
        std::mem::replace(doc_blocks, blocks),
        std::mem::replace(doc_sentences, sentences),
        std::mem::replace(doc_tokens, tokens),
    )
}

/// Groups findings of block-local checks by the block (one of `misses`) that holds all their
/// spans, keeping their order; None if one lies outside every block.
fn attribute(
    blocks: &[Block],
    misses: &[usize],
    found: &[Diagnostic],
) -> Option<Vec<(usize, Vec<Diagnostic>)>> {
    let mut groups: Vec<(usize, Vec<Diagnostic>)> =
        misses.iter().map(|&bi| (bi, Vec::new())).collect();
    for d in found {
        let gi = misses
            .partition_point(|&bi| blocks[bi].span.start <= d.span.start)
            .checked_sub(1)?;
        let b = blocks[misses[gi]].span.clone();
        let inside = |s: &Range<usize>| b.start <= s.start && s.end <= b.end;
        if !inside(&d.span) || !d.related.iter().all(|r| inside(&r.span)) {
            return None;
        }
        groups[gi].1.push(d.clone());
    }
    Some(groups)
}

/// A safe fix whose span (in the checked text) touches a placeholder for something that is not
/// prose (a URL, inline code, an image) would rewrite it: it is demoted to unsafe (shown, never
/// applied by `--fix`).
fn protect_atoms(edits: &[crate::source::offsets::Edit], diags: &mut [Diagnostic]) {
    use crate::source::offsets::EditKind;
    let atoms: Vec<&Range<usize>> = edits
        .iter()
        .filter(|e| matches!(e.kind, EditKind::Url | EditKind::Atom))
        .map(|e| &e.text)
        .collect();
    if atoms.is_empty() {
        return;
    }
    for d in diags
        .iter_mut()
        .filter(|d| d.fix == crate::diagnostic::FixSafety::Safe)
    {
        // Atoms are in text order and do not overlap: look at those starting before the span ends.
        let n = atoms.partition_point(|a| a.start <= d.span.end);
        let touches = atoms[..n]
            .iter()
            .rev()
            .take_while(|a| a.end >= d.span.start)
            .any(|a| overlaps(a, &d.span));
        if touches {
            d.fix = crate::diagnostic::FixSafety::Unsafe;
        }
    }
}

/// In a bilingual document, what the source justifies is no finding:
/// - a placeholder the monolingual leftover rules flag (`%s`, `{count}`) that the source has;
/// - in a target flagged as untranslated, every other finding (one diagnostic says it all);
/// - a lower-case start of a target whose source starts in lower case (GNU-style messages);
/// - a repeated sentence or block whose first copy is another unit with the same source (one
///   source, one translation), and any finding whose span runs from one unit into another
///   (a fix there would edit two units at once).
fn drop_source_copies(
    doc: &Document,
    b: &crate::document::bilingual::Bilingual,
    diags: &mut Vec<Diagnostic>,
) {
    use crate::document::bilingual::{norm, BiUnit};
    let untranslated: Vec<Range<usize>> = diags
        .iter()
        .filter(|d| d.rule == crate::checks::bilingual::UNTRANSLATED)
        .map(|d| d.span.clone())
        .collect();
    // Targets by position (binary search: a file may have tens of thousands of units).
    let mut targets: Vec<(Range<usize>, &BiUnit)> = b
        .units
        .iter()
        .filter_map(|u| u.target.clone().map(|t| (t, u)))
        .collect();
    targets.sort_by_key(|(t, _)| (t.start, t.end));
    let unit_at = |pos: usize, end: usize| -> Option<&BiUnit> {
        let i = targets.partition_point(|(t, _)| t.start <= pos);
        (i > 0 && end <= targets[i - 1].0.end).then(|| targets[i - 1].1)
    };
    diags.retain(|d| {
        if d.rule.starts_with("bilingual/") {
            return true;
        }
        let Some(unit) = unit_at(d.span.start, d.span.end) else {
            // Across units (or outside every target).
            return false;
        };
        if untranslated
            .iter()
            .any(|u| u.start <= d.span.start && d.span.end <= u.end)
        {
            return false;
        }
        let flagged = doc.text.get(d.span.clone()).unwrap_or("");
        if d.rule.starts_with("leftover/") && unit.source.contains(flagged.trim()) {
            return false;
        }
        if d.rule == "capitalization/sentence-start" {
            let t = unit.target.as_ref().expect("a unit with a target");
            let lead = doc.text[t.clone()].len() - doc.text[t.clone()].trim_start().len();
            let source_lower = unit
                .source
                .trim_start()
                .chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_lowercase);
            if d.span.start == t.start + lead && source_lower {
                return false;
            }
        }
        if d.rule.starts_with("repetition/repeated-") {
            let same_source = d.related.iter().any(|r| {
                unit_at(r.span.start, r.span.end).is_some_and(|other| {
                    !std::ptr::eq(other, unit) && norm(&other.source) == norm(&unit.source)
                })
            });
            if same_source {
                return false;
            }
        }
        true
    });
}

/// Do two spans overlap? An empty span (an insertion point) overlaps a span it touches.
fn overlaps(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> bool {
    if a.is_empty() || b.is_empty() {
        return a.start <= b.end && b.start <= a.end;
    }
    a.start < b.end && b.start < a.end
}

/// Where `spelling/unknown-word` flags text that another mtlint rule also flags ("attackbut" is
/// a glued word for `spacing/glued-words`, a leftover word for a leftover rule), keeps only the
/// other diagnostic: it says what is wrong more precisely. Runs after the config's filter, so a
/// disabled rule does not hide a spelling finding.
fn drop_spelling_overlaps(diags: &mut Vec<Diagnostic>) {
    let spelling = |d: &Diagnostic| d.rule == crate::checks::spelling::RULE;
    let is_lt = |d: &Diagnostic| d.rule.starts_with(crate::grammar::ID_PREFIX);
    drop_overlapped(diags, spelling, |d| !spelling(d) && !is_lt(d));
}

/// Where a LanguageTool rule and an mtlint rule flag overlapping text, keeps only the mtlint
/// diagnostic (it is the more specific one).
fn drop_lt_overlaps(diags: &mut Vec<Diagnostic>) {
    let is_lt = |d: &Diagnostic| d.rule.starts_with(crate::grammar::ID_PREFIX);
    drop_overlapped(diags, is_lt, |d| !is_lt(d));
}

/// Drops every `weak` diagnostic that overlaps a `strong` one. O(n log n) for spans that do not nest deeply.
fn drop_overlapped(
    diags: &mut Vec<Diagnostic>,
    weak: impl Fn(&Diagnostic) -> bool,
    strong: impl Fn(&Diagnostic) -> bool,
) {
    if !diags.iter().any(&weak) {
        return;
    }
    let mut own: Vec<std::ops::Range<usize>> = diags
        .iter()
        .filter(|d| strong(d))
        .map(|d| d.span.clone())
        .collect();
    if own.is_empty() {
        return;
    }
    own.sort_by_key(|r| r.start);
    // max_end[i] = the largest end among own[..=i].
    let max_end: Vec<usize> = own
        .iter()
        .scan(0, |m, r| {
            *m = (*m).max(r.end);
            Some(*m)
        })
        .collect();
    let hit = |span: &std::ops::Range<usize>| {
        // Candidates start at or before the span's end; one of them must reach into it.
        let n = own.partition_point(|r| r.start <= span.end);
        (0..n)
            .rev()
            .take_while(|&i| max_end[i] >= span.start)
            .any(|i| overlaps(&own[i], span))
    };
    diags.retain(|d| !weak(d) || !hit(&d.span));
}

/// Several mtlint rules flagging exactly the same text is one problem: keep the diagnostic
/// with a suggestion, then the more severe, then the first rule id. Expects `diags` sorted by span.
fn keep_one_per_span(diags: &mut Vec<Diagnostic>) {
    let mut out: Vec<Diagnostic> = Vec::with_capacity(diags.len());
    for d in diags.drain(..) {
        match out.last_mut() {
            Some(last) if last.span == d.span && !d.span.is_empty() => {
                let rank = |x: &Diagnostic| (!x.suggestions.is_empty(), x.severity);
                if rank(&d) > rank(last) {
                    *last = d;
                }
            }
            _ => out.push(d),
        }
    }
    *diags = out;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Category, Severity};

    fn d(rule: &str, span: std::ops::Range<usize>) -> Diagnostic {
        Diagnostic::new(rule, Category::Grammar, Severity::Warning, span, "m")
    }

    fn blocks(spans: &[std::ops::Range<usize>]) -> Vec<Block> {
        spans
            .iter()
            .map(|s| Block {
                span: s.clone(),
                sentences: 0..0,
            })
            .collect()
    }

    #[test]
    fn findings_are_grouped_by_the_block_holding_them() {
        let bs = blocks(&[0..5, 7..10, 12..20]);
        let found = [d("a", 13..15), d("b", 3..4), d("c", 5..5), d("d", 12..12)];
        let groups = attribute(&bs, &[0, 2], &found).unwrap();
        let rules = |g: &[Diagnostic]| g.iter().map(|d| d.rule.clone()).collect::<Vec<_>>();
        assert_eq!(groups[0].0, 0);
        assert_eq!(rules(&groups[0].1), ["b", "c"]);
        assert_eq!(groups[1].0, 2);
        assert_eq!(rules(&groups[1].1), ["a", "d"]);
        // In a block that was not checked, across two blocks, or a related span outside.
        assert!(attribute(&bs, &[0, 2], &[d("x", 7..8)]).is_none());
        assert!(attribute(&bs, &[0, 1, 2], &[d("x", 4..8)]).is_none());
        assert!(attribute(&bs, &[0], &[d("x", 1..2).related(8..9, "n")]).is_none());
        assert!(attribute(&bs, &[2], &[d("x", 1..2)]).is_none());
    }

    #[test]
    fn only_separated_blocks_are_cached_one_by_one() {
        assert!(separated(&blocks(&[0..5, 6..8])));
        assert!(!separated(&blocks(&[0..5, 5..8])));
        assert!(separated(&[]));
    }

    #[test]
    fn shifting_spans_round_trips() {
        let ds = vec![d("x", 3..5).related(4..4, "n")];
        let there = shift(ds.clone(), 10, true);
        assert_eq!(there[0].span, 13..15);
        assert_eq!(there[0].related[0].span, 14..14);
        assert_eq!(shift(there, 10, false), ds);
    }

    #[test]
    fn lt_diagnostic_overlapping_an_mtlint_one_is_dropped() {
        let mut v = vec![
            d("lt/GRAMMAR/X/0", 0..5),
            d("lt/GRAMMAR/Y/0", 10..12),
            d("article/a-an", 4..8),
            d("lt/Z/Q/0", 8..8),
        ];
        drop_lt_overlaps(&mut v);
        let rules: Vec<&str> = v.iter().map(|d| d.rule.as_str()).collect();
        assert_eq!(rules, ["lt/GRAMMAR/Y/0", "article/a-an"]);
    }

    #[test]
    fn lt_overlap_check_sees_long_earlier_spans() {
        let mut v = vec![
            d("repetition/repeated-block", 0..100),
            d("x/short", 10..12),
            d("lt/A/B/0", 50..55),
            d("lt/A/C/0", 100..104),
        ];
        drop_lt_overlaps(&mut v);
        let rules: Vec<&str> = v.iter().map(|d| d.rule.as_str()).collect();
        assert_eq!(rules, ["repetition/repeated-block", "x/short", "lt/A/C/0"]);
    }

    #[test]
    fn one_diagnostic_per_identical_span() {
        let mut with_fix = d("names/kiev", 4..8);
        with_fix.suggestions.push("Kyiv".into());
        let mut v = vec![
            d("terminology/inconsistent-variant", 4..8),
            with_fix,
            d("other/rule", 4..9),
        ];
        keep_one_per_span(&mut v);
        let rules: Vec<&str> = v.iter().map(|d| d.rule.as_str()).collect();
        assert_eq!(rules, ["names/kiev", "other/rule"]);
    }

    #[test]
    fn spelling_overlapping_another_mtlint_rule_is_dropped() {
        let mut v = vec![
            d("spelling/unknown-word", 0..8),
            d("spacing/glued-words", 0..8),
            d("spelling/unknown-word", 10..15),
            d("lt/TYPOS/X/0", 10..15),
        ];
        drop_spelling_overlaps(&mut v);
        drop_lt_overlaps(&mut v);
        let rules: Vec<&str> = v.iter().map(|d| d.rule.as_str()).collect();
        assert_eq!(rules, ["spacing/glued-words", "spelling/unknown-word"]);
    }

    /// Reports "x" with the same suggestion twice (as LanguageTool rules can).
    struct Twice;
    impl Check for Twice {
        fn rules(&self) -> Vec<RuleMeta> {
            vec![RuleMeta::builtin(
                "toy/twice",
                crate::diagnostic::Category::Style,
                crate::diagnostic::Severity::Warning,
                crate::diagnostic::FixSafety::Safe,
                "x",
            )]
        }
        fn check(&self, doc: &Document, _: &Context, out: &mut Vec<Diagnostic>) {
            if let Some(i) = doc.text.find('x') {
                let d = Diagnostic::new(
                    "toy/twice",
                    crate::diagnostic::Category::Style,
                    crate::diagnostic::Severity::Warning,
                    i..i + 1,
                    "m",
                );
                out.push(d.with_suggestions(
                    vec!["y".into(), "z".into(), "y".into()],
                    crate::diagnostic::FixSafety::Safe,
                ));
            }
        }
    }

    // Issue 11, item 19: one suggestion once.
    #[test]
    fn suggestions_are_deduplicated() {
        let linter = Linter::new(Config::default(), vec![Box::new(Twice)]);
        let ds = linter.check_text("a x b\n", SourceKind::Plain);
        assert_eq!(ds.len(), 1);
        assert_eq!(ds[0].suggestions, ["y", "z"]);
    }
}
