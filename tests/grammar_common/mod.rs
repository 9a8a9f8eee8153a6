//! Shared helpers of the grammar tests: where the nlprule data is as a directory.
#![allow(dead_code)]

use std::path::PathBuf;

/// The repository's nlprule data directory (`data/nlprule/`, the data embedded in the binary),
/// for tests that need it as files: symlinks, `--nlprule-dir`, a corrupt copy.
pub fn data_dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join("nlprule");
    assert!(
        d.join("en_tokenizer.bin.gz").is_file(),
        "{} has no en_tokenizer.bin.gz",
        d.display()
    );
    d
}
