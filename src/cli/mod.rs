//! Command-line interface: clap types and the subcommands.

pub mod check;
pub mod pipe;
mod rules;

use crate::config::GrammarMode;
use crate::diagnostic::Severity;
use crate::render::Format;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Exit status: nothing at or above the deny level was found.
pub const EXIT_CLEAN: i32 = 0;
/// Exit status: findings at or above the deny level.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit status: usage or I/O error.
pub const EXIT_ERROR: i32 = 2;

#[derive(Parser, Debug)]
#[command(name = "mtlint", version, about = "A linter for English text produced by machine translation", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args, Debug, Clone)]
pub struct CommonArgs {
    /// Use this config file instead of searching for mtlint.toml upwards from the working directory.
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
    /// Ignore any mtlint.toml.
    #[arg(long, global = true, conflicts_with = "config")]
    pub no_config: bool,
    /// Directory with nlprule's en_tokenizer.bin(.gz) and en_rules.bin(.gz).
    #[arg(long, value_name = "DIR", global = true)]
    pub nlprule_dir: Option<PathBuf>,
    /// Grammar engine: auto (use when data is found), require (missing data is an error), off.
    #[arg(long, value_name = "MODE", global = true)]
    pub grammar: Option<GrammarModeArg>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GrammarModeArg {
    Auto,
    Require,
    Off,
}

impl From<GrammarModeArg> for GrammarMode {
    fn from(g: GrammarModeArg) -> Self {
        match g {
            GrammarModeArg::Auto => GrammarMode::Auto,
            GrammarModeArg::Require => GrammarMode::Require,
            GrammarModeArg::Off => GrammarMode::Off,
        }
    }
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files and directories to check [default: the current directory]; `-` reads standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The source text that the one PATH translates: the two files are paired paragraph by
    /// paragraph (or line by line) and the bilingual checks compare them.
    #[arg(long, value_name = "SRC")]
    pub source: Option<PathBuf>,
    /// Source language of bilingual input (wins over the file's own; e.g. zh, de).
    #[arg(long, value_name = "LANG")]
    pub source_lang: Option<String>,
    /// Target language of bilingual input (wins over the file's own); the English checks run
    /// only on English targets.
    #[arg(long, value_name = "LANG")]
    pub target_lang: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Colour in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Lowest severity that makes the exit status 1 [default: warning, or `deny` in mtlint.toml].
    #[arg(long, value_name = "LEVEL")]
    pub deny: Option<Severity>,
    /// Apply safe fixes in place, then report what remains. Files are only rewritten when they
    /// change. With `-` (standard input) the fixed text is written to stdout and diagnostics to stderr.
    #[arg(long)]
    pub fix: bool,
    /// Print a unified diff of what --fix would change and write nothing; exit status 1 when there
    /// is something to fix.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Only check files matching these globs (when walking directories).
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Skip files matching these globs.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// File name to use for standard input in messages (and to choose Markdown or plain text).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
    /// Enable rules, rule globs or categories (comma-separated), on top of the config.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub enable: Vec<String>,
    /// Disable rules, rule globs or categories (comma-separated), on top of the config.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub disable: Vec<String>,
    /// Do not read or write the result cache (`$MTLINT_CACHE_DIR`, default: the user cache
    /// directory + `mtlint`).
    #[arg(long)]
    pub no_cache: bool,
    /// Check only the files changed since this git revision (renames followed, untracked files
    /// included) and report only findings on changed lines.
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// Report only findings that are not in this baseline file (see --write-baseline).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write the findings to this baseline file; with --baseline, only those still in it (fixed
    /// findings leave the baseline).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Fail (exit status 1) when a file's penalty per 1,000 words exceeds N (weights by severity
    /// from mtlint.toml's [penalty], default info 0, warning 1, error 5); replaces --deny.
    #[arg(long, value_name = "N")]
    pub max_penalty: Option<f64>,
    /// Check a stable 1/N of the files (by a hash of the path): N CI jobs with --shard 1/N ...
    /// N/N check every file once.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(clap::Args, Debug)]
pub struct RulesArgs {
    /// Output format: human table or JSON.
    #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
    pub format: RulesFormat,
    /// Run every pack rule's examples and counter-examples (embedded packs, the config's
    /// `rules.dirs` and the DIRs given) and report each one that fails at its file:line;
    /// exit status 1 when one fails.
    #[arg(long)]
    pub verify: bool,
    /// More rule-pack directories, as if added to `rules.dirs` in mtlint.toml.
    #[arg(value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Human,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// Rule id, e.g. `calque/possessive-son`.
    pub rule: String,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(clap::Args, Debug)]
pub struct LspArgs {
    /// Accepted for editors that pass it (the server always talks over stdin/stdout).
    #[arg(long)]
    pub stdio: bool,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check files, directories or standard input.
    Check(Box<CheckArgs>),
    /// List every rule.
    Rules(RulesArgs),
    /// Explain one rule, with its examples.
    Explain(ExplainArgs),
    /// Run the language server (LSP over standard input and output) for editors.
    Lsp(LspArgs),
}

/// Runs the CLI and returns the exit status.
pub fn main() -> i32 {
    // mtlint parallelises over files and blocks; nlprule's own per-sentence parallelism would only
    // add scheduling (and it reads this variable on every call).
    if std::env::var_os("NLPRULE_PARALLELISM").is_none() {
        std::env::set_var("NLPRULE_PARALLELISM", "false");
    }
    let mut command = <Cli as clap::CommandFactory>::command();
    if std::env::args_os().any(|a| a == "--version" || a == "-V") {
        command = command.version(&*Box::leak(version().into_boxed_str()));
    }
    let parsed = command
        .try_get_matches()
        .and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            };
            let _ = e.print();
            return code;
        }
    };
    let result = match cli.command {
        Command::Check(a) => check::run(*a),
        Command::Rules(a) => rules::list(a),
        Command::Explain(a) => rules::explain(a),
        Command::Lsp(a) => crate::lsp::run(crate::lsp::Options {
            config: a.common.config,
            no_config: a.common.no_config,
            nlprule_dir: a.common.nlprule_dir,
            grammar: a.common.grammar.map(Into::into),
        }),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "error: {e:#}");
            EXIT_ERROR
        }
    }
}

/// `mtlint --version`: the version and the grammar data a check in this directory would use.
fn version() -> String {
    let config = std::env::current_dir()
        .ok()
        .and_then(|cwd| crate::config::Config::discover(&cwd))
        .and_then(|p| crate::config::Config::load(&p).ok())
        .unwrap_or_default();
    let data = match crate::grammar::data::source(&config) {
        Ok(s) => s.describe(),
        Err((_, why)) if why.is_empty() => "none".to_string(),
        Err((_, why)) => format!("none ({why})"),
    };
    format!("{}\ngrammar data: {data}", env!("CARGO_PKG_VERSION"))
}

/// Loads the configuration the common arguments point at, and builds the linter.
pub fn build_linter(
    common: &CommonArgs,
    tweak: impl FnOnce(&mut crate::config::Config),
) -> anyhow::Result<crate::Linter> {
    let mut config = load_config(common)?;
    tweak(&mut config);
    crate::registry::linter(config)
}

/// The configuration the common arguments point at (with --nlprule-dir and --grammar applied).
pub fn load_config(common: &CommonArgs) -> anyhow::Result<crate::config::Config> {
    let mut config = if common.no_config {
        crate::config::Config::default()
    } else if let Some(p) = &common.config {
        crate::config::Config::load(p)?
    } else {
        let cwd = std::env::current_dir()?;
        match crate::config::Config::discover(&cwd) {
            Some(p) => crate::config::Config::load(&p)?,
            None => crate::config::Config::default(),
        }
    };
    if let Some(d) = &common.nlprule_dir {
        config.grammar.nlprule_dir_flag = Some(d.clone());
    }
    if let Some(g) = common.grammar {
        config.grammar.mode = Some(g.into());
    }
    Ok(config)
}
