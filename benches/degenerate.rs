//! Worst cases (issue 11): `cargo bench --bench degenerate` (README, "Performance").
//!
//! Inputs that are not prose and once cost minutes or gigabytes: a run of one word, thousands
//! of brackets, one huge sentence, a word of megabytes, long lines of commas, a user rule with
//! six `repeat` elements on a long line, and `/dev/zero`. Each runs through `mtlint check` with
//! the grammar engine on (and once off where the issue measured it so); prints wall time,
//! throughput and peak RSS.

mod support;

use std::path::Path;
use std::process::Command;

/// (name, file name, content, extra arguments)
fn inputs() -> Vec<(&'static str, &'static str, Vec<u8>, Vec<&'static str>)> {
    let mut words = String::new();
    let mut x: u64 = 1;
    for _ in 0..50_000 {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let w = [
            "the", "of", "a", "to", "in", "and", "was", "for", "with", "on",
        ];
        if x >> 60 < 6 {
            words.push_str(w[(x >> 33) as usize % w.len()]);
        } else {
            words.push_str(&format!("word{}", (x >> 40) % 500));
        }
        words.push(' ');
    }
    vec![
        (
            "\"the \" × 2,000 (8 KB)",
            "the.txt",
            "the ".repeat(2000).into_bytes(),
            vec![],
        ),
        (
            "\"[\" × 10,000 in Markdown",
            "brackets.md",
            "[".repeat(10_000).into_bytes(),
            vec![],
        ),
        (
            "one 50,000-word sentence",
            "sentence.txt",
            format!("{}.", words.trim()).into_bytes(),
            vec![],
        ),
        (
            "one 50,000-word sentence, grammar off",
            "sentence.txt",
            Vec::new(),
            vec!["--grammar", "off"],
        ),
        (
            "\"the \" × 299 + \". \", 30 times",
            "runs.txt",
            ("the ".repeat(299) + ". ").repeat(30).into_bytes(),
            vec![],
        ),
        (
            "one 5 MB word",
            "word.txt",
            "a".repeat(5_000_000).into_bytes(),
            vec![],
        ),
        (
            "\"word, \" × 400,000 (2.8 MB, one line)",
            "commas.txt",
            "word, ".repeat(400_000).into_bytes(),
            vec![],
        ),
        (
            "user rule, six repeat elements, 300-word line",
            "alpha.txt",
            format!("{}.", vec!["alpha"; 300].join(" ")).into_bytes(),
            vec!["--config", "six.toml"],
        ),
        ("/dev/zero", "/dev/zero", Vec::new(), vec![]),
    ]
}

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir(dir.join("packs")).unwrap();
    std::fs::write(
        dir.join("packs/six.toml"),
        "[[rule]]\nid = \"bench/six\"\ncategory = \"style\"\nseverity = \"info\"\nsummary = \"x\"\n\
         pattern = [{ word = \"alpha\" }, { class = \"any\", repeat = \"0..16\" }, { class = \"any\", repeat = \"0..16\" }, \
         { class = \"any\", repeat = \"0..16\" }, { class = \"any\", repeat = \"0..16\" }, { class = \"any\", repeat = \"0..16\" }, \
         { class = \"any\", repeat = \"0..16\" }, { word = \"omega\" }]\n",
    )
    .unwrap();
    std::fs::write(dir.join("six.toml"), "[rules]\ndirs = [\"packs\"]\n").unwrap();
    println!(
        "{} threads; load average {}\n",
        std::thread::available_parallelism().map_or(1, |p| p.get()),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    println!(
        "| input | bytes | wall s | CPU s | MB/s | peak RSS MB | exit |\n|---|---:|---:|---:|---:|---:|---:|"
    );
    let bin = env!("CARGO_BIN_EXE_mtlint");
    for (name, file, content, args) in inputs() {
        let path = if file.starts_with('/') {
            Path::new(file).to_path_buf()
        } else {
            let p = dir.join(file);
            if !content.is_empty() {
                std::fs::write(&p, &content).unwrap();
            }
            p
        };
        let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let mut cmd = Command::new(bin);
        cmd.current_dir(dir).args(["check", "--no-cache"]);
        if !args.contains(&"--config") {
            cmd.arg("--no-config");
        }
        cmd.args(&args).arg(&path);
        let m = support::measure(&mut cmd);
        println!(
            "| {name} | {bytes} | {:.2} | {:.2} | {:.2} | {:.0} | {} |",
            m.wall,
            m.cpu,
            bytes as f64 / 1e6 / m.wall,
            m.rss_mb,
            m.code.map_or("signal".to_string(), |c| c.to_string())
        );
    }
}
