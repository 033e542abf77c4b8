//! The show and the review: what the projector shows, the pitch session and its notes,
//! the rubric, reviews, ranking and dot voting.

pub(crate) mod projector;
pub(crate) mod review;
