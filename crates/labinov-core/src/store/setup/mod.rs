//! Setting a lab up: the lab itself, its agencies and people, its agenda, its option
//! lists, and importing rosters and ideas from spreadsheets.

pub(crate) mod agencies;
pub(crate) mod agenda;
pub(crate) mod attendance;
pub(crate) mod import;
pub(crate) mod labs;
pub(crate) mod options;

#[cfg(test)]
mod import_tests;
