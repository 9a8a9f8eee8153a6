//! Language-server latency: `cargo bench --bench lsp_latency` (README, "Editors").
//!
//! Starts `mtlint lsp` (grammar on, no config), opens the seed article (fixtures/seed-article.txt,
//! about 3,000 words, plain text) and measures the time from `didOpen` to its diagnostics (first
//! open: loading the grammar data included when it is not done yet), then 100 single-word edits
//! (an incremental change replacing one word of a paragraph, in turn), each from `didChange` to the
//! diagnostics of that version. Prints the median, the 95th percentile and the worst.

#[path = "../tests/lsp_client/mod.rs"]
mod lsp_client;

use lsp_client::Client;
use serde_json::json;
use std::path::Path;
use std::time::{Duration, Instant};

const SEED: &str = include_str!("../fixtures/seed-article.txt");

/// (line, UTF-16 character) of a byte offset.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[start..offset].encode_utf16().count())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_mtlint"));
    let t = Instant::now();
    let mut c = Client::start(bin, dir.path(), &["--no-config"]);
    c.initialize(json!({}), dir.path());
    let init = t.elapsed();
    let uri = format!("file://{}/seed-article.txt", dir.path().display());
    let mut text = SEED.to_string();
    let t = Instant::now();
    c.open(&uri, "text", 0, &text);
    c.publish(&uri, 0);
    let first = t.elapsed();

    // Paragraph starts (lines beginning with a letter) of the current text.
    let starts = |text: &str| -> Vec<usize> {
        text.match_indices('\n')
            .map(|(i, _)| i + 1)
            .filter(|&i| text[i..].chars().next().is_some_and(char::is_alphabetic))
            .collect()
    };
    let mut times = Vec::new();
    for v in 1..=100i64 {
        // One paragraph after another, cycling.
        let paragraphs = starts(&text);
        let p = paragraphs[v as usize % paragraphs.len()];
        // The paragraph's first word, replaced by itself with one letter changed.
        let end = p + text[p..].find(|c: char| !c.is_alphanumeric()).unwrap();
        let word = &text[p..end];
        let new = match word.strip_suffix('x') {
            Some(w) => w.to_string(),
            None => format!("{word}x"),
        };
        let (l0, c0) = position(&text, p);
        let (l1, c1) = position(&text, end);
        text.replace_range(p..end, &new);
        let t = Instant::now();
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": v}, "contentChanges": [{
                "range": {"start": {"line": l0, "character": c0}, "end": {"line": l1, "character": c1}},
                "text": new,
            }]}),
        );
        c.publish(&uri, v);
        times.push(t.elapsed());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "mtlint lsp on the seed article ({} words, grammar on, 2 cores):",
        SEED.split_whitespace().count()
    );
    println!("| | ms |\n|---|---:|");
    println!("| start and initialize | {:.0} |", ms(init));
    println!("| first open (didOpen → diagnostics) | {:.0} |", ms(first));
    println!(
        "| edit → diagnostics, median of 100 | {:.1} |",
        ms(percentile(&times, 0.5))
    );
    println!(
        "| edit → diagnostics, 95th percentile | {:.1} |",
        ms(percentile(&times, 0.95))
    );
    println!(
        "| edit → diagnostics, worst | {:.1} |",
        ms(*times.last().unwrap())
    );
    assert_eq!(c.finish(), 0);
}
