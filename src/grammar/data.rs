//! Finding and reading nlprule's data (`en_tokenizer.bin[.gz]`, `en_rules.bin[.gz]`).
//!
//! Where it comes from, first match wins (an explicit setting is not silently skipped when its
//! directory lacks the files; the error names it): `--nlprule-dir`, `MTLINT_NLPRULE_DIR`,
//! `grammar.nlprule_dir` in mtlint.toml (relative to that file); then the data embedded in the
//! binary (cargo feature `embedded-grammar`, on by default: `data/nlprule/`, LanguageTool's rules
//! of September 2026); in a build without it, the user data directory
//! (`$XDG_DATA_HOME/mtlint/nlprule` on Linux).

use crate::config::Config;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Environment variable naming the data directory.
pub const ENV_DIR: &str = "MTLINT_NLPRULE_DIR";
pub const TOKENIZER_FILE: &str = "en_tokenizer.bin";
pub const RULES_FILE: &str = "en_rules.bin";

/// Where the data directory setting came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DirSource {
    Flag,
    Env,
    Config(PathBuf),
    UserData,
}

impl fmt::Display for DirSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DirSource::Flag => f.write_str("--nlprule-dir"),
            DirSource::Env => write!(f, "${ENV_DIR}"),
            DirSource::Config(p) => write!(f, "grammar.nlprule_dir in {}", p.display()),
            DirSource::UserData => f.write_str("the user data directory"),
        }
    }
}

/// The data directory to use and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataDir {
    pub dir: PathBuf,
    pub source: DirSource,
}

/// The user data directory for nlprule's files (`$XDG_DATA_HOME/mtlint/nlprule`), if the platform has one.
pub fn user_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("mtlint").join("nlprule"))
}

/// The data directory an explicit setting names: the flag, the environment, the config.
pub fn locate(config: &Config) -> Option<DataDir> {
    if let Some(d) = &config.grammar.nlprule_dir_flag {
        return Some(DataDir {
            dir: d.clone(),
            source: DirSource::Flag,
        });
    }
    if let Some(d) = std::env::var_os(ENV_DIR).filter(|v| !v.is_empty()) {
        return Some(DataDir {
            dir: PathBuf::from(d),
            source: DirSource::Env,
        });
    }
    if let Some(d) = &config.grammar.nlprule_dir {
        let from = config
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from("mtlint.toml"));
        return Some(DataDir {
            dir: config.resolve(d),
            source: DirSource::Config(from),
        });
    }
    None
}

/// What the embedded data is (`mtlint --version`, `mtlint rules`).
pub const EMBEDDED_NAME: &str =
    "LanguageTool 6.9-SNAPSHOT English rules of 2026-09-15, compiled for nlprule 0.6.4";

#[cfg(feature = "embedded-grammar")]
mod embedded {
    pub const TOKENIZER: &[u8] = include_bytes!("../../data/nlprule/en_tokenizer.bin.gz");
    pub const RULES: &[u8] = include_bytes!("../../data/nlprule/en_rules.bin.gz");
}

/// Where the grammar data in use comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DataSource {
    /// Built into the binary (feature `embedded-grammar`).
    Embedded,
    /// Files in a directory, named by a setting (or the user data directory).
    Dir { files: DataFiles, from: DirSource },
}

impl DataSource {
    /// The tokenizer file's bytes, gunzipped.
    pub fn tokenizer(&self) -> std::io::Result<Vec<u8>> {
        match self {
            DataSource::Embedded => gunzip(embedded_bytes().0),
            DataSource::Dir { files, .. } => read(&files.tokenizer),
        }
    }

    /// The rules file's bytes, gunzipped.
    pub fn rules(&self) -> std::io::Result<Vec<u8>> {
        match self {
            DataSource::Embedded => gunzip(embedded_bytes().1),
            DataSource::Dir { files, .. } => read(&files.rules),
        }
    }

    /// The tokenizer's name in messages.
    pub fn tokenizer_name(&self) -> String {
        match self {
            DataSource::Embedded => format!("the embedded {TOKENIZER_FILE}"),
            DataSource::Dir { files, .. } => files.tokenizer.display().to_string(),
        }
    }

    /// The rules file's name in messages.
    pub fn rules_name(&self) -> String {
        match self {
            DataSource::Embedded => format!("the embedded {RULES_FILE}"),
            DataSource::Dir { files, .. } => files.rules.display().to_string(),
        }
    }

    /// One line saying which data this is.
    pub fn describe(&self) -> String {
        match self {
            DataSource::Embedded => format!("embedded ({EMBEDDED_NAME})"),
            DataSource::Dir { files, from } => {
                let dir = files.tokenizer.parent().unwrap_or(Path::new("."));
                format!("{} (from {from})", dir.display())
            }
        }
    }

    /// What identifies the data for the result cache: the embedded data is part of the binary
    /// (which the cache key already names); files are hashed.
    pub fn fingerprint(&self) -> Vec<u8> {
        match self {
            DataSource::Embedded => b"embedded".to_vec(),
            DataSource::Dir { files, .. } => {
                let mut out = Vec::new();
                for f in [&files.tokenizer, &files.rules] {
                    out.extend_from_slice(f.to_string_lossy().as_bytes());
                    match std::fs::read(f) {
                        Ok(b) => out.extend_from_slice(blake3::hash(&b).as_bytes()),
                        Err(e) => out.extend_from_slice(e.to_string().as_bytes()),
                    }
                }
                out
            }
        }
    }
}

#[cfg(feature = "embedded-grammar")]
fn embedded_bytes() -> (&'static [u8], &'static [u8]) {
    (embedded::TOKENIZER, embedded::RULES)
}

#[cfg(not(feature = "embedded-grammar"))]
fn embedded_bytes() -> (&'static [u8], &'static [u8]) {
    (&[], &[])
}

/// Is grammar data built into this binary?
pub const fn has_embedded() -> bool {
    cfg!(feature = "embedded-grammar")
}

/// The grammar data to use for `config`, or why there is none: `Err((the directory that was
/// tried, if any, what is wrong))`.
pub fn source(config: &Config) -> Result<DataSource, (Option<DataDir>, String)> {
    match locate(config) {
        Some(d) => match find_files(&d.dir) {
            Ok(files) => Ok(DataSource::Dir {
                files,
                from: d.source,
            }),
            Err(e) => Err((Some(d), e)),
        },
        None if has_embedded() => Ok(DataSource::Embedded),
        None => match user_data_dir() {
            Some(dir) => {
                let d = DataDir {
                    dir,
                    source: DirSource::UserData,
                };
                match find_files(&d.dir) {
                    Ok(files) => Ok(DataSource::Dir {
                        files,
                        from: d.source,
                    }),
                    Err(e) => Err((Some(d), e)),
                }
            }
            None => Err((None, String::new())),
        },
    }
}

/// The two files of a data directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataFiles {
    pub tokenizer: PathBuf,
    pub rules: PathBuf,
}

/// `dir/name` or `dir/name.gz`, plain preferred (it loads faster).
fn find_file(dir: &Path, name: &str) -> Option<PathBuf> {
    [dir.join(name), dir.join(format!("{name}.gz"))]
        .into_iter()
        .find(|p| p.is_file())
}

/// Both files in `dir`, or a message naming what is missing.
pub fn find_files(dir: &Path) -> Result<DataFiles, String> {
    let tokenizer = find_file(dir, TOKENIZER_FILE);
    let rules = find_file(dir, RULES_FILE);
    match (tokenizer, rules) {
        (Some(tokenizer), Some(rules)) => Ok(DataFiles { tokenizer, rules }),
        (t, r) => {
            let missing: Vec<String> = [(t.is_none(), TOKENIZER_FILE), (r.is_none(), RULES_FILE)]
                .iter()
                .filter(|(m, _)| *m)
                .map(|(_, n)| format!("{n}[.gz]"))
                .collect();
            if dir.is_dir() {
                Err(format!(
                    "{} has no {}",
                    dir.display(),
                    missing.join(" and ")
                ))
            } else {
                Err(format!("{} does not exist", dir.display()))
            }
        }
    }
}

/// Reads a data file, gunzipping it when it starts with the gzip magic bytes.
pub fn read(path: &Path) -> std::io::Result<Vec<u8>> {
    let raw = std::fs::read(path)?;
    if raw.starts_with(&[0x1f, 0x8b]) {
        gunzip(&raw)
    } else {
        Ok(raw)
    }
}

fn gunzip(raw: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len() * 3);
    flate2::read::MultiGzDecoder::new(raw).read_to_end(&mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn flag_beats_config_and_config_is_relative_to_its_file() {
        let mut c: Config = toml::from_str("[grammar]\nnlprule_dir = \"data\"\n").unwrap();
        c.path = Some(PathBuf::from("/proj/mtlint.toml"));
        // The environment may name a directory in the test run; only check the config case without it.
        if std::env::var_os(ENV_DIR).is_none() {
            let d = locate(&c).unwrap();
            assert_eq!(d.dir, PathBuf::from("/proj/data"));
            assert!(matches!(d.source, DirSource::Config(_)));
        }
        c.grammar.nlprule_dir_flag = Some(PathBuf::from("x"));
        assert_eq!(
            locate(&c).unwrap(),
            DataDir {
                dir: PathBuf::from("x"),
                source: DirSource::Flag
            }
        );
    }

    #[test]
    fn finds_plain_or_gzip_and_names_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        let err = find_files(dir.path()).unwrap_err();
        assert!(
            err.ends_with("has no en_tokenizer.bin[.gz] and en_rules.bin[.gz]"),
            "{err}"
        );
        assert!(find_files(&dir.path().join("nope"))
            .unwrap_err()
            .ends_with("does not exist"));
        std::fs::write(dir.path().join("en_rules.bin"), b"plain").unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"zipped").unwrap();
        std::fs::write(dir.path().join("en_tokenizer.bin.gz"), gz.finish().unwrap()).unwrap();
        let f = find_files(dir.path()).unwrap();
        assert_eq!(read(&f.rules).unwrap(), b"plain");
        assert_eq!(read(&f.tokenizer).unwrap(), b"zipped");
    }
}
