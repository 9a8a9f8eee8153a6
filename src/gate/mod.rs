//! Gating a content repository's pull requests: only what changed ([`changed`]), only what is
//! new ([`baseline`]), a score a content team understands ([`penalty`]), and the work split
//! between CI jobs ([`shard`]).

pub mod baseline;
pub mod changed;
pub mod penalty;
pub mod shard;
