//! The IID checklist of an idea, the lab's IID configuration (its own, or the shipped
//! one: [`crate::followup::iid`]) and the estimates per innovation and per agency.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

use crate::error::{Error, Reason, Result};
use crate::followup::iid::{agency_score, estimate, IidAnswer, IidBand, IidConfig, IidEstimate};
use crate::store::sync::{FOLLOWUP_IID_ANSWER, FOLLOWUP_IID_CONFIG};
use crate::store::{Store, Tx};
use crate::time::now_utc;

/// One innovation's estimate, for the per-agency list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IdeaIidEstimate {
    pub idea_id: String,
    pub title: String,
    pub estimate: IidEstimate,
}

/// An agency's estimate: the mean of its innovations' (module docs of `followup::iid`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AgencyIidEstimate {
    pub agency_id: String,
    pub agency_name: String,
    /// Always true: an estimate, not the index's result.
    pub is_estimate: bool,
    /// `None` when the agency has no innovation.
    pub score: Option<f64>,
    pub band: Option<IidBand>,
    pub ideas: Vec<IdeaIidEstimate>,
}

/// A checklist from an idea's answers: one per indicator of `config`, in its order
/// (unanswered ones with no parameter and no evidence).
pub(super) fn checklist(config: &IidConfig, answers: &[IidAnswer]) -> Vec<IidAnswer> {
    config
        .indicators
        .iter()
        .map(|i| {
            answers
                .iter()
                .find(|a| a.indicator == i.code)
                .cloned()
                .unwrap_or(IidAnswer {
                    indicator: i.code.clone(),
                    parameter: None,
                    evidence: vec![],
                })
        })
        .collect()
}

impl Tx<'_> {
    pub(crate) fn iid_config_of(&self, lab_id: &str) -> Result<IidConfig> {
        let own: Option<String> = self
            .query_row(
                "SELECT config FROM followup_iid_config WHERE lab_id = ?1",
                [lab_id],
                |r| r.get(0),
            )
            .optional()?;
        match own {
            Some(json) => IidConfig::parse(&json),
            None => Ok(IidConfig::default_2023()),
        }
    }

    pub(crate) fn iid_answers_of(&self, idea_id: &str) -> Result<Vec<IidAnswer>> {
        let mut stmt = self.prepare_cached(
            "SELECT indicator, parameter, evidence FROM followup_iid_answer
             WHERE idea_id = ?1 ORDER BY indicator",
        )?;
        let rows = stmt.query_map([idea_id], |r| {
            let ev: String = r.get(2)?;
            Ok(IidAnswer {
                indicator: r.get(0)?,
                parameter: r.get(1)?,
                evidence: serde_json::from_str(&ev).unwrap_or_default(),
            })
        })?;
        let mut answers: Vec<IidAnswer> = rows.collect::<Result<_, _>>()?;
        // Evidence removed since it was linked no longer supports anything.
        let live: Vec<String> = self
            .evidence_of(idea_id)?
            .into_iter()
            .map(|e| e.id)
            .collect();
        for a in &mut answers {
            a.evidence.retain(|id| live.contains(id));
        }
        Ok(answers)
    }
}

impl Store {
    /// The lab's IID configuration: its own when it has one, else the shipped 2023 one.
    pub fn iid_config(&self, lab_id: &str) -> Result<IidConfig> {
        self.get_lab(lab_id)?;
        self.read_followup(|tx| tx.iid_config_of(lab_id))
    }

    /// Replaces the lab's IID configuration (checked first). Answers for indicators the
    /// new configuration lacks are kept (they count again if the indicator comes back).
    pub fn save_iid_config(&self, lab_id: &str, config: &IidConfig) -> Result<IidConfig> {
        self.get_lab(lab_id)?;
        config.check()?;
        let json = serde_json::to_string(config)?;
        self.write(|tx| {
            let old: Option<String> = tx
                .query_row(
                    "SELECT config FROM followup_iid_config WHERE lab_id = ?1",
                    [lab_id],
                    |r| r.get(0),
                )
                .optional()?;
            tx.execute(
                "INSERT INTO followup_iid_config (lab_id, config, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (lab_id) DO UPDATE SET config = excluded.config,
                    updated_at = excluded.updated_at",
                params![lab_id, json, now_utc()],
            )?;
            let as_map = |c: Option<&String>| {
                let mut m = Map::new();
                m.insert(
                    "config".into(),
                    c.map_or(Value::Null, |c| Value::String(c.clone())),
                );
                m
            };
            tx.record_followup(
                lab_id,
                &FOLLOWUP_IID_CONFIG,
                lab_id,
                old.as_ref().map(|o| as_map(Some(o))).as_ref(),
                &as_map(Some(&json)),
            )?;
            Ok(config.clone())
        })
    }

    /// An idea's IID checklist: one answer per indicator of the lab's configuration, in
    /// its order (unanswered ones with no parameter and no evidence).
    pub fn iid_checklist(&self, idea_id: &str) -> Result<Vec<IidAnswer>> {
        self.read_followup(|tx| {
            let idea = tx.live_idea(idea_id)?;
            let config = tx.iid_config_of(&idea.lab_id)?;
            Ok(checklist(&config, &tx.iid_answers_of(idea_id)?))
        })
    }

    /// Answers one indicator of an idea's checklist: the parameter chosen (`None`
    /// clears it) and the idea's evidence files that support it.
    pub fn set_iid_answer(
        &self,
        idea_id: &str,
        indicator: &str,
        parameter: Option<u32>,
        evidence: Vec<String>,
    ) -> Result<IidAnswer> {
        self.write(|tx| {
            let idea = tx.live_idea(idea_id)?;
            let config = tx.iid_config_of(&idea.lab_id)?;
            if !config.indicators.iter().any(|i| i.code == indicator) {
                return Err(Error::invalid(
                    "indicator",
                    Reason::NotAnIndicator {
                        indicator: indicator.into(),
                    },
                ));
            }
            if let Some(p) = parameter {
                if !(1..=config.max_parameter).contains(&p) {
                    return Err(Error::invalid(
                        "parameter",
                        Reason::ParameterRange {
                            max: config.max_parameter,
                        },
                    ));
                }
            }
            let live: Vec<String> = tx.evidence_of(idea_id)?.into_iter().map(|e| e.id).collect();
            let mut ids: Vec<String> = Vec::new();
            for id in evidence {
                if !live.contains(&id) {
                    return Err(Error::invalid("evidence", Reason::NotThisIdeas));
                }
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            let old: Option<(Option<u32>, String)> = tx
                .query_row(
                    "SELECT parameter, evidence FROM followup_iid_answer
                     WHERE idea_id = ?1 AND indicator = ?2",
                    [idea_id, indicator],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let ids_json = serde_json::to_string(&ids)?;
            let now = now_utc();
            tx.execute(
                "INSERT INTO followup_iid_answer (idea_id, indicator, parameter, evidence,
                    created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)
                 ON CONFLICT (idea_id, indicator) DO UPDATE SET parameter = excluded.parameter,
                    evidence = excluded.evidence, updated_at = excluded.updated_at",
                params![idea_id, indicator, parameter, ids_json, now],
            )?;
            let as_map = |p: Option<u32>, e: &str| {
                let mut m = Map::new();
                m.insert("parameter".into(), p.map_or(Value::Null, Value::from));
                m.insert("evidence".into(), Value::String(e.to_owned()));
                m
            };
            let old_map = old.map(|(p, e)| as_map(p, &e));
            tx.record_followup(
                &idea.lab_id,
                &FOLLOWUP_IID_ANSWER,
                &format!("{idea_id}/{indicator}"),
                old_map.as_ref(),
                &as_map(parameter, &ids_json),
            )?;
            Ok(IidAnswer {
                indicator: indicator.into(),
                parameter,
                evidence: ids,
            })
        })
    }

    /// The estimated IID score and band of one innovation (always an estimate).
    pub fn iid_estimate(&self, idea_id: &str) -> Result<IidEstimate> {
        self.read_followup(|tx| {
            let idea = tx.live_idea(idea_id)?;
            let config = tx.iid_config_of(&idea.lab_id)?;
            Ok(estimate(&config, &tx.iid_answers_of(idea_id)?))
        })
    }

    /// The estimate per agency of the lab, in roster order: each live idea counts for
    /// its lead agency (the plan's, else the idea's own).
    pub fn iid_estimates_by_agency(&self, lab_id: &str) -> Result<Vec<AgencyIidEstimate>> {
        self.read_followup(|tx| {
            let config = tx.iid_config_of(lab_id)?;
            let agencies = tx.list_agencies_in(lab_id)?;
            let ideas: Vec<(String, String, String)> = {
                let mut stmt = tx.prepare(
                    "SELECT i.id, i.title, coalesce(p.agency_id, i.agency_id) FROM idea i
                     LEFT JOIN followup_plan p ON p.idea_id = i.id
                     WHERE i.lab_id = ?1 AND i.deleted_at IS NULL AND i.merged_into IS NULL
                     ORDER BY i.created_at, i.id",
                )?;
                let rows = stmt.query_map([lab_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
                rows.collect::<Result<_, _>>()?
            };
            let mut out = Vec::new();
            for a in agencies {
                let mut list = Vec::new();
                for (id, title, agency) in &ideas {
                    if *agency == a.id {
                        list.push(IdeaIidEstimate {
                            idea_id: id.clone(),
                            title: title.clone(),
                            estimate: estimate(&config, &tx.iid_answers_of(id)?),
                        });
                    }
                }
                let scores: Vec<f64> = list.iter().map(|e| e.estimate.score).collect();
                let agg = agency_score(&config, &scores);
                out.push(AgencyIidEstimate {
                    agency_id: a.id,
                    agency_name: a.name,
                    is_estimate: true,
                    score: agg.as_ref().map(|x| x.0),
                    band: agg.map(|x| x.1),
                    ideas: list,
                });
            }
            Ok(out)
        })
    }
}
