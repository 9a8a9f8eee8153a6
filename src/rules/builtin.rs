//! The rule packs compiled into the binary: every `rules/*.toml` of the repository.
//! Adding a pack is one line here (a test fails when a file of `rules/` is missing).

use super::PackSource;
use std::path::PathBuf;

/// (path relative to the repository, text) of each embedded pack.
pub const PACKS: &[(&str, &str)] = &[
    (
        "rules/calques.toml",
        include_str!("../../rules/calques.toml"),
    ),
    (
        "rules/calques-romance.toml",
        include_str!("../../rules/calques-romance.toml"),
    ),
    (
        "rules/false-friends.toml",
        include_str!("../../rules/false-friends.toml"),
    ),
    (
        "rules/leftovers.toml",
        include_str!("../../rules/leftovers.toml"),
    ),
    (
        "rules/agreement.toml",
        include_str!("../../rules/agreement.toml"),
    ),
    (
        "rules/complementation.toml",
        include_str!("../../rules/complementation.toml"),
    ),
    (
        "rules/countability.toml",
        include_str!("../../rules/countability.toml"),
    ),
    ("rules/locale.toml", include_str!("../../rules/locale.toml")),
    (
        "rules/numbers.toml",
        include_str!("../../rules/numbers.toml"),
    ),
    (
        "rules/punctuation.toml",
        include_str!("../../rules/punctuation.toml"),
    ),
    (
        "rules/split-words.toml",
        include_str!("../../rules/split-words.toml"),
    ),
    ("rules/names.toml", include_str!("../../rules/names.toml")),
    (
        "rules/particles.toml",
        include_str!("../../rules/particles.toml"),
    ),
    (
        "rules/spacing.toml",
        include_str!("../../rules/spacing.toml"),
    ),
    (
        "rules/calques-chinese.toml",
        include_str!("../../rules/calques-chinese.toml"),
    ),
    (
        "rules/calques-slavic-germanic.toml",
        include_str!("../../rules/calques-slavic-germanic.toml"),
    ),
    ("rules/titles.toml", include_str!("../../rules/titles.toml")),
    (
        "rules/time-article.toml",
        include_str!("../../rules/time-article.toml"),
    ),
    (
        "rules/grammar-pos.toml",
        include_str!("../../rules/grammar-pos.toml"),
    ),
];

/// The embedded packs as sources to compile.
pub fn sources() -> Vec<PackSource> {
    PACKS
        .iter()
        .map(|(p, t)| PackSource {
            path: PathBuf::from(p),
            origin: p.to_string(),
            text: t.to_string(),
        })
        .collect()
}
