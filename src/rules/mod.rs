//! The pattern-rule engine: rules are data (TOML packs, see `docs/rules-format.md`).
//!
//! [`schema`] (serde types) → [`compile`] (regexes, templates, checks with file:line:column
//! errors) → [`RuleSet`] (an index from literal words to rules) → [`matcher`] (one sentence
//! at a time) → [`suggest`] (templates, inflection, capitalisation) → diagnostics.

pub mod builtin;
pub mod compile;
pub mod matcher;
pub mod schema;
pub mod suggest;
pub mod terms;
pub mod verify;

use crate::checks::{Check, Context, RuleMeta};
use crate::config::{Config, FileError};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use compile::CompiledRule;
use matcher::View;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One pack to load: where it comes from and its text.
#[derive(Clone, Debug)]
pub struct PackSource {
    /// Path used in error messages.
    pub path: PathBuf,
    /// What `mtlint rules` shows as the rule's origin.
    pub origin: String,
    pub text: String,
}

/// All loaded rules, with the index that picks candidate rules for a sentence.
pub struct RuleSet {
    rules: Vec<CompiledRule>,
    /// Lower-case literal word → rules (enabled ones only) that need it.
    index: HashMap<String, Vec<usize>>,
    /// Enabled rules without a required literal word: tried on every sentence.
    always: Vec<usize>,
    /// Hash of the packs' paths and texts (part of the result cache's key).
    fingerprint: [u8; 32],
}

impl RuleSet {
    /// The embedded packs plus every `*.toml` in the directories of `config.rules.dirs`,
    /// plus one rule per `[[terminology]]` entry of the config.
    /// Rules the config disables are listed but never run.
    /// `checks` are the built-in checks' rules: a pack may not reuse their ids.
    pub fn load(config: &Config, checks: &[RuleMeta]) -> Result<RuleSet, FileError> {
        RuleSet::compile(&packs(config)?, config, checks)
    }

    /// The embedded packs only, every rule that is on by default active.
    pub fn embedded() -> Result<RuleSet, FileError> {
        RuleSet::from_packs(&builtin::sources(), &Config::default())
    }

    /// Compiles packs and the config's terminology; a rule id may be defined once across all packs.
    pub fn from_packs(packs: &[PackSource], config: &Config) -> Result<RuleSet, FileError> {
        RuleSet::compile(packs, config, &[])
    }

    fn compile(
        packs: &[PackSource],
        config: &Config,
        checks: &[RuleMeta],
    ) -> Result<RuleSet, FileError> {
        let mut rules: Vec<CompiledRule> = Vec::new();
        let mut seen: HashMap<String, String> = checks
            .iter()
            .map(|m| (m.id.clone(), "mtlint's built-in checks".to_string()))
            .collect();
        let mut hash = blake3::Hasher::new();
        for p in packs {
            for part in [
                p.path.to_string_lossy().as_bytes(),
                p.origin.as_bytes(),
                p.text.as_bytes(),
            ] {
                hash.update(&(part.len() as u64).to_le_bytes());
                hash.update(part);
            }
            for (span, rule) in compile::compile_pack(&p.path, &p.text, &p.origin)? {
                if rule.meta.id.starts_with("lt/") {
                    return Err(FileError::at(
                        &p.path,
                        &p.text,
                        span.start,
                        format!(
                            "rule id `{}`: ids starting with `lt/` are LanguageTool's",
                            rule.meta.id
                        ),
                    ));
                }
                if let Some(first) = seen.get(&rule.meta.id) {
                    return Err(FileError::at(
                        &p.path,
                        &p.text,
                        span.start,
                        format!(
                            "duplicate rule id `{}` (already defined in {first})",
                            rule.meta.id
                        ),
                    ));
                }
                seen.insert(rule.meta.id.clone(), p.origin.clone());
                rules.push(rule);
            }
        }
        // The project's terminology table (`[[terminology]]` in mtlint.toml).
        let mut taken: std::collections::HashSet<String> = seen.into_keys().collect();
        rules.extend(terms::compile_config_terms(config, &mut taken)?);
        let mut index: HashMap<String, Vec<usize>> = HashMap::new();
        let mut always = Vec::new();
        for (i, r) in rules.iter().enumerate() {
            if !config.is_enabled(&r.meta) {
                continue;
            }
            match r.pattern.anchor() {
                Some(words) => {
                    for w in words {
                        let v = index.entry(w).or_default();
                        if v.last() != Some(&i) {
                            v.push(i);
                        }
                    }
                }
                None => always.push(i),
            }
        }
        Ok(RuleSet {
            rules,
            index,
            always,
            fingerprint: *hash.finalize().as_bytes(),
        })
    }

    pub fn compiled(&self) -> &[CompiledRule] {
        &self.rules
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    fn run_rule(&self, r: &CompiledRule, v: &View, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let all = 0..v.len();
        if !r.context.is_empty() && !r.context.iter().any(|p| p.matches_overlapping(v, &all)) {
            return;
        }
        let mut start = 0;
        while start < v.len() {
            let Some(caps) = r.pattern.match_at(v, start) else {
                start += 1;
                continue;
            };
            let whole = matcher::covered(&caps).unwrap_or(start..start + 1);
            if r.antipatterns
                .iter()
                .any(|p| p.matches_overlapping(v, &whole))
            {
                start += 1;
                continue;
            }
            emit(r, v, &caps, ctx, out);
            start = whole.end.max(start + 1);
        }
    }
}

fn emit(
    r: &CompiledRule,
    v: &View,
    caps: &[std::ops::Range<usize>],
    ctx: &Context,
    out: &mut Vec<Diagnostic>,
) {
    let (ma, mb) = r.mark;
    let Some(marked) = matcher::covered(&caps[ma..=mb]) else {
        return;
    };
    let span = v.tokens[marked.start].span.start..v.tokens[marked.end - 1].span.end;
    let original = &v.text[span.clone()];
    let texts: Vec<&str> = caps.iter().map(|c| v.slice(c)).collect();
    let message = r.message.render_lenient(&texts, ctx.lexicon);
    let mut suggestions: Vec<String> = Vec::new();
    for t in &r.suggest {
        if let Some(s) = t.render(&texts, ctx.lexicon) {
            let s = if keeps_case(&r.keep_case, original) {
                s
            } else {
                suggest::match_case(original, &s)
            };
            if s != original && !suggestions.contains(&s) {
                suggestions.push(s);
            }
        }
    }
    out.push(
        r.meta
            .diag(span, message)
            .with_suggestions(suggestions, r.fix),
    );
}

/// Is `span` (a possessive ending aside) one of the spellings whose suggestions keep their case?
fn keeps_case(keep: &[String], span: &str) -> bool {
    if keep.is_empty() {
        return false;
    }
    let norm = span.replace('’', "'");
    let bare = norm
        .strip_suffix("'s")
        .or_else(|| norm.strip_suffix("'S"))
        .unwrap_or(&norm);
    keep.iter().any(|k| k == bare || *k == norm)
}

/// Every `*.toml` file of a directory, sorted by name; a config file (`mtlint.toml`) that
/// sits in the same directory (`dirs = ["."]`) is not a pack.
/// The embedded packs, then those of the config's `rules.dirs` (each directory's `*.toml` in
/// name order).
pub fn packs(config: &Config) -> Result<Vec<PackSource>, FileError> {
    let mut packs = builtin::sources();
    for dir in &config.rules.dirs {
        packs.extend(read_dir(&config.resolve(dir))?);
    }
    Ok(packs)
}

fn read_dir(dir: &Path) -> Result<Vec<PackSource>, FileError> {
    let io = |path: &Path, e: std::io::Error| FileError {
        path: path.to_path_buf(),
        line: 0,
        column: 0,
        message: format!("cannot read rule pack: {e}"),
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| crate::config::CONFIG_NAMES.iter().any(|c| n == *c))
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = crate::config::read_text(&p, "rule pack")?;
            Ok(PackSource {
                origin: p.display().to_string(),
                path: p,
                text,
            })
        })
        .collect()
}

impl Check for RuleSet {
    fn rules(&self) -> Vec<RuleMeta> {
        self.rules.iter().map(|r| r.meta.clone()).collect()
    }

    /// Rules match one sentence at a time and see only its tokens and their analysis.
    fn scope(&self) -> crate::checks::Scope {
        crate::checks::Scope::Block
    }

    fn fingerprint(&self) -> Vec<u8> {
        self.fingerprint.to_vec()
    }

    fn check(&self, doc: &Document, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let has_pos = doc.analysis.is_some();
        let mut cand: Vec<usize> = Vec::new();
        for s in &doc.sentences {
            let toks = doc.sentence_tokens(s);
            if toks.is_empty() {
                continue;
            }
            let analysis = doc.analysis.as_ref().map(|a| &a[s.tokens.clone()]);
            let v = View::new(&doc.text, toks, analysis);
            cand.clear();
            cand.extend_from_slice(&self.always);
            for w in &v.lower {
                if let Some(rs) = self.index.get(w) {
                    cand.extend_from_slice(rs);
                }
            }
            cand.sort_unstable();
            cand.dedup();
            for &ri in &cand {
                let r = &self.rules[ri];
                if r.meta.needs_pos && !has_pos {
                    continue;
                }
                self.run_rule(r, &v, ctx, out);
            }
        }
    }
}

#[cfg(test)]
mod tests;
