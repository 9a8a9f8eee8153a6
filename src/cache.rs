//! The result cache: content-addressed diagnostics on disk, so a second run over unchanged text
//! costs little.
//!
//! Two kinds of entries, both keyed by a blake3 hash of their input plus the linter's
//! [`fingerprint`](crate::Linter) (mtlint version and build, config, every rule's metadata, the
//! text of every rule pack, the identity of the nlprule data):
//!
//! - **file**: the final diagnostics of a whole text (original byte offsets, after suppressions).
//!   A hit skips everything, including loading nlprule.
//! - **block** (only when the grammar engine runs): the diagnostics of the block-local checks
//!   (pattern and POS rules, LanguageTool rules) for one paragraph, relative to the block start.
//!   An edited file re-runs nlprule only on the paragraphs that changed; document-level checks
//!   (repeats, variants, quotes, …) run on the whole file every time.
//!
//! Storage: one file per entry, `<dir>/v2/<2 hex>/<f|b><62 hex>` (`f` file, `b` block), where `<dir>` is `$MTLINT_CACHE_DIR`
//! or the user cache directory + `mtlint` (`~/.cache/mtlint` on Linux). Each entry holds a magic
//! number, its key and a hash of its payload: anything that does not check out is a miss.
//! Entries are written to a temporary file and renamed into place, so concurrent runs never
//! see half an entry. Size is bounded by [`Cache::maybe_prune`]: at most once a day, entries not
//! used for [`MAX_AGE_DAYS`] days are removed, then, until the cache is under [`MAX_BYTES`],
//! the oldest block entries and only then the oldest file entries: a repository too large for
//! the cache keeps a warm run warm (file entries are small and answer an unchanged file) and
//! loses only the per-paragraph reuse after edits. Every I/O error is a miss or a skipped write: the cache never fails a run.

use crate::diagnostic::{Category, Diagnostic, FixSafety, Related, Severity};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// Environment variable naming the cache directory (wins over the user cache directory).
pub const ENV_DIR: &str = "MTLINT_CACHE_DIR";
/// Entries not read or written for this many days are pruned.
pub const MAX_AGE_DAYS: u64 = 30;
/// Above this size (in bytes, each entry counted as at least 4 KiB), the oldest entries are pruned
/// until the cache is at three quarters of it.
pub const MAX_BYTES: u64 = 512 * 1024 * 1024;

/// Bumped whenever the entry format or the key derivation changes.
const LAYOUT: &str = "v2";
const MAGIC: &[u8; 8] = b"MTLCACH1";
const HEADER: usize = 8 + 32 + 32;
const DAY: Duration = Duration::from_secs(24 * 60 * 60);

/// A cache key: a blake3 hash.
pub type Key = [u8; 32];

/// What a key is for: the two kinds of entries never share a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    File,
    Block,
}

/// Builds a key from the fingerprint and length-prefixed parts (no two part lists hash alike).
pub fn key(kind: Kind, fingerprint: &Key, parts: &[&[u8]]) -> Key {
    let mut h = blake3::Hasher::new();
    h.update(match kind {
        Kind::File => b"file\0",
        Kind::Block => b"block",
    });
    h.update(fingerprint);
    for p in parts {
        h.update(&(p.len() as u64).to_le_bytes());
        h.update(p);
    }
    *h.finalize().as_bytes()
}

/// Hit, miss and write counts of one [`Cache`] (for benchmarks and tests).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub file_hits: u64,
    pub file_misses: u64,
    pub block_hits: u64,
    pub block_misses: u64,
    pub writes: u64,
}

/// An open cache directory, or a cache in memory (the language server's). Cheap to share
/// between threads.
#[derive(Debug)]
pub struct Cache {
    store: Store,
    counters: [AtomicU64; 5],
}

#[derive(Debug)]
enum Store {
    /// `<dir>/v1`.
    Disk(PathBuf),
    /// At most [`MEMORY_ENTRIES`] entries; when full, it starts over.
    Memory(std::sync::Mutex<std::collections::HashMap<Key, Vec<Diagnostic>>>),
}

/// Entries an in-memory cache holds before it starts over (a paragraph's entry is a few hundred
/// bytes: a few tens of MB at most).
pub const MEMORY_ENTRIES: usize = 100_000;

/// A diagnostic as stored (Diagnostic itself is not deserializable).
#[derive(Serialize, Deserialize)]
struct Stored {
    rule: String,
    category: Category,
    severity: Severity,
    message: String,
    span: (usize, usize),
    suggestions: Vec<String>,
    fix: FixSafety,
    related: Vec<(usize, usize, String)>,
}

impl Stored {
    fn from(d: &Diagnostic) -> Stored {
        Stored {
            rule: d.rule.clone(),
            category: d.category,
            severity: d.severity,
            message: d.message.clone(),
            span: (d.span.start, d.span.end),
            suggestions: d.suggestions.clone(),
            fix: d.fix,
            related: d
                .related
                .iter()
                .map(|r| (r.span.start, r.span.end, r.note.clone()))
                .collect(),
        }
    }

    fn into_diagnostic(self) -> Option<Diagnostic> {
        let ok = |(s, e): (usize, usize)| s <= e;
        if !ok(self.span) || !self.related.iter().all(|r| ok((r.0, r.1))) {
            return None;
        }
        Some(Diagnostic {
            rule: self.rule,
            category: self.category,
            severity: self.severity,
            message: self.message,
            span: self.span.0..self.span.1,
            suggestions: self.suggestions,
            fix: self.fix,
            related: self
                .related
                .into_iter()
                .map(|(s, e, note)| Related { span: s..e, note })
                .collect(),
        })
    }
}

impl Cache {
    /// The directory used when none is given: `$MTLINT_CACHE_DIR`, else `<user cache dir>/mtlint`.
    pub fn default_dir() -> Option<PathBuf> {
        match std::env::var_os(ENV_DIR) {
            Some(d) if !d.is_empty() => Some(PathBuf::from(d)),
            _ => dirs::cache_dir().map(|d| d.join("mtlint")),
        }
    }

    /// Opens (creating it if needed) the cache in `dir`.
    pub fn open(dir: &Path) -> std::io::Result<Cache> {
        let root = dir.join(LAYOUT);
        std::fs::create_dir_all(&root)?;
        let tag = dir.join("CACHEDIR.TAG");
        if !tag.exists() {
            // Tells backup tools the directory holds a cache (https://bford.info/cachedir/).
            let _ = std::fs::write(
                &tag,
                "Signature: 8a477f597d28d172789f06886806bc55\n# mtlint result cache; safe to delete.\n",
            );
        }
        Ok(Cache {
            store: Store::Disk(root),
            counters: Default::default(),
        })
    }

    /// A cache held in this process's memory only (for a long-running process: the language
    /// server re-checks the paragraphs an edit changed and takes the rest from here).
    pub fn in_memory() -> Cache {
        Cache {
            store: Store::Memory(Default::default()),
            counters: Default::default(),
        }
    }

    /// Opens the default cache directory ([`Cache::default_dir`]).
    pub fn open_default() -> std::io::Result<Cache> {
        let dir = Self::default_dir().ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("no user cache directory on this system (set ${ENV_DIR})"),
            )
        })?;
        Self::open(&dir)
    }

    /// The directory holding the entries (None in memory).
    pub fn root(&self) -> Option<&Path> {
        match &self.store {
            Store::Disk(root) => Some(root),
            Store::Memory(_) => None,
        }
    }

    pub fn stats(&self) -> Stats {
        let c = |i: usize| self.counters[i].load(Ordering::Relaxed);
        Stats {
            file_hits: c(0),
            file_misses: c(1),
            block_hits: c(2),
            block_misses: c(3),
            writes: c(4),
        }
    }

    fn count(&self, i: usize) {
        self.counters[i].fetch_add(1, Ordering::Relaxed);
    }

    fn path(root: &Path, kind: Kind, key: &Key) -> PathBuf {
        let hex = blake3::Hash::from(*key).to_hex();
        let tag = match kind {
            Kind::File => "f",
            Kind::Block => "b",
        };
        root.join(&hex[..2]).join(format!("{tag}{}", &hex[2..]))
    }

    /// The diagnostics stored under `key`, or None (missing, unreadable or corrupt entry).
    pub fn get(&self, kind: Kind, key: &Key) -> Option<Vec<Diagnostic>> {
        let found = self.read(kind, key);
        let (hit, miss) = match kind {
            Kind::File => (0, 1),
            Kind::Block => (2, 3),
        };
        self.count(if found.is_some() { hit } else { miss });
        found
    }

    fn read(&self, kind: Kind, key: &Key) -> Option<Vec<Diagnostic>> {
        let root = match &self.store {
            Store::Disk(root) => root,
            Store::Memory(m) => return m.lock().ok()?.get(key).cloned(),
        };
        let path = Self::path(root, kind, key);
        let bytes = std::fs::read(&path).ok()?;
        if bytes.len() < HEADER || &bytes[..8] != MAGIC || bytes[8..40] != key[..] {
            return None;
        }
        let payload = &bytes[HEADER..];
        if blake3::hash(payload).as_bytes()[..] != bytes[40..HEADER] {
            return None;
        }
        let stored: Vec<Stored> = bincode::deserialize(payload).ok()?;
        let diags = stored
            .into_iter()
            .map(Stored::into_diagnostic)
            .collect::<Option<Vec<_>>>()?;
        touch_if_old(&path);
        Some(diags)
    }

    /// Stores `diags` under `key` (best effort: errors are ignored).
    pub fn put(&self, kind: Kind, key: &Key, diags: &[Diagnostic]) {
        if let Store::Memory(m) = &self.store {
            if let Ok(mut m) = m.lock() {
                if m.len() >= MEMORY_ENTRIES {
                    m.clear();
                }
                m.insert(*key, diags.to_vec());
                self.count(4);
            }
            return;
        }
        let stored: Vec<Stored> = diags.iter().map(Stored::from).collect();
        let Ok(payload) = bincode::serialize(&stored) else {
            return;
        };
        let mut bytes = Vec::with_capacity(HEADER + payload.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(key);
        bytes.extend_from_slice(blake3::hash(&payload).as_bytes());
        bytes.extend_from_slice(&payload);
        if self.write(kind, key, &bytes).is_ok() {
            self.count(4);
        }
    }

    fn write(&self, kind: Kind, key: &Key, bytes: &[u8]) -> std::io::Result<()> {
        let Store::Disk(root) = &self.store else {
            return Ok(());
        };
        let path = Self::path(root, kind, key);
        let dir = path.parent().expect("entries live in a shard directory");
        let mut tmp = match tempfile::Builder::new().prefix(".tmp-").tempfile_in(dir) {
            Ok(t) => t,
            Err(_) => {
                std::fs::create_dir_all(dir)?;
                tempfile::Builder::new().prefix(".tmp-").tempfile_in(dir)?
            }
        };
        tmp.write_all(bytes)?;
        tmp.persist(&path).map_err(|e| e.error)?;
        Ok(())
    }

    /// Prunes ([`Cache::prune`]) if the last pruning was more than a day ago.
    pub fn maybe_prune(&self) {
        let Store::Disk(root) = &self.store else {
            return;
        };
        let marker = root.join("last-prune");
        let due = std::fs::metadata(&marker)
            .and_then(|m| m.modified())
            .map_or(true, |t| age(t) > DAY);
        if due && std::fs::write(&marker, b"").is_ok() {
            self.prune(Duration::from_secs(MAX_AGE_DAYS * DAY.as_secs()), MAX_BYTES);
        }
    }

    /// Removes entries older than `max_age` (by modification time: reads refresh it once a day),
    /// stale temporary files, and then the oldest block entries, then the oldest file entries,
    /// until the cache is at most 3/4 of `max_bytes`. Returns how many files were removed.
    pub fn prune(&self, max_age: Duration, max_bytes: u64) -> usize {
        // (is a file entry, last used, size, path): block entries sort first.
        let mut entries: Vec<(bool, SystemTime, u64, PathBuf)> = Vec::new();
        let mut removed = 0;
        let Store::Disk(root) = &self.store else {
            return 0;
        };
        let Ok(shards) = std::fs::read_dir(root) else {
            return 0;
        };
        for shard in shards.flatten() {
            if !shard.file_type().is_ok_and(|t| t.is_dir()) {
                continue;
            }
            let Ok(files) = std::fs::read_dir(shard.path()) else {
                continue;
            };
            for f in files.flatten() {
                let Ok(meta) = f.metadata() else { continue };
                let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
                let is_tmp = f.file_name().to_string_lossy().starts_with(".tmp-");
                let limit = if is_tmp {
                    Duration::from_secs(3600)
                } else {
                    max_age
                };
                if age(modified) > limit {
                    if std::fs::remove_file(f.path()).is_ok() {
                        removed += 1;
                    }
                    continue;
                }
                if !is_tmp {
                    let file_entry = f.file_name().to_string_lossy().starts_with('f');
                    entries.push((file_entry, modified, meta.len().max(4096), f.path()));
                }
            }
        }
        let mut total: u64 = entries.iter().map(|e| e.2).sum();
        if total > max_bytes {
            entries.sort();
            for (_, _, size, path) in entries {
                if total <= max_bytes / 4 * 3 {
                    break;
                }
                if std::fs::remove_file(&path).is_ok() {
                    removed += 1;
                    total -= size;
                }
            }
        }
        removed
    }
}

fn age(t: SystemTime) -> Duration {
    SystemTime::now().duration_since(t).unwrap_or_default()
}

/// Marks an entry as used (for pruning), at most once a day per entry.
fn touch_if_old(path: &Path) {
    let Ok(f) = std::fs::File::options().append(true).open(path) else {
        return;
    };
    if f.metadata()
        .and_then(|m| m.modified())
        .is_ok_and(|t| age(t) > DAY)
    {
        let _ = f.set_modified(SystemTime::now());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(span: std::ops::Range<usize>) -> Diagnostic {
        Diagnostic::new("x/y", Category::Grammar, Severity::Warning, span, "msg")
            .suggest("fix", FixSafety::Safe)
            .related(1..2, "first used here")
    }

    fn entries(c: &Cache) -> Vec<PathBuf> {
        let mut v = Vec::new();
        for s in std::fs::read_dir(c.root().unwrap()).unwrap().flatten() {
            if s.path().is_dir() {
                v.extend(
                    std::fs::read_dir(s.path())
                        .unwrap()
                        .flatten()
                        .map(|f| f.path()),
                );
            }
        }
        v
    }

    #[test]
    fn in_memory_cache_round_trips_and_starts_over_when_full() {
        let c = Cache::in_memory();
        assert!(c.root().is_none());
        let d = Diagnostic::new("r/x", Category::Style, Severity::Info, 1..3, "m");
        c.put(Kind::Block, &[1; 32], std::slice::from_ref(&d));
        assert_eq!(c.get(Kind::Block, &[1; 32]), Some(vec![d]));
        assert_eq!(c.get(Kind::Block, &[2; 32]), None);
        for i in 0..MEMORY_ENTRIES as u32 + 1 {
            let mut k = [0u8; 32];
            k[..4].copy_from_slice(&i.to_le_bytes());
            k[31] = 9;
            c.put(Kind::Block, &k, &[]);
        }
        assert_eq!(c.get(Kind::Block, &[1; 32]), None);
        c.maybe_prune();
    }

    #[test]
    fn round_trip_and_corruption_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let c = Cache::open(dir.path()).unwrap();
        let k = key(Kind::Block, &[7; 32], &[b"text"]);
        assert!(c.get(Kind::Block, &k).is_none());
        let ds = vec![diag(3..5), diag(0..0)];
        c.put(Kind::Block, &k, &ds);
        assert_eq!(c.get(Kind::Block, &k), Some(ds));
        let files = entries(&c);
        assert_eq!(files.len(), 1);
        // Flip one payload byte: the checksum no longer matches.
        let mut bytes = std::fs::read(&files[0]).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&files[0], &bytes).unwrap();
        assert!(c.get(Kind::Block, &k).is_none());
        // Truncated and empty entries too.
        std::fs::write(&files[0], &bytes[..10]).unwrap();
        assert!(c.get(Kind::Block, &k).is_none());
        std::fs::write(&files[0], b"").unwrap();
        assert!(c.get(Kind::Block, &k).is_none());
        let s = c.stats();
        assert_eq!((s.block_hits, s.block_misses, s.writes), (1, 4, 1));
    }

    #[test]
    fn keys_separate_kinds_fingerprints_and_parts() {
        let f = [1; 32];
        let k = key(Kind::Block, &f, &[b"ab", b"c"]);
        assert_ne!(k, key(Kind::File, &f, &[b"ab", b"c"]));
        assert_ne!(k, key(Kind::Block, &[2; 32], &[b"ab", b"c"]));
        assert_ne!(k, key(Kind::Block, &f, &[b"a", b"bc"]));
        assert_eq!(k, key(Kind::Block, &f, &[b"ab", b"c"]));
    }

    #[test]
    fn an_entry_under_another_key_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let c = Cache::open(dir.path()).unwrap();
        let (k1, k2) = ([1; 32], [2; 32]);
        c.put(Kind::File, &k1, &[diag(0..1)]);
        std::fs::create_dir_all(
            Cache::path(c.root().unwrap(), Kind::File, &k2)
                .parent()
                .unwrap(),
        )
        .unwrap();
        std::fs::copy(
            Cache::path(c.root().unwrap(), Kind::File, &k1),
            Cache::path(c.root().unwrap(), Kind::File, &k2),
        )
        .unwrap();
        assert!(c.get(Kind::File, &k2).is_none());
        assert!(c.get(Kind::File, &k1).is_some());
    }

    #[test]
    fn prune_removes_old_entries_then_oldest_above_the_size_bound() {
        let dir = tempfile::tempdir().unwrap();
        let c = Cache::open(dir.path()).unwrap();
        for i in 0..10u8 {
            c.put(Kind::File, &[i; 32], &[diag(0..1)]);
        }
        // Entry i was last used 40 days ago (i < 3) or 10 - i minutes ago.
        let now = SystemTime::now();
        for i in 0..10u8 {
            let ago = if i < 3 {
                40 * 86400
            } else {
                60 * (10 - i as u64)
            };
            let f = std::fs::File::options()
                .append(true)
                .open(Cache::path(c.root().unwrap(), Kind::File, &[i; 32]))
                .unwrap();
            f.set_modified(now - Duration::from_secs(ago)).unwrap();
        }
        assert_eq!(c.prune(Duration::from_secs(30 * 86400), u64::MAX), 3);
        assert_eq!(entries(&c).len(), 7);
        // 7 entries count as 7 × 4 KiB; a bound of 5 × 4 KiB keeps 3 (≤ 3/4 of it).
        assert_eq!(c.prune(Duration::from_secs(30 * 86400), 5 * 4096), 4);
        assert_eq!(entries(&c).len(), 3);
        assert!(c.get(Kind::File, &[9; 32]).is_some(), "the newest stay");
    }

    #[test]
    fn prune_removes_block_entries_before_file_entries() {
        let dir = tempfile::tempdir().unwrap();
        let c = Cache::open(dir.path()).unwrap();
        let now = SystemTime::now();
        // Four old file entries, then four newer block entries.
        for i in 0..8u8 {
            let kind = if i < 4 { Kind::File } else { Kind::Block };
            c.put(kind, &[i; 32], &[diag(0..1)]);
            let f = std::fs::File::options()
                .append(true)
                .open(Cache::path(c.root().unwrap(), kind, &[i; 32]))
                .unwrap();
            f.set_modified(now - Duration::from_secs(60 * (10 - i as u64)))
                .unwrap();
        }
        // Room for 4 entries (3/4 of 16 KiB = 12 KiB: 3 entries): every block entry goes, then
        // the oldest file entry.
        assert_eq!(c.prune(Duration::from_secs(30 * 86400), 4 * 4096), 5);
        for i in 0..8u8 {
            let kind = if i < 4 { Kind::File } else { Kind::Block };
            assert_eq!(
                c.get(kind, &[i; 32]).is_some(),
                (1..4).contains(&i),
                "entry {i}"
            );
        }
    }
}
