//! Throughput benchmark: `cargo bench --bench throughput` (see README, "Performance").
//!
//! Inputs, generated in memory from the bundled seed article:
//! - one large plain-text file: the seed repeated to 5 MB;
//! - 1,000 small Markdown files (one paragraph of the seed each, with a heading and a code block).
//!
//! Each scenario is timed over the whole input (files in parallel, as `mtlint check` does) and reported
//! in MB/s and words/s. Set `MTLINT_BENCH_MB` to change the size of the large input.

use mtlint::config::{Config, GrammarMode};
use mtlint::source::{Source, SourceKind};
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

const SEED: &str = include_str!("../fixtures/seed-article.txt");

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

fn large_input(mb: usize) -> Vec<Source> {
    let mut text = String::with_capacity(mb * 1_000_000 + SEED.len());
    while text.len() < mb * 1_000_000 {
        text.push_str(SEED);
    }
    vec![Source {
        path: PathBuf::from("large.txt"),
        kind: SourceKind::Plain,
        text,
    }]
}

fn small_files(n: usize) -> Vec<Source> {
    let paras: Vec<&str> = SEED.lines().filter(|l| !l.trim().is_empty()).collect();
    (0..n)
        .map(|i| {
            let p = paras[i % paras.len()];
            let text =
                format!("# Report {i}\n\n{p}\n\n```\nprice price {i}\n```\n\nUpdated on Monday.\n");
            Source {
                path: PathBuf::from(format!("doc{i:04}.md")),
                kind: SourceKind::Markdown,
                text,
            }
        })
        .collect()
}

fn config(grammar: bool) -> Config {
    let mut c = Config::default();
    if grammar {
        c.grammar.mode = Some(GrammarMode::Require);
        if c.grammar.nlprule_dir.is_none() {
            if let Some(d) = std::env::var_os("MTLINT_NLPRULE_DIR") {
                c.grammar.nlprule_dir = Some(PathBuf::from(d));
            } else {
                c.grammar.nlprule_dir = Some(PathBuf::from(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/../shared/nlprule"
                )));
            }
        }
    } else {
        c.grammar.mode = Some(GrammarMode::Off);
    }
    c
}

fn run(name: &str, linter: &mtlint::Linter, inputs: &[Source]) {
    let bytes: usize = inputs.iter().map(|s| s.text.len()).sum();
    let w: usize = inputs.iter().map(|s| words(&s.text)).sum();
    let t = Instant::now();
    let n: usize = inputs
        .par_iter()
        .map(|s| linter.check(s.clone()).diagnostics.len())
        .sum();
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{name:<44} {:>8.2} MB/s {:>11.0} words/s  ({:.2} MB, {} words, {n} diagnostics, {secs:.2} s)",
        bytes as f64 / 1e6 / secs,
        w as f64 / secs,
        bytes as f64 / 1e6,
        w
    );
}

fn main() {
    // `cargo bench` passes `--bench`; ignore arguments.
    let mb: usize = std::env::var("MTLINT_BENCH_MB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let large = large_input(mb);
    let small = small_files(1000);
    println!("threads: {}", rayon::current_num_threads());

    let own = mtlint::registry::linter(config(false)).expect("linter");
    run("own checks, seed x5MB (1 file)", &own, &large);
    run("own checks, 1000 small Markdown files", &own, &small);
}
