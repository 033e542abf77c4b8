//! Capture: ideas typed in the room (and their drafts and photos), the boards they are
//! shown on, and finding them again (search, the similar-idea hint).

pub(crate) mod attachments;
pub(crate) mod board;
pub(crate) mod drafts;
pub(crate) mod ideas;
pub(crate) mod search;
