//! `--shard K/N`: a stable 1/N of the files, so that N parallel CI jobs check every file once.
//!
//! A file belongs to shard `hash(path) mod N + 1`, the hash being BLAKE3 of the path as mtlint
//! shows it (relative to where it runs): the same split on every machine and every run, whatever
//! the order files are found in.

use std::path::Path;

/// Parses `K/N` (1 ≤ K ≤ N).
pub fn parse(s: &str) -> Result<(u64, u64), String> {
    let (k, n) = s
        .split_once('/')
        .ok_or_else(|| format!("--shard takes K/N (for example 2/4), not `{s}`"))?;
    let k: u64 = k
        .trim()
        .parse()
        .map_err(|_| format!("--shard: `{k}` is not a number"))?;
    let n: u64 = n
        .trim()
        .parse()
        .map_err(|_| format!("--shard: `{n}` is not a number"))?;
    if n == 0 || k == 0 || k > n {
        return Err(format!("--shard {s}: K must be between 1 and N"));
    }
    Ok((k, n))
}

/// Is `path` in shard `k` of `n`?
pub fn contains(path: &Path, k: u64, n: u64) -> bool {
    let name = crate::render::display_path(path);
    let name = name.strip_prefix("./").unwrap_or(&name);
    let h = blake3::hash(name.as_bytes());
    let x = u64::from_le_bytes(h.as_bytes()[..8].try_into().expect("8 bytes"));
    x % n + 1 == k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_cover_every_file_once() {
        let files: Vec<String> = (0..1000).map(|i| format!("docs/f{i}.md")).collect();
        let n = 4;
        let mut counts = vec![0; n as usize];
        for f in &files {
            let owners: Vec<u64> = (1..=n).filter(|&k| contains(Path::new(f), k, n)).collect();
            assert_eq!(owners.len(), 1, "{f}");
            counts[owners[0] as usize - 1] += 1;
        }
        assert!(counts.iter().all(|&c| c > 200), "{counts:?}");
        assert!(contains(Path::new("./docs/f1.md"), 1, 1));
        assert_eq!(
            contains(Path::new("./docs/f7.md"), 2, 4),
            contains(Path::new("docs/f7.md"), 2, 4)
        );
    }

    #[test]
    fn bad_shards_are_errors() {
        assert_eq!(parse("2/4"), Ok((2, 4)));
        for bad in ["0/4", "5/4", "1/0", "x/2", "3"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
