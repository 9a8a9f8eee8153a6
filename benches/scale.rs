//! A content repository at scale: `cargo bench --bench scale` (README, "Performance").
//!
//! Generates `MTLINT_SCALE_FILES` Markdown files (default 10,000) of about
//! `MTLINT_SCALE_MB` MB in all (default 50), built from the MT texts of
//! `../shared/eval/mqm-zhen-dev.jsonl` (or the seed article) and the Markdown fixture: headings,
//! paragraphs (each made unique with a "Copy N." prefix, so that a cold cache gets no hits from
//! repetition), lists, links, inline and fenced code. Then runs `mtlint check` over the tree as a
//! CI job would: with and without the grammar engine, with an empty cache (cold) and again (warm).
//! Reports wall time, files/s, words/s and peak RSS.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const SEED: &str = include_str!("../fixtures/seed-article.txt");
const MARKDOWN: &str = include_str!("../fixtures/markdown-article.md");

fn env_num(name: &str, default: f64) -> f64 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn texts() -> Vec<String> {
    let bench = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/mqm-zhen-dev.jsonl");
    let mut out = Vec::new();
    if let Ok(s) = std::fs::read_to_string(bench) {
        let mut seen = std::collections::HashSet::new();
        for line in s.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let t = v["text"].as_str().unwrap_or_default().to_string();
            if seen.insert(t.clone()) {
                out.push(t);
            }
        }
    }
    if out.is_empty() {
        out = SEED
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect();
    }
    out
}

/// Writes the tree; returns (files, bytes, words).
fn generate(dir: &Path, files: usize, bytes: usize) -> (usize, usize, usize) {
    let texts = texts();
    let per_file = bytes / files;
    let md_blocks: Vec<&str> = MARKDOWN
        .split("\n\n")
        .filter(|b| !b.trim().is_empty())
        .collect();
    let (mut total, mut words, mut copy, mut t) = (0, 0, 0usize, 0usize);
    for i in 0..files {
        let sub = dir.join(format!("section{:02}", i % 50));
        std::fs::create_dir_all(&sub).unwrap();
        let mut doc = format!("# Report {i}\n\n");
        let mut k = 0;
        while doc.len() < per_file {
            copy += 1;
            match k % 6 {
                // Structure from the Markdown fixture, now and then.
                5 => doc.push_str(md_blocks[(i + k) % md_blocks.len()]),
                4 => doc.push_str(&format!(
                    "- Copy {copy}. {}\n- See [the notes](https://example.org/{i}) and `cfg_{k}`.",
                    texts[t % texts.len()]
                )),
                _ => doc.push_str(&format!("Copy {copy}. {}", texts[t % texts.len()])),
            }
            doc.push_str("\n\n");
            t += 1;
            k += 1;
        }
        total += doc.len();
        words += doc.split_whitespace().count();
        std::fs::write(sub.join(format!("doc{i:05}.md")), doc).unwrap();
    }
    (files, total, words)
}

fn main() {
    let files = env_num("MTLINT_SCALE_FILES", 10_000.0) as usize;
    let mb = env_num("MTLINT_SCALE_MB", 50.0);
    let tmp = tempfile::tempdir().unwrap();
    let tree: PathBuf = tmp.path().join("repo");
    let t = Instant::now();
    let (n, bytes, words) = generate(&tree, files, (mb * 1e6) as usize);
    println!(
        "generated {n} Markdown files, {:.1} MB, {words} words in {:.1} s; {} threads; load average {}",
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64(),
        std::thread::available_parallelism().map_or(1, |p| p.get()),
        std::fs::read_to_string("/proc/loadavg").unwrap_or_default().trim()
    );
    let bin = env!("CARGO_BIN_EXE_mtlint");
    println!(
        "\n| scenario | wall s | CPU s | files/s | words/s | peak RSS MB |\n|---|---:|---:|---:|---:|---:|"
    );
    for (label, grammar) in [("grammar off", "off"), ("grammar on", "auto")] {
        let cache = tempfile::tempdir().unwrap();
        for run in ["cold", "warm"] {
            let (wall, cpu, rss) = support::measure_ok(
                Command::new(bin)
                    .current_dir(&tree)
                    .env("MTLINT_CACHE_DIR", cache.path())
                    .args([
                        "check",
                        "--no-config",
                        "--grammar",
                        grammar,
                        "--format",
                        "jsonl",
                    ]),
            );
            println!(
                "| {label}, {run} cache | {wall:.1} | {cpu:.1} | {:.0} | {:.0} | {rss:.0} |",
                n as f64 / wall,
                words as f64 / wall
            );
        }
    }
}
