//! Review on a rubric, the ranking with its stated rules, and anonymous dot voting.
//!
//! Ranking rules (shown in the UI too):
//! 1. A reviewer's total is the weighted mean of their scores, each as a share of its
//!    scale, on 0-100, under the current rubric.
//! 2. A review counts only once submitted with every current criterion scored; others
//!    are listed as incomplete and count for nothing.
//! 3. An idea's mark is the mean of its counted totals. Ideas are ranked by it, highest
//!    first; ties go to more counted reviews, then to the higher mean on the first
//!    criterion; ideas still equal share the rank. Ideas without a counted review are
//!    not ranked.
//! 4. Reviewers disagree strongly when their totals are 25 points or more apart.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension};

use crate::error::{Error, Reason, Result};
use crate::model::Entity;
use crate::model::{
    ChangeOp, Criterion, IdeaReviews, PersonRole, RankRow, Recommendation, ReleasedResults, Review,
    ReviewInput, Score, VoteOutcome, VoteResult, VoteRound,
};
use crate::store::changes::Changes;
use crate::store::{Store, Tx};
use crate::time::now_utc;
use crate::validate::{clean_required, clean_text};

/// Totals this far apart mark a strong disagreement.
pub const DISAGREEMENT: f64 = 25.0;

/// The default rubric: the five public-service innovation criteria (PermenPANRB 91/2021),
/// 1-5, equal weights.
const DEFAULT_RUBRIC: &[(&str, &str, &str)] = &[
    ("kebaruan", "Kebaruan", "Novelty"),
    ("efektif", "Efektif", "Effective"),
    ("bermanfaat", "Bermanfaat", "Beneficial"),
    ("replikasi", "Dapat direplikasi", "Replicable"),
    ("berkelanjutan", "Berkelanjutan", "Sustainable"),
];

fn rec_str(r: Recommendation) -> &'static str {
    match r {
        Recommendation::Continue => "continue",
        Recommendation::Improve => "improve",
        Recommendation::Stop => "stop",
    }
}

fn parse_rec(s: &str) -> Option<Recommendation> {
    match s {
        "continue" => Some(Recommendation::Continue),
        "improve" => Some(Recommendation::Improve),
        "stop" => Some(Recommendation::Stop),
        _ => None,
    }
}

/// A reviewer's total on 0-100 when every criterion is scored.
fn total(rubric: &[Criterion], scores: &[Score]) -> Option<f64> {
    let mut sum = 0.0;
    let mut weights = 0.0;
    for c in rubric {
        let s = scores.iter().find(|s| s.criterion == c.code)?;
        sum += c.weight * f64::from(s.score) / f64::from(s.scale_max);
        weights += c.weight;
    }
    (weights > 0.0).then(|| sum / weights * 100.0)
}

impl Tx<'_> {
    fn rubric(&self, lab_id: &str) -> Result<Vec<Criterion>> {
        self.require_lab(lab_id)?;
        let has: bool = self.query_row(
            "SELECT EXISTS (SELECT 1 FROM rubric_criterion WHERE lab_id = ?1)",
            [lab_id],
            |r| r.get(0),
        )?;
        if !has {
            for (i, (code, id, en)) in DEFAULT_RUBRIC.iter().enumerate() {
                self.execute(
                    "INSERT INTO rubric_criterion (lab_id, code, label_id, label_en, weight, scale_max, position)
                     VALUES (?1, ?2, ?3, ?4, 1.0, 5, ?5)",
                    params![lab_id, code, id, en, i as u32],
                )?;
            }
        }
        let mut stmt = self.prepare_cached(
            "SELECT code, label_id, label_en, weight, scale_max, position FROM rubric_criterion
             WHERE lab_id = ?1 AND retired = 0 ORDER BY position",
        )?;
        let rows = stmt.query_map([lab_id], |r| {
            Ok(Criterion {
                code: r.get(0)?,
                label_id: r.get(1)?,
                label_en: r.get(2)?,
                weight: r.get(3)?,
                scale_max: r.get(4)?,
                position: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn reviews_of(&self, idea_id: &str, rubric: &[Criterion]) -> Result<Vec<Review>> {
        let mut stmt = self.prepare_cached(
            "SELECT r.id, r.reviewer_id, p.name, r.comment, r.recommendation, r.submitted_at
             FROM review r JOIN person p ON p.id = r.reviewer_id WHERE r.idea_id = ?1 ORDER BY p.name, r.id",
        )?;
        let heads: Vec<(String, String, String, String, String, Option<String>)> = stmt
            .query_map([idea_id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        let mut out = Vec::new();
        for (id, reviewer_id, name, comment, rec, submitted_at) in heads {
            let mut s = self.prepare_cached(
                "SELECT criterion, score, scale_max FROM review_score WHERE review_id = ?1 ORDER BY criterion",
            )?;
            let scores: Vec<Score> = s
                .query_map([&id], |r| {
                    Ok(Score {
                        criterion: r.get(0)?,
                        score: r.get(1)?,
                        scale_max: r.get(2)?,
                    })
                })?
                .collect::<Result<_, _>>()?;
            let t = total(rubric, &scores);
            out.push(Review {
                id,
                idea_id: idea_id.to_owned(),
                reviewer_id,
                reviewer_name: name,
                scores,
                comment,
                recommendation: parse_rec(&rec),
                submitted_at,
                total: t,
            });
        }
        Ok(out)
    }
}

impl Store {
    /// The lab's rubric (the default five criteria until it is changed).
    pub fn rubric(&self, lab_id: &str) -> Result<Vec<Criterion>> {
        self.write(|tx| tx.rubric(lab_id))
    }

    /// Replaces the rubric. Once scores exist it changes only with `confirmed`, and the
    /// scores given stay as they were (each with its own scale).
    pub fn save_rubric(
        &self,
        lab_id: &str,
        criteria: Vec<Criterion>,
        confirmed: bool,
    ) -> Result<Vec<Criterion>> {
        if criteria.is_empty() {
            return Err(Error::invalid("rubric", Reason::RubricEmpty));
        }
        self.write(|tx| {
            tx.rubric(lab_id)?;
            let scored: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM review r JOIN idea i ON i.id = r.idea_id WHERE i.lab_id = ?1)",
                [lab_id],
                |r| r.get(0),
            )?;
            if scored && !confirmed {
                return Err(Error::invalid("confirm", Reason::ConfirmRubricChange));
            }
            tx.execute("UPDATE rubric_criterion SET retired = 1 WHERE lab_id = ?1", [lab_id])?;
            for (i, c) in criteria.iter().enumerate() {
                let code = clean_required("code", &c.code)?;
                let label_id = clean_required("labelId", &c.label_id)?;
                if !(c.weight > 0.0 && c.weight <= 100.0) {
                    return Err(Error::invalid("weight", Reason::WeightRange { max: 100 }));
                }
                if !(2..=10).contains(&c.scale_max) {
                    return Err(Error::invalid("scaleMax", Reason::ScaleRange { min: 2, max: 10 }));
                }
                tx.execute(
                    "INSERT INTO rubric_criterion (lab_id, code, label_id, label_en, weight, scale_max, position, retired)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0)
                     ON CONFLICT (lab_id, code) DO UPDATE SET label_id = excluded.label_id, label_en = excluded.label_en,
                       weight = excluded.weight, scale_max = excluded.scale_max, position = excluded.position, retired = 0",
                    params![lab_id, code, label_id, c.label_en.trim(), c.weight, c.scale_max, i as u32],
                )?;
            }
            let mut ch = Changes::default();
            ch.set("rubric", serde_json::to_value(&criteria)?);
            tx.record(Some(lab_id), Entity::Lab, lab_id, ChangeOp::Update, ch)?;
            tx.rubric(lab_id)
        })
    }

    /// Whether reviewers see each other's scores only after submitting their own.
    pub fn review_blind(&self, lab_id: &str) -> Result<bool> {
        let conn = self.conn();
        Ok(conn
            .query_row(
                "SELECT blind FROM review_setting WHERE lab_id = ?1",
                [lab_id],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(true))
    }

    pub fn set_review_blind(&self, lab_id: &str, blind: bool) -> Result<bool> {
        self.write(|tx| {
            tx.require_lab(lab_id)?;
            tx.execute(
                "INSERT INTO review_setting (lab_id, blind) VALUES (?1, ?2)
                 ON CONFLICT (lab_id) DO UPDATE SET blind = excluded.blind",
                params![lab_id, blind],
            )?;
            Ok(blind)
        })
    }

    /// Saves a reviewer's scores, comment and recommendation for an idea (a draft until
    /// `submit`). Scores must be on the criterion's scale.
    pub fn save_review(
        &self,
        idea_id: &str,
        reviewer_id: &str,
        input: ReviewInput,
    ) -> Result<Review> {
        let comment = clean_text("comment", &input.comment)?;
        self.write(|tx| {
            let idea = tx.get_idea(idea_id)?;
            let role: Option<(String, String)> = tx
                .query_row("SELECT lab_id, role FROM person WHERE id = ?1", [reviewer_id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            match role {
                Some((lab, role)) if lab == idea.lab_id && role == PersonRole::Reviewer.as_str() => {}
                _ => return Err(Error::invalid("reviewerId", Reason::ChooseReviewer)),
            }
            let rubric = tx.rubric(&idea.lab_id)?;
            let now = now_utc();
            let existing: Option<(String, Option<String>)> = tx
                .query_row(
                    "SELECT id, submitted_at FROM review WHERE idea_id = ?1 AND reviewer_id = ?2",
                    params![idea_id, reviewer_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let submitted_at = match (&existing, input.submit) {
                (Some((_, Some(at))), _) => Some(at.clone()),
                (_, true) => Some(now.clone()),
                _ => None,
            };
            let id = existing.map(|e| e.0).unwrap_or_else(|| uuid::Uuid::now_v7().to_string());
            tx.execute(
                "INSERT INTO review (id, idea_id, reviewer_id, comment, recommendation, submitted_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (id) DO UPDATE SET comment = excluded.comment, recommendation = excluded.recommendation,
                   submitted_at = excluded.submitted_at, updated_at = excluded.updated_at",
                params![id, idea_id, reviewer_id, comment, input.recommendation.map_or("", rec_str), submitted_at, now],
            )?;
            for s in &input.scores {
                let Some(c) = rubric.iter().find(|c| c.code == s.criterion) else {
                    return Err(Error::invalid("scores", Reason::NotACriterion { criterion: s.criterion.clone() }));
                };
                if s.score < 1 || s.score > c.scale_max {
                    return Err(Error::invalid("scores", Reason::ScoreRange { criterion: c.code.clone(), max: c.scale_max }));
                }
                tx.execute(
                    "INSERT INTO review_score (review_id, criterion, score, scale_max) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (review_id, criterion) DO UPDATE SET score = excluded.score, scale_max = excluded.scale_max",
                    params![id, c.code, s.score, c.scale_max],
                )?;
            }
            let mut ch = Changes::default();
            ch.set("review", serde_json::json!({"reviewer": reviewer_id, "scores": input.scores, "submitted": submitted_at.is_some()}));
            tx.record(Some(&idea.lab_id), Entity::Idea, idea_id, ChangeOp::Update, ch)?;
            let reviews = tx.reviews_of(idea_id, &rubric)?;
            Ok(reviews.into_iter().find(|r| r.id == id).expect("the review just saved"))
        })
    }

    /// The reviews of an idea as `viewer` may see them: in blind mode the others' stay
    /// hidden until the viewer has submitted a review of their own. `None` (the
    /// facilitator) sees every submitted review.
    pub fn idea_reviews(&self, idea_id: &str, viewer: Option<&str>) -> Result<IdeaReviews> {
        let lab_id = self.get_idea(idea_id)?.lab_id;
        let blind = self.review_blind(&lab_id)?;
        let all = self.write(|tx| {
            let rubric = tx.rubric(&lab_id)?;
            tx.reviews_of(idea_id, &rubric)
        })?;
        let mine = viewer.and_then(|v| all.iter().find(|r| r.reviewer_id == v).cloned());
        let others: Vec<Review> = all
            .into_iter()
            .filter(|r| Some(r.reviewer_id.as_str()) != viewer && r.submitted_at.is_some())
            .collect();
        let may_see =
            !blind || viewer.is_none() || mine.as_ref().is_some_and(|m| m.submitted_at.is_some());
        Ok(if may_see {
            IdeaReviews {
                mine,
                others,
                hidden: 0,
            }
        } else {
            IdeaReviews {
                mine,
                hidden: others.len() as u32,
                others: Vec::new(),
            }
        })
    }

    /// The ranking of the lab's live ideas under the rules in the module docs.
    pub fn ranking(&self, lab_id: &str) -> Result<Vec<RankRow>> {
        let ideas = self.idea_listing(lab_id)?;
        // One transaction for the rubric and every idea's reviews, not one per idea.
        let (rubric, all_reviews) = self.write(|tx| {
            let rubric = tx.rubric(lab_id)?;
            let reviews = ideas
                .iter()
                .map(|l| tx.reviews_of(&l.idea.id, &rubric))
                .collect::<Result<Vec<_>>>()?;
            Ok((rubric, reviews))
        })?;
        let mut rows = Vec::new();
        for (l, reviews) in ideas.into_iter().zip(all_reviews) {
            let counted: Vec<&Review> = reviews
                .iter()
                .filter(|r| r.submitted_at.is_some() && r.total.is_some())
                .collect();
            let totals: Vec<(String, f64)> = counted
                .iter()
                .map(|r| (r.reviewer_name.clone(), r.total.unwrap_or(0.0)))
                .collect();
            let mean = (!totals.is_empty())
                .then(|| totals.iter().map(|t| t.1).sum::<f64>() / totals.len() as f64);
            let (lo, hi) = totals.iter().fold((f64::MAX, f64::MIN), |(lo, hi), t| {
                (lo.min(t.1), hi.max(t.1))
            });
            let spread = if totals.is_empty() { 0.0 } else { hi - lo };
            let per_criterion = rubric
                .iter()
                .filter(|_| !counted.is_empty())
                .map(|c| {
                    let v: f64 = counted
                        .iter()
                        .filter_map(|r| r.scores.iter().find(|s| s.criterion == c.code))
                        .map(|s| f64::from(s.score) / f64::from(s.scale_max) * 100.0)
                        .sum::<f64>()
                        / counted.len() as f64;
                    (c.code.clone(), v)
                })
                .collect();
            rows.push(RankRow {
                idea_id: l.idea.id.clone(),
                title: l.idea.fields.title.clone(),
                agency_short_name: l.agency_short_name.clone(),
                rank: None,
                mean,
                totals,
                per_criterion,
                spread,
                disagreement: spread >= DISAGREEMENT,
                counted: counted.len() as u32,
                incomplete: (reviews.len() - counted.len()) as u32,
            });
        }
        let first = |r: &RankRow| r.per_criterion.first().map_or(0.0, |c| c.1);
        let key = |r: &RankRow| (r.mean.unwrap_or(f64::MIN), r.counted, first(r));
        rows.sort_by(|a, b| {
            let (ka, kb) = (key(a), key(b));
            kb.0.total_cmp(&ka.0)
                .then(kb.1.cmp(&ka.1))
                .then(kb.2.total_cmp(&ka.2))
                .then_with(|| a.title.cmp(&b.title))
        });
        // Ranks: equal under every rule share a rank (1, 2, 2, 4).
        let same = |a: &RankRow, b: &RankRow| {
            let (ka, kb) = (key(a), key(b));
            (ka.0 - kb.0).abs() < 1e-9 && ka.1 == kb.1 && (ka.2 - kb.2).abs() < 1e-9
        };
        for i in 0..rows.len() {
            if rows[i].mean.is_none() {
                break;
            }
            rows[i].rank = Some(if i > 0 && same(&rows[i - 1], &rows[i]) {
                rows[i - 1].rank.unwrap_or(1)
            } else {
                i as u32 + 1
            });
        }
        Ok(rows)
    }

    /// Opens a dot-voting round on `candidates` with `dots` dots per voter.
    pub fn open_vote_round(
        &self,
        lab_id: &str,
        dots: u32,
        candidates: &[String],
    ) -> Result<VoteRound> {
        if !(1..=20).contains(&dots) {
            return Err(Error::invalid("dots", Reason::DotsRange { max: 20 }));
        }
        if candidates.len() < 2 {
            return Err(Error::invalid("candidates", Reason::VoteNeedsTwo));
        }
        let id = uuid::Uuid::now_v7().to_string();
        self.write(|tx| {
            tx.require_lab(lab_id)?;
            tx.execute(
                "INSERT INTO vote_round (id, lab_id, dots, opened_at) VALUES (?1, ?2, ?3, ?4)",
                params![id, lab_id, dots, now_utc()],
            )?;
            for (i, idea) in candidates.iter().enumerate() {
                if tx.get_idea(idea)?.lab_id != lab_id {
                    return Err(Error::invalid("candidates", Reason::ChooseIdea));
                }
                tx.execute(
                    "INSERT INTO vote_tally (round_id, idea_id, position) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                    params![id, idea, i as u32],
                )?;
            }
            Ok(())
        })?;
        self.vote_round(&id)
    }

    pub fn vote_round(&self, round_id: &str) -> Result<VoteRound> {
        read_vote_round(&self.conn(), round_id)
    }

    /// One voter's ballot: dots per idea, at most the round's dots in all. Only the tallies
    /// change; nothing says who voted or how.
    pub fn cast_ballot(&self, round_id: &str, dots: &HashMap<String, u32>) -> Result<VoteRound> {
        self.write(|tx| tx.cast_ballot(round_id, dots))
    }

    /// Closes the round and returns its tally, most dots first.
    pub fn close_vote_round(&self, round_id: &str) -> Result<Vec<VoteResult>> {
        self.write(|tx| {
            tx.execute(
                "UPDATE vote_round SET closed_at = ?2 WHERE id = ?1 AND closed_at IS NULL",
                params![round_id, now_utc()],
            )?;
            Ok(())
        })?;
        self.vote_results(round_id)
    }

    /// The lab's most recently closed voting round and its tally, if any.
    pub fn last_vote_outcome(&self, lab_id: &str) -> Result<Option<VoteOutcome>> {
        let last: Option<String> = self
            .conn()
            .query_row(
                "SELECT id FROM vote_round WHERE lab_id = ?1 AND closed_at IS NOT NULL
                 ORDER BY closed_at DESC, id DESC LIMIT 1",
                [lab_id],
                |r| r.get(0),
            )
            .optional()?;
        last.map(|id| {
            Ok(VoteOutcome {
                round: self.vote_round(&id)?,
                results: self.vote_results(&id)?,
            })
        })
        .transpose()
    }

    /// What the projector may show in its results mode. Before the facilitator releases
    /// the results this is empty, whatever the reviews say: the projector window reads
    /// only through here, so a ranking cannot leak to the room early. Reviewers' own
    /// totals are left out; the room sees each idea's mean and its breakdown.
    pub fn released_results(&self, lab_id: &str) -> Result<ReleasedResults> {
        if !self.show_state(lab_id)?.results_released {
            return Ok(ReleasedResults {
                released: false,
                ranking: Vec::new(),
                vote: None,
            });
        }
        let ranking = self
            .ranking(lab_id)?
            .into_iter()
            .filter(|r| r.rank.is_some())
            .map(|r| RankRow {
                totals: Vec::new(),
                ..r
            })
            .collect();
        Ok(ReleasedResults {
            released: true,
            ranking,
            vote: self.last_vote_outcome(lab_id)?,
        })
    }

    /// The tally, only once the round is closed (voters never see a running count).
    pub fn vote_results(&self, round_id: &str) -> Result<Vec<VoteResult>> {
        if self.vote_round(round_id)?.closed_at.is_none() {
            return Err(Error::invalid("round", Reason::TallyAfterClose));
        }
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT t.idea_id, i.title, t.dots FROM vote_tally t JOIN idea i ON i.id = t.idea_id
             WHERE t.round_id = ?1 ORDER BY t.dots DESC, t.position",
        )?;
        let rows = stmt.query_map([round_id], |r| {
            Ok(VoteResult {
                idea_id: r.get(0)?,
                title: r.get(1)?,
                dots: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// A voting round and its candidates, read on `conn`.
pub(crate) fn read_vote_round(conn: &rusqlite::Connection, round_id: &str) -> Result<VoteRound> {
    let (lab_id, dots, opened_at, closed_at, ballots) = conn
        .query_row(
            "SELECT lab_id, dots, opened_at, closed_at, ballots FROM vote_round WHERE id = ?1",
            [round_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("vote round", round_id))?;
    let mut stmt = conn
        .prepare_cached("SELECT idea_id FROM vote_tally WHERE round_id = ?1 ORDER BY position")?;
    let candidates = stmt
        .query_map([round_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(VoteRound {
        id: round_id.to_owned(),
        lab_id,
        dots,
        candidates,
        opened_at,
        closed_at,
        ballots,
    })
}

impl Tx<'_> {
    /// One voter's ballot (the kiosk's or a phone's), checked and counted in this
    /// transaction: dots per idea, at most the round's dots in all, only its candidates,
    /// only while it is open. Only the tallies change; nothing says who voted or how.
    pub(crate) fn cast_ballot(
        &self,
        round_id: &str,
        dots: &HashMap<String, u32>,
    ) -> Result<VoteRound> {
        let round = read_vote_round(self, round_id)?;
        if round.closed_at.is_some() {
            return Err(Error::invalid("round", Reason::VoteClosed));
        }
        let used = dots.values().try_fold(0u32, |a, &n| a.checked_add(n));
        if used.is_none_or(|used| used == 0 || used > round.dots) {
            return Err(Error::invalid(
                "dots",
                Reason::DotsRange { max: round.dots },
            ));
        }
        if let Some(bad) = dots.keys().find(|k| !round.candidates.contains(k)) {
            return Err(Error::invalid(
                "dots",
                Reason::NotACandidate {
                    value: bad.to_string(),
                },
            ));
        }
        for (idea, n) in dots {
            self.execute(
                "UPDATE vote_tally SET dots = dots + ?3 WHERE round_id = ?1 AND idea_id = ?2",
                params![round_id, idea, n],
            )?;
        }
        self.execute(
            "UPDATE vote_round SET ballots = ballots + 1 WHERE id = ?1",
            [round_id],
        )?;
        read_vote_round(self, round_id)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use crate::model::{PersonInput, PersonRole, Recommendation, ReviewInput, ScoreInput};
    use crate::Store;

    const CODES: [&str; 5] = [
        "kebaruan",
        "efektif",
        "bermanfaat",
        "replikasi",
        "berkelanjutan",
    ];

    fn score(r: usize, i: usize, c: usize) -> u32 {
        1 + ((i * 7 + r * 3 + c * c + (i / 5) * c) % 5) as u32
    }

    fn setup() -> (tempfile::TempDir, Store, String, Vec<String>, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("lab.db")).unwrap();
        let lab = crate::demo::create_demo_lab(&store).unwrap().id;
        let reviewers: Vec<String> = ["Prof. A", "Dr. B", "Ir. C"]
            .iter()
            .map(|n| {
                store
                    .add_person(
                        &lab,
                        PersonInput {
                            agency_id: None,
                            name: (*n).into(),
                            position: String::new(),
                            role: PersonRole::Reviewer,
                        },
                    )
                    .unwrap()
                    .id
            })
            .collect();
        let mut ideas: Vec<String> = store
            .idea_listing(&lab)
            .unwrap()
            .into_iter()
            .map(|l| l.idea.id)
            .collect();
        ideas.sort();
        (dir, store, lab, reviewers, ideas)
    }

    fn review_all(store: &Store, reviewers: &[String], ideas: &[String]) {
        for (r, reviewer) in reviewers.iter().enumerate() {
            for (i, idea) in ideas.iter().enumerate() {
                let scores = CODES
                    .iter()
                    .enumerate()
                    .map(|(c, code)| ScoreInput {
                        criterion: (*code).into(),
                        score: score(r, i, c),
                    })
                    .collect();
                store
                    .save_review(
                        idea,
                        reviewer,
                        ReviewInput {
                            scores,
                            comment: String::new(),
                            recommendation: Some(Recommendation::Continue),
                            submit: true,
                        },
                    )
                    .unwrap();
            }
        }
    }

    /// The expected mark of idea `i` with `weights`, computed directly.
    fn expected(i: usize, weights: &[f64; 5]) -> (f64, f64) {
        let totals: Vec<f64> = (0..3)
            .map(|r| {
                let sum: f64 = (0..5)
                    .map(|c| weights[c] * f64::from(score(r, i, c)) / 5.0)
                    .sum();
                sum / weights.iter().sum::<f64>() * 100.0
            })
            .collect();
        let mean = totals.iter().sum::<f64>() / 3.0;
        let spread = totals.iter().cloned().fold(f64::MIN, f64::max)
            - totals.iter().cloned().fold(f64::MAX, f64::min);
        (mean, spread)
    }

    #[test]
    fn three_reviewers_fifty_ideas_totals_means_spreads_and_ranking() {
        let (_dir, store, lab, reviewers, ideas) = setup();
        review_all(&store, &reviewers, &ideas);
        let ranking = store.ranking(&lab).unwrap();
        assert_eq!(ranking.len(), 50);
        let equal = [1.0; 5];
        for row in &ranking {
            let i = ideas.iter().position(|x| *x == row.idea_id).unwrap();
            let (mean, spread) = expected(i, &equal);
            assert!(
                (row.mean.unwrap() - mean).abs() < 1e-9,
                "{}: {:?} vs {mean}",
                row.title,
                row.mean
            );
            assert!((row.spread - spread).abs() < 1e-9);
            assert_eq!(row.disagreement, spread >= 25.0);
            assert_eq!((row.counted, row.incomplete), (3, 0));
        }
        // Ranked by mean, highest first; equal marks share a rank.
        for w in ranking.windows(2) {
            assert!(w[0].mean.unwrap() >= w[1].mean.unwrap() - 1e-9);
            if (w[0].mean.unwrap() - w[1].mean.unwrap()).abs() > 1e-9 {
                assert!(w[0].rank < w[1].rank);
            }
        }
        assert_eq!(ranking[0].rank, Some(1));
        assert!(
            ranking[0].mean.unwrap() > ranking[49].mean.unwrap() + 10.0,
            "the marks differ"
        );
        assert!(ranking.iter().any(|r| r.disagreement) && ranking.iter().any(|r| !r.disagreement));

        // Weighting kebaruan ×3 re-ranks to the hand-computed order.
        let mut rubric = store.rubric(&lab).unwrap();
        rubric[0].weight = 3.0;
        assert_eq!(
            store
                .save_rubric(&lab, rubric.clone(), false)
                .unwrap_err()
                .field(),
            Some("confirm")
        );
        store.save_rubric(&lab, rubric, true).unwrap();
        let weights = [3.0, 1.0, 1.0, 1.0, 1.0];
        let reranked = store.ranking(&lab).unwrap();
        for row in &reranked {
            let i = ideas.iter().position(|x| *x == row.idea_id).unwrap();
            assert!((row.mean.unwrap() - expected(i, &weights).0).abs() < 1e-9);
        }
        let best = (0..50)
            .max_by(|a, b| {
                expected(*a, &weights)
                    .0
                    .total_cmp(&expected(*b, &weights).0)
            })
            .unwrap();
        assert!((reranked[0].mean.unwrap() - expected(best, &weights).0).abs() < 1e-9);
        assert_ne!(
            reranked.iter().map(|r| &r.idea_id).collect::<Vec<_>>(),
            ranking.iter().map(|r| &r.idea_id).collect::<Vec<_>>(),
            "the weights change the order"
        );
    }

    #[test]
    fn a_missing_score_or_an_unsubmitted_review_counts_for_nothing() {
        let (_dir, store, lab, reviewers, ideas) = setup();
        let full = |r: usize| ReviewInput {
            scores: CODES
                .iter()
                .map(|c| ScoreInput {
                    criterion: (*c).into(),
                    score: 4 + r as u32 % 2,
                })
                .collect(),
            submit: true,
            ..Default::default()
        };
        store
            .save_review(&ideas[0], &reviewers[0], full(0))
            .unwrap();
        // One criterion missing: listed as incomplete, not counted.
        let mut partial = full(1);
        partial.scores.pop();
        store
            .save_review(&ideas[0], &reviewers[1], partial)
            .unwrap();
        // A draft is not counted either.
        store
            .save_review(
                &ideas[0],
                &reviewers[2],
                ReviewInput {
                    submit: false,
                    ..full(1)
                },
            )
            .unwrap();
        let row = store
            .ranking(&lab)
            .unwrap()
            .into_iter()
            .find(|r| r.idea_id == ideas[0])
            .unwrap();
        assert_eq!((row.counted, row.incomplete), (1, 2));
        assert!((row.mean.unwrap() - 80.0).abs() < 1e-9);
        assert_eq!(row.rank, Some(1));
        // Ideas without a counted review are not ranked.
        let unranked = store
            .ranking(&lab)
            .unwrap()
            .into_iter()
            .filter(|r| r.rank.is_none())
            .count();
        assert_eq!(unranked, 49);
        // Scores outside the scale are refused at the field.
        let bad = ReviewInput {
            scores: vec![ScoreInput {
                criterion: "kebaruan".into(),
                score: 6,
            }],
            ..Default::default()
        };
        assert_eq!(
            store
                .save_review(&ideas[1], &reviewers[0], bad)
                .unwrap_err()
                .field(),
            Some("scores")
        );
    }

    #[test]
    fn blind_mode_hides_the_others_scores_until_a_reviewer_submits() {
        let (_dir, store, lab, reviewers, ideas) = setup();
        assert!(store.review_blind(&lab).unwrap());
        let input = |submit| ReviewInput {
            scores: CODES
                .iter()
                .map(|c| ScoreInput {
                    criterion: (*c).into(),
                    score: 3,
                })
                .collect(),
            submit,
            ..Default::default()
        };
        store
            .save_review(&ideas[0], &reviewers[0], input(true))
            .unwrap();
        let seen = store.idea_reviews(&ideas[0], Some(&reviewers[1])).unwrap();
        assert_eq!(
            (seen.others.len(), seen.hidden),
            (0, 1),
            "nothing of A's before B submits"
        );
        store
            .save_review(&ideas[0], &reviewers[1], input(false))
            .unwrap();
        assert_eq!(
            store
                .idea_reviews(&ideas[0], Some(&reviewers[1]))
                .unwrap()
                .hidden,
            1,
            "a draft is not enough"
        );
        store
            .save_review(&ideas[0], &reviewers[1], input(true))
            .unwrap();
        let seen = store.idea_reviews(&ideas[0], Some(&reviewers[1])).unwrap();
        assert_eq!((seen.others.len(), seen.hidden), (1, 0));
        assert_eq!(seen.others[0].reviewer_name, "Prof. A");
        store.set_review_blind(&lab, false).unwrap();
        assert_eq!(
            store
                .idea_reviews(&ideas[0], Some(&reviewers[2]))
                .unwrap()
                .others
                .len(),
            2
        );
    }

    #[test]
    fn dot_voting_tallies_without_keeping_who_voted() {
        let (dir, store, lab, _reviewers, ideas) = setup();
        let round = store.open_vote_round(&lab, 3, &ideas[..4]).unwrap();
        let ballots: [&[(usize, u32)]; 4] = [
            &[(0, 3)],
            &[(0, 1), (1, 2)],
            &[(2, 1), (3, 1), (1, 1)],
            &[(1, 3)],
        ];
        for b in ballots {
            let dots: HashMap<String, u32> =
                b.iter().map(|(i, n)| (ideas[*i].clone(), *n)).collect();
            store.cast_ballot(&round.id, &dots).unwrap();
        }
        assert!(
            store.vote_results(&round.id).is_err(),
            "no running tally while the vote is open"
        );
        let too_many: HashMap<String, u32> = [(ideas[0].clone(), 4)].into();
        assert_eq!(
            store.cast_ballot(&round.id, &too_many).unwrap_err().field(),
            Some("dots")
        );
        let results = store.close_vote_round(&round.id).unwrap();
        let tally: Vec<(String, u32)> = results
            .iter()
            .map(|r| (r.idea_id.clone(), r.dots))
            .collect();
        assert_eq!(
            tally,
            [
                (ideas[1].clone(), 6),
                (ideas[0].clone(), 4),
                (ideas[2].clone(), 1),
                (ideas[3].clone(), 1)
            ]
        );
        assert_eq!(store.vote_round(&round.id).unwrap().ballots, 4);
        assert!(
            store
                .cast_ballot(&round.id, &[(ideas[0].clone(), 1)].into())
                .is_err(),
            "closed"
        );
        // Nothing in the vote tables can name a voter: only rounds and per-idea tallies.
        let conn = rusqlite::Connection::open(dir.path().join("lab.db")).unwrap();
        for table in ["vote_round", "vote_tally"] {
            let cols: Vec<String> = conn
                .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            assert!(
                cols.iter()
                    .all(|c| !c.contains("person") && !c.contains("voter")),
                "{table}: {cols:?}"
            );
        }
    }

    #[test]
    fn the_room_sees_results_only_once_released_and_never_a_reviewers_own_total() {
        let (_dir, store, lab, reviewers, ideas) = setup();
        review_all(&store, &reviewers, &ideas[..10]);
        let round = store.open_vote_round(&lab, 2, &ideas[..3]).unwrap();
        store
            .cast_ballot(&round.id, &[(ideas[2].clone(), 2)].into())
            .unwrap();
        store.close_vote_round(&round.id).unwrap();

        let hidden = store.released_results(&lab).unwrap();
        assert!(!hidden.released);
        assert!(hidden.ranking.is_empty() && hidden.vote.is_none());

        store.set_results_released(&lab, true).unwrap();
        let shown = store.released_results(&lab).unwrap();
        assert!(shown.released);
        assert_eq!(shown.ranking.len(), 10, "only ranked ideas");
        let full = store.ranking(&lab).unwrap();
        for (room, all) in shown.ranking.iter().zip(&full) {
            assert_eq!(
                (room.idea_id.as_str(), room.rank, room.mean),
                (all.idea_id.as_str(), all.rank, all.mean)
            );
            assert!(
                room.totals.is_empty(),
                "no reviewer's own total on the projector"
            );
        }
        let vote = shown.vote.unwrap();
        assert_eq!(vote.round.id, round.id);
        assert_eq!(
            (vote.results[0].idea_id.as_str(), vote.results[0].dots),
            (ideas[2].as_str(), 2)
        );

        store.set_results_released(&lab, false).unwrap();
        assert!(store.released_results(&lab).unwrap().ranking.is_empty());
    }
}
