//! `mtlint.toml`: discovery, parsing (errors with line and column), and the
//! decisions it drives (which rules run, at which severity).

pub mod locate;
pub mod selectors;

use crate::checks::RuleMeta;
use crate::diagnostic::{Category, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

pub const CONFIG_NAMES: [&str; 2] = ["mtlint.toml", ".mtlint.toml"];

/// A preferred term and the variants to flag (each entry becomes the rule
/// `terminology/<slug of preferred>`, see `rules::terms`).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub preferred: String,
    pub variants: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// Phrases in which a variant is right ("chicken Kiev"): not flagged.
    #[serde(default)]
    pub exceptions: Vec<String>,
}

#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum GrammarMode {
    /// Use nlprule when its data is found; say once on stderr when it is not.
    #[default]
    Auto,
    /// Missing data is an error (exit 2).
    Require,
    /// Never load nlprule.
    Off,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct GrammarConfig {
    /// Directory of nlprule's data, relative to the config file.
    pub nlprule_dir: Option<PathBuf>,
    pub mode: Option<GrammarMode>,
    /// `--nlprule-dir` (relative to the working directory): wins over `MTLINT_NLPRULE_DIR` and `nlprule_dir`.
    #[serde(skip)]
    pub nlprule_dir_flag: Option<PathBuf>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RulesConfig {
    /// Rule ids, id globs (`calque/*`) or categories to turn on.
    #[serde(default)]
    pub enable: Vec<String>,
    /// Rule ids, id globs or categories to turn off.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Severity overrides by rule id, glob or category.
    #[serde(default, deserialize_with = "severity_map")]
    pub severity: BTreeMap<String, Severity>,
    /// Extra directories of rule packs (`*.toml`), relative to the config file.
    #[serde(default)]
    pub dirs: Vec<PathBuf>,
}

/// `[bilingual]`: XLIFF, PO and aligned files.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct BilingualConfig {
    /// Source language when the file does not say (`--source-lang` wins over both).
    pub source_lang: Option<String>,
    /// Target language when the file does not say (`--target-lang` wins over both); the
    /// English checks run only on English targets.
    pub target_lang: Option<String>,
    /// A glossary (TSV or TBX, relative to the config file): `bilingual/glossary-term` and
    /// `bilingual/forbidden-term`.
    pub glossary: Option<PathBuf>,
    /// `--source-lang`: wins over the file and the config.
    #[serde(skip)]
    pub source_lang_flag: Option<String>,
    /// `--target-lang`: wins over the file and the config.
    #[serde(skip)]
    pub target_lang_flag: Option<String>,
}

impl BilingualConfig {
    /// The languages of a file that declares `file` (source, target): flag, then file, then config.
    pub fn languages(
        &self,
        file: (Option<&str>, Option<&str>),
    ) -> (Option<String>, Option<String>) {
        let pick = |flag: &Option<String>, file: Option<&str>, conf: &Option<String>| {
            flag.clone()
                .or_else(|| file.map(str::to_string))
                .or_else(|| conf.clone())
        };
        (
            pick(&self.source_lang_flag, file.0, &self.source_lang),
            pick(&self.target_lang_flag, file.1, &self.target_lang),
        )
    }
}

/// The whole configuration.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub rules: RulesConfig,
    /// Glob patterns of paths not to check (relative to the config file's directory).
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Glob patterns of the files to check when walking directories, instead of the Markdown and
    /// text extensions (`--include` adds to them); the language server checks documents they
    /// match whatever language the editor gives them.
    #[serde(default)]
    pub include: Vec<String>,
    /// Words the spelling check accepts.
    #[serde(default)]
    pub words: Vec<String>,
    /// A file with one accepted word per line.
    #[serde(default)]
    pub words_file: Option<PathBuf>,
    #[serde(default)]
    pub terminology: Vec<Term>,
    #[serde(default)]
    pub grammar: GrammarConfig,
    #[serde(default)]
    pub bilingual: BilingualConfig,
    /// Lowest severity that makes the exit status 1 (default: warning).
    #[serde(default, deserialize_with = "severity_opt")]
    pub deny: Option<Severity>,
    /// Points per finding for `--max-penalty` (per 1,000 words of a file).
    #[serde(default)]
    pub penalty: crate::gate::penalty::Weights,
    /// The file this was read from (None for defaults).
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

/// A severity written in the config: a string ("info", "warning" or "error"), whatever else
/// serde would accept for the enum.
fn severity_str<E: serde::de::Error>(s: &str) -> Result<Severity, E> {
    s.parse().map_err(E::custom)
}

fn severity_opt<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Severity>, D::Error> {
    let s = String::deserialize(d)?;
    severity_str(&s).map(Some)
}

fn severity_map<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, Severity>, D::Error> {
    BTreeMap::<String, String>::deserialize(d)?
        .into_iter()
        .map(|(k, v)| severity_str(&v).map(|s| (k, s)))
        .collect()
}

/// A config or rule file that could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = crate::render::display_path(&self.path);
        if self.line == 0 {
            // Not about a place in the file (it cannot be read at all).
            write!(f, "{path}: {}", self.message)
        } else {
            write!(f, "{path}:{}:{}: {}", self.line, self.column, self.message)
        }
    }
}

impl std::error::Error for FileError {}

impl FileError {
    /// Builds an error from a byte offset into `text`.
    pub fn at(path: &Path, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let idx = crate::source::offsets::LineIndex::new(text);
        let lc = idx.line_col(text, offset);
        FileError {
            path: path.to_path_buf(),
            line: lc.line,
            column: lc.column,
            message: message.into(),
        }
    }

    pub fn from_toml(path: &Path, text: &str, e: &toml::de::Error) -> Self {
        let offset = e.span().map_or(0, |s| s.start);
        FileError::at(path, text, offset, e.message().trim().to_string())
    }
}

/// Reads a UTF-8 text file (a config file, a rule pack): an unreadable file is an error
/// without a position, invalid UTF-8 one at the line and column of the first bad byte.
pub fn read_text(path: &Path, what: &str) -> Result<String, FileError> {
    let bytes = std::fs::read(path).map_err(|e| FileError {
        path: path.to_path_buf(),
        line: 0,
        column: 0,
        message: format!("cannot read {what}: {e}"),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..good]).into_owned();
        FileError::at(path, &text, good, format!("{what} is not valid UTF-8"))
    })
}

/// Parses TOML text into `T`, reporting errors with file:line:column.
pub fn parse_toml<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T, FileError> {
    toml::from_str(text).map_err(|e| FileError::from_toml(path, text, &e))
}

impl Config {
    /// Reads a config file.
    pub fn load(path: &Path) -> Result<Config, FileError> {
        let text = read_text(path, "config file")?;
        let mut c: Config = parse_toml(path, &text)?;
        c.path = Some(path.to_path_buf());
        c.validate(&text)?;
        Ok(c)
    }

    fn validate(&self, text: &str) -> Result<(), FileError> {
        let path = self.path.clone().unwrap_or_default();
        for sel in self
            .rules
            .enable
            .iter()
            .chain(&self.rules.disable)
            .chain(self.rules.severity.keys())
        {
            if sel.trim().is_empty() {
                let off = text.find("\"\"").unwrap_or(0);
                return Err(FileError::at(&path, text, off, "empty rule selector"));
            }
        }
        let at = |value: &str| locate::quoted(text, value).unwrap_or(0);
        for g in self.ignore.iter().chain(&self.include) {
            if let Err(e) = crate::walk::globset(std::slice::from_ref(g)) {
                return Err(FileError::at(&path, text, at(g), e.to_string()));
            }
        }
        for d in &self.rules.dirs {
            let full = self.resolve(d);
            if !full.is_dir() {
                let why = if full.exists() {
                    "is not a directory"
                } else {
                    "does not exist"
                };
                let d = d.to_string_lossy();
                return Err(FileError::at(
                    &path,
                    text,
                    at(&d),
                    format!(
                        "rules directory `{d}` {why} (resolved to {})",
                        crate::render::display_path(&full)
                    ),
                ));
            }
        }
        // Files named in the config: `words_file`, `[bilingual] glossary`.
        let files = [
            ("words_file", &self.words_file),
            ("glossary", &self.bilingual.glossary),
        ];
        for (key, f) in files {
            let Some(f) = f else { continue };
            let full = self.resolve(f);
            if !full.is_file() {
                let f = f.to_string_lossy();
                return Err(FileError::at(
                    &path,
                    text,
                    at(&f),
                    format!(
                        "{key} `{f}` is not a readable file (resolved to {})",
                        crate::render::display_path(&full)
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Finds `mtlint.toml` (or `.mtlint.toml`) in `start` or its ancestors.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let mut dir = Some(start);
        while let Some(d) = dir {
            for name in CONFIG_NAMES {
                let p = d.join(name);
                if p.is_file() {
                    return Some(p);
                }
            }
            dir = d.parent();
        }
        None
    }

    /// Directory relative paths in the config are resolved against.
    pub fn base_dir(&self) -> PathBuf {
        self.path
            .as_ref()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."))
    }

    pub fn resolve(&self, p: &Path) -> PathBuf {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.base_dir().join(p)
        }
    }

    /// Is the rule on? The most specific matching selector wins (id > glob > category > "all");
    /// between an enable and a disable of equal specificity, disable wins.
    pub fn is_enabled(&self, meta: &RuleMeta) -> bool {
        let best = |sels: &[String]| {
            sels.iter()
                .filter_map(|s| specificity(s, &meta.id, meta.category))
                .max()
        };
        match (best(&self.rules.enable), best(&self.rules.disable)) {
            (None, None) => meta.default_enabled,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some(e), Some(d)) => e > d,
        }
    }

    /// The severity a rule reports at, after overrides (most specific wins).
    pub fn severity(&self, meta: &RuleMeta) -> Severity {
        self.severity_of(&meta.id, meta.category, meta.severity)
    }

    pub fn severity_of(&self, id: &str, category: Category, default: Severity) -> Severity {
        self.rules
            .severity
            .iter()
            .filter_map(|(sel, sev)| specificity(sel, id, category).map(|s| (s, *sev)))
            .max_by_key(|(s, _)| *s)
            .map_or(default, |(_, sev)| sev)
    }
}

/// How specifically `selector` names the rule `id` (None: it does not).
pub fn specificity(selector: &str, id: &str, category: Category) -> Option<u8> {
    let sel = selector.trim();
    if sel == id {
        return Some(4);
    }
    if sel == "all" || sel == "*" {
        return Some(0);
    }
    if sel == category.as_str() {
        return Some(1);
    }
    if sel.contains('*') && glob_match(sel, id) {
        return Some(3);
    }
    // A prefix ending in '/' names a family: "calque/", "lt/".
    if sel.ends_with('/') && id.starts_with(sel) {
        return Some(2);
    }
    None
}

/// Does `pattern`, where `*` stands for any run of characters, match all of `text`?
/// (Selectors are matched for every diagnostic: no regex is compiled here.)
fn glob_match(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty(); // no '*' at all: an exact match
    };
    for part in middle {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(id: &str, cat: Category, on: bool) -> RuleMeta {
        let mut m = RuleMeta::builtin(
            id,
            cat,
            Severity::Warning,
            crate::diagnostic::FixSafety::None,
            "x",
        );
        m.default_enabled = on;
        m
    }

    #[test]
    fn globs_match_whole_ids() {
        assert!(glob_match("lt/GRAMMAR/*", "lt/GRAMMAR/WAS_BEEN/1"));
        assert!(glob_match("lt/*/EN_QUOTES/*", "lt/TYPOGRAPHY/EN_QUOTES/0"));
        assert!(glob_match("*-son", "calque/possessive-son"));
        assert!(!glob_match("*-son", "calque/possessive-sons"));
        assert!(!glob_match("calque/*", "names/kiev"));
        assert!(glob_match("a*ba", "aba"));
        assert!(!glob_match("ab*ba", "aba"));
        assert!(glob_match("a*ba", "abba"));
    }

    #[test]
    fn most_specific_selector_wins() {
        let c: Config = toml::from_str(
            "[rules]\ndisable = [\"grammar\"]\nenable = [\"lt/GRAMMAR/*\"]\n[rules.severity]\n\"calque/son\" = \"error\"\n",
        )
        .unwrap();
        assert!(!c.is_enabled(&meta("article/a-an", Category::Grammar, true)));
        assert!(c.is_enabled(&meta("lt/GRAMMAR/WAS_BEEN/1", Category::Grammar, false)));
        assert!(c.is_enabled(&meta("calque/son", Category::MtCalque, true)));
        assert_eq!(
            c.severity(&meta("calque/son", Category::MtCalque, true)),
            Severity::Error
        );
    }

    #[test]
    fn errors_have_line_and_column() {
        let e = parse_toml::<Config>(
            Path::new("mtlint.toml"),
            "[rules]\nenable = [\"a\"\nx = 1\n",
        )
        .unwrap_err();
        assert_eq!(e.path, Path::new("mtlint.toml"));
        assert!(e.line >= 2, "{e}");
        let e = parse_toml::<Config>(Path::new("m.toml"), "deny = \"fatal\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (1, 8), "{e}");
    }
}
