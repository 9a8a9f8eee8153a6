//! Shared helpers of the grammar tests: where the nlprule data is.
#![allow(dead_code)]

use std::path::PathBuf;

/// The nlprule data directory: `$MTLINT_NLPRULE_DIR`, else `shared/nlprule` next to the repository
/// (or next to one of its ancestors, for worktrees). Without data the test is skipped, except
/// when `CI` is set: then it fails.
pub fn data_dir() -> Option<PathBuf> {
    let ok = |d: &PathBuf| {
        d.join("en_tokenizer.bin.gz").is_file() || d.join("en_tokenizer.bin").is_file()
    };
    if let Some(d) = std::env::var_os("MTLINT_NLPRULE_DIR").map(PathBuf::from) {
        if ok(&d) {
            return Some(d);
        }
    }
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let found = manifest
        .ancestors()
        .skip(1)
        .map(|a| a.join("shared").join("nlprule"))
        .find(ok);
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "no nlprule data (set MTLINT_NLPRULE_DIR or put it in ../shared/nlprule); grammar tests must not skip in CI"
        );
        eprintln!("skipping: no nlprule data (set MTLINT_NLPRULE_DIR)");
    }
    found
}
