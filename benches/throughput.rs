//! Throughput benchmark: `cargo bench --bench throughput` (see docs/performance.md).
//!
//! Inputs, generated in memory from the bundled seed article, every paragraph made unique with a
//! short prefix ("Copy 12. ") so that a cold cache gets no hits from repeated paragraphs:
//! - one large plain-text file: the seed repeated to `MTLINT_BENCH_MB` MB (default 5) for mtlint's
//!   own rules, and to `MTLINT_BENCH_GRAMMAR_MB` MB (default 2) for the scenarios with nlprule
//!   (at roughly 15,000 words/s on two cores, 5 MB takes about a minute per scenario);
//! - 1,000 small Markdown files (one paragraph of the seed each, with a heading and a code block).
//!
//! Scenarios, each over the whole input (files in parallel, as `mtlint check` does), reported in
//! MB/s and words/s (whitespace-separated words of the input):
//! - own rules: mtlint without the grammar engine, no cache;
//! - bare nlprule: tokenize only, and tokenize + LT rules (the rule selection mtlint runs), on
//!   the blocks mtlint extracts, blocks in parallel;
//! - full pipeline: grammar on, no cache; cold (empty cache directory); warm (a new linter on the
//!   same cache, as a second `mtlint check` would be); warm after editing one paragraph per file.
//!
//! The tokenizer is loaded before timing in every scenario. nlprule data: `MTLINT_NLPRULE_DIR`,
//! else `shared/nlprule` next to the repository (or to one of its ancestors).

use mtlint::cache::Cache;
use mtlint::config::{Config, GrammarMode};
use mtlint::document::Document;
use mtlint::source::{Source, SourceKind};
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

const SEED: &str = include_str!("../fixtures/seed-article.txt");

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

fn env_mb(name: &str, default: f64) -> f64 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn large_input(mb: f64) -> Vec<Source> {
    let limit = (mb * 1e6) as usize;
    let mut text = String::with_capacity(limit + 2 * SEED.len());
    let mut copy = 0;
    while text.len() < limit {
        for line in SEED.lines() {
            if !line.trim().is_empty() {
                copy += 1;
                text.push_str(&format!("Copy {copy}. "));
            }
            text.push_str(line);
            text.push('\n');
        }
    }
    vec![Source::in_memory("large.txt", SourceKind::Plain, text)]
}

fn small_files(n: usize) -> Vec<Source> {
    let paras: Vec<&str> = SEED.lines().filter(|l| !l.trim().is_empty()).collect();
    (0..n)
        .map(|i| {
            let p = paras[i % paras.len()];
            let text = format!(
                "# Report {i}\n\nCopy {i}. {p}\n\n```\nprice price {i}\n```\n\nUpdated on Monday, copy {i}.\n"
            );
            Source::in_memory(format!("doc{i:04}.md"), SourceKind::Markdown, text)
        })
        .collect()
}

/// Each input with one paragraph changed (the first "Copy N." becomes "Copy N, edited.").
fn edited(inputs: &[Source]) -> Vec<Source> {
    inputs
        .iter()
        .map(|s| Source {
            text: s.text.replacen(". ", ", edited. ", 1),
            ..s.clone()
        })
        .collect()
}

/// `MTLINT_NLPRULE_DIR`, else `shared/nlprule` next to the repository or one of its ancestors.
fn nlprule_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("MTLINT_NLPRULE_DIR") {
        return PathBuf::from(d);
    }
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .skip(1)
        .map(|a| a.join("shared").join("nlprule"))
        .find(|d| d.is_dir())
        .expect("no nlprule data: set MTLINT_NLPRULE_DIR")
}

fn config(grammar: bool) -> Config {
    let mut c = Config::default();
    if grammar {
        c.grammar.mode = Some(GrammarMode::Require);
        c.grammar.nlprule_dir_flag = Some(nlprule_dir());
    } else {
        c.grammar.mode = Some(GrammarMode::Off);
    }
    c
}

fn linter(grammar: bool, cache: Option<&std::path::Path>) -> mtlint::Linter {
    let l = mtlint::registry::linter(config(grammar)).expect("linter");
    if grammar {
        l.grammar()
            .expect("grammar")
            .load()
            .expect("tokenizer loads");
    }
    match cache {
        Some(dir) => l.with_cache(Arc::new(Cache::open(dir).expect("cache dir"))),
        None => l,
    }
}

/// Prints one result line; returns the seconds taken.
fn report(name: &str, inputs: &[Source], secs: f64, extra: &str) -> f64 {
    let bytes: usize = inputs.iter().map(|s| s.text.len()).sum();
    let w: usize = inputs.iter().map(|s| words(&s.text)).sum();
    println!(
        "{name:<40} {:>8.3} MB/s {:>10.0} words/s  ({:.2} MB, {w} words, {secs:.2} s{extra})",
        bytes as f64 / 1e6 / secs,
        w as f64 / secs,
        bytes as f64 / 1e6,
    );
    secs
}

fn run(name: &str, linter: &mtlint::Linter, inputs: &[Source]) -> f64 {
    let before = linter.cache().map(|c| c.stats());
    let t = Instant::now();
    let n: usize = inputs
        .par_iter()
        .map(|s| linter.check(s.clone()).diagnostics.len())
        .sum();
    let secs = t.elapsed().as_secs_f64();
    let mut extra = format!(", {n} diagnostics");
    if let (Some(c), Some(b)) = (linter.cache(), before) {
        let s = c.stats();
        extra.push_str(&format!(
            ", cache: files {}/{} hit, blocks {}/{} hit",
            s.file_hits - b.file_hits,
            s.file_hits - b.file_hits + s.file_misses - b.file_misses,
            s.block_hits - b.block_hits,
            s.block_hits - b.block_hits + s.block_misses - b.block_misses,
        ));
    }
    report(name, inputs, secs, &extra)
}

/// nlprule alone on the blocks mtlint would give it (extracted before timing), in parallel.
fn bare(name: &str, grammar: &mtlint::grammar::Grammar, inputs: &[Source], rules: bool) -> f64 {
    let docs: Vec<Document> = inputs
        .iter()
        .map(|s| Document::new(&s.text, s.kind))
        .collect();
    let blocks: Vec<&str> = docs
        .iter()
        .flat_map(|d| d.blocks.iter().map(|b| &d.text[b.span.clone()]))
        .collect();
    let tokenizer = &grammar.load().expect("tokenizer").tokenizer;
    let lt = grammar.nlprule_rules();
    let t = Instant::now();
    let n: usize = blocks
        .par_iter()
        .map(|b| {
            tokenizer
                .pipe(b)
                .map(|s| if rules { lt.apply(&s).len() } else { 0 })
                .sum::<usize>()
        })
        .sum();
    let secs = t.elapsed().as_secs_f64();
    let extra = if rules {
        format!(", {n} LT suggestions")
    } else {
        String::new()
    };
    report(name, inputs, secs, &extra)
}

fn grammar_scenarios(label: &str, inputs: &[Source]) {
    let g = linter(true, None);
    let grammar = g.grammar().expect("grammar");
    bare(
        &format!("bare nlprule tokenize, {label}"),
        grammar,
        inputs,
        false,
    );
    let bare_s = bare(
        &format!("bare nlprule + LT rules, {label}"),
        grammar,
        inputs,
        true,
    );
    let plain_s = run(&format!("full, no cache, {label}"), &g, inputs);
    let dir = tempfile::tempdir().expect("temp dir");
    let cold = linter(true, Some(dir.path()));
    let cold_s = run(&format!("full, cold cache, {label}"), &cold, inputs);
    let warm = linter(true, Some(dir.path()));
    run(&format!("full, warm cache, {label}"), &warm, inputs);
    run(
        &format!("full, warm, 1 paragraph edited, {label}"),
        &linter(true, Some(dir.path())),
        &edited(inputs),
    );
    println!(
        "  overhead of mtlint over bare nlprule ({label}): time full-cold / bare = {:.2}, \
         full-no-cache / bare = {:.2}",
        cold_s / bare_s,
        plain_s / bare_s
    );
}

fn main() {
    // `cargo bench` passes `--bench`; ignore arguments.
    let mb = env_mb("MTLINT_BENCH_MB", 5.0);
    let gmb = env_mb("MTLINT_BENCH_GRAMMAR_MB", 2.0);
    let small = small_files(1000);
    println!(
        "threads: {}, load average at start: {}",
        rayon::current_num_threads(),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );

    let own = linter(false, None);
    run(
        &format!("own rules, seed x{mb}MB (1 file)"),
        &own,
        &large_input(mb),
    );
    run("own rules, 1000 small Markdown files", &own, &small);
    let dir = tempfile::tempdir().expect("temp dir");
    let own_cold = linter(false, Some(dir.path()));
    run(
        &format!("own rules, cold cache, x{mb}MB"),
        &own_cold,
        &large_input(mb),
    );
    run(
        &format!("own rules, warm cache, x{mb}MB"),
        &linter(false, Some(dir.path())),
        &large_input(mb),
    );

    grammar_scenarios(&format!("seed x{gmb}MB (1 file)"), &large_input(gmb));
    grammar_scenarios("1000 small Markdown files", &small);
    println!(
        "load average at end: {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
}
