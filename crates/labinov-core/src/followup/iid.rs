//! Innovation-index (IID) readiness: the per-year configuration (indicators, their
//! parameters and weights, the bands), shipped as data (`iid-2023.json`, embedded) and
//! editable per lab, and the **estimate** of an innovation's score from its checklist.
//!
//! What is certain and what is not is carried in the data: each indicator and band has
//! an `uncertain` flag (the domain reference's [3P] and [I] marks), and the two
//! inferred rules, the 0-100 scale of one innovation and the agency's score as the mean
//! of its innovations', are flagged `scaleUncertain` / `agencyScoreUncertain`.
//!
//! # The estimate
//!
//! - An indicator counts with its chosen parameter `p` (1..=`maxParameter`) only when
//!   evidence is linked to it (with `evidenceRequired`, as the index scores bukti
//!   dukung, not claims); otherwise it counts 0.
//! - Score = 100 × Σ counted·weight / Σ maxParameter·weight, in hundredths, rounded
//!   half up. The band is the last band whose `min` is at most the score.
//! - What is missing for the next band: the fewest upgrades, taken greedily: first the
//!   indicators answered but without evidence (linking evidence is the least work),
//!   then raising indicators to the highest parameter with evidence, each group by the
//!   points it brings (then by the indicator's order), until the next band's `min` is
//!   reached.
//! - An agency's estimate is the mean of its innovations' scores (hundredths, rounded
//!   half up), banded the same way.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Reason, Result};

/// The shipped configuration of 2023.
pub const IID_2023: &str = include_str!("iid-2023.json");

/// Most parameters an indicator may have.
pub const MAX_PARAMETERS: u32 = 10;
/// Most indicators a configuration may have.
pub const MAX_INDICATORS: usize = 200;
/// The highest weight an indicator may have.
pub const MAX_WEIGHT: u32 = 100;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IidParameter {
    pub label_id: String,
    pub label_en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IidIndicator {
    /// Stable code (`regulasi`), what a checklist answer names.
    pub code: String,
    /// The indicator's number in the year's structure (16-35 in 2023).
    pub number: u32,
    pub label_id: String,
    pub label_en: String,
    pub weight: u32,
    /// From a third-party source or inferred: check against the year's official guide.
    pub uncertain: bool,
    /// What evidence usually supports it (Bahasa Indonesia).
    #[serde(default)]
    pub evidence_hint_id: String,
    /// Parameter 1 first; there are exactly `maxParameter`.
    pub parameters: Vec<IidParameter>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IidBand {
    pub code: String,
    pub label_id: String,
    pub label_en: String,
    /// The lowest score in the band (0-100, two decimals).
    pub min: f64,
    pub uncertain: bool,
}

/// One year's IID configuration (module docs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IidConfig {
    pub year: u32,
    /// Where the values come from and how certain they are.
    pub source: String,
    pub max_parameter: u32,
    pub evidence_required: bool,
    pub scale_uncertain: bool,
    pub agency_score_uncertain: bool,
    pub indicators: Vec<IidIndicator>,
    /// Ascending by `min`; the first starts at 0.
    pub bands: Vec<IidBand>,
}

fn config_error(detail: impl Into<String>) -> Error {
    Error::invalid(
        "iidConfig",
        Reason::IidConfigInvalid {
            detail: detail.into(),
        },
    )
}

/// A score (0-100) in hundredths.
fn centi(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

impl IidConfig {
    /// The shipped configuration of 2023.
    pub fn default_2023() -> IidConfig {
        IidConfig::parse(IID_2023).expect("the shipped IID configuration is valid")
    }

    /// Every configuration shipped with Labinov, one per year it knows, oldest first: what
    /// an editor offers to start from or to go back to.
    pub fn shipped() -> Vec<IidConfig> {
        vec![IidConfig::default_2023()]
    }

    /// Reads and checks a configuration (JSON).
    pub fn parse(json: &str) -> Result<IidConfig> {
        let c: IidConfig = serde_json::from_str(json).map_err(|e| config_error(e.to_string()))?;
        c.check()?;
        Ok(c)
    }

    /// The rules a configuration keeps (see the fields' docs). A refusal names the
    /// place as a path (`year`, `maxParameter`, `indicators`, `indicators.3.weight`,
    /// `indicators.3.parameters.1.labelId`, `bands.2.min`, ...; indexes from 0) and the
    /// rule by its typed reason, so an editor can show it at the cell.
    pub fn check(&self) -> Result<()> {
        let bad = |field: String, reason: Reason| Err(Error::invalid(field, reason));
        let required = |field: String, value: &str| -> Result<()> {
            crate::validate::clean_required(&field, value).map(|_| ())
        };
        if !(2000..=2100).contains(&self.year) {
            return bad(
                "year".into(),
                Reason::YearOutOfRange {
                    min: 2000,
                    max: 2100,
                },
            );
        }
        if !(1..=MAX_PARAMETERS).contains(&self.max_parameter) {
            return bad(
                "maxParameter".into(),
                Reason::IidLevels {
                    max: MAX_PARAMETERS,
                },
            );
        }
        if self.indicators.is_empty() || self.indicators.len() > MAX_INDICATORS {
            return bad(
                "indicators".into(),
                Reason::IidIndicatorCount {
                    max: MAX_INDICATORS as u32,
                },
            );
        }
        for (i, ind) in self.indicators.iter().enumerate() {
            let at = |f: &str| format!("indicators.{i}.{f}");
            required(at("code"), &ind.code)?;
            if ind.code.trim() != ind.code
                || self.indicators[..i].iter().any(|o| o.code == ind.code)
            {
                return bad(
                    at("code"),
                    Reason::Taken {
                        value: ind.code.clone(),
                    },
                );
            }
            required(at("labelId"), &ind.label_id)?;
            required(at("labelEn"), &ind.label_en)?;
            if !(1..=MAX_WEIGHT).contains(&ind.weight) {
                return bad(at("weight"), Reason::WeightRange { max: MAX_WEIGHT });
            }
            if ind.parameters.len() != self.max_parameter as usize {
                return bad(
                    at("parameters"),
                    Reason::IidParameterCount {
                        expected: self.max_parameter,
                    },
                );
            }
            for (j, p) in ind.parameters.iter().enumerate() {
                // The English label may stay empty: the Indonesian one is shown instead.
                required(at(&format!("parameters.{j}.labelId")), &p.label_id)?;
            }
        }
        for (i, b) in self.bands.iter().enumerate() {
            let at = |f: &str| format!("bands.{i}.{f}");
            required(at("code"), &b.code)?;
            if self.bands[..i].iter().any(|o| o.code == b.code) {
                return bad(
                    at("code"),
                    Reason::Taken {
                        value: b.code.clone(),
                    },
                );
            }
            required(at("labelId"), &b.label_id)?;
            if !b.min.is_finite() || !(0.0..=100.0).contains(&b.min) {
                return bad(at("min"), Reason::IidBandRange);
            }
            if i == 0 && b.min != 0.0 {
                return bad(at("min"), Reason::IidFirstBand);
            }
            if i > 0 && centi(b.min) <= centi(self.bands[i - 1].min) {
                return bad(at("min"), Reason::IidBandsRise);
            }
        }
        if self.bands.is_empty() {
            return bad("bands".into(), Reason::IidFirstBand);
        }
        Ok(())
    }

    fn band_of(&self, score_centi: i64) -> usize {
        self.bands
            .iter()
            .rposition(|b| centi(b.min) <= score_centi)
            .unwrap_or(0)
    }
}

/// One checklist answer: the parameter chosen for an indicator and the evidence files
/// (ids) supporting it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IidAnswer {
    pub indicator: String,
    /// 1-based; `None` = not answered.
    pub parameter: Option<u32>,
    pub evidence: Vec<String>,
}

string_enum! {
    /// What would raise an indicator's count.
    pub enum IidStep {
        /// The parameter is chosen; link the evidence.
        LinkEvidence = "linkEvidence",
        /// Reach the highest parameter, with evidence.
        RaiseParameter = "raiseParameter",
    }
}

/// One upgrade of the way to the next band.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IidMissing {
    pub indicator: String,
    pub step: IidStep,
    /// The parameter it counts with now and the one it would count with.
    pub from_parameter: u32,
    pub to_parameter: u32,
    /// What it adds to the score (0-100).
    pub gain: f64,
}

/// An estimated score (always an estimate: module docs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IidEstimate {
    /// Always true: this is Labinov's estimate, not the index's result.
    pub is_estimate: bool,
    pub year: u32,
    /// 0-100, two decimals.
    pub score: f64,
    pub band: IidBand,
    pub next_band: Option<IidBand>,
    /// The upgrades that reach the next band (module docs), in order.
    pub missing: Vec<IidMissing>,
    /// Whether `missing` reaches the next band (false when even every upgrade does not).
    pub next_band_reachable: bool,
    /// How many indicators are answered with evidence, of how many.
    pub counted: u32,
    pub indicators: u32,
}

/// The estimate of one innovation from its answers (module docs).
pub fn estimate(config: &IidConfig, answers: &[IidAnswer]) -> IidEstimate {
    let max = config.max_parameter as i64;
    let den: i64 = config
        .indicators
        .iter()
        .map(|i| i.weight as i64 * max)
        .sum();
    let to_centi = |num: i64| (num * 20_000 + den) / (2 * den);
    let mut num = 0i64;
    let mut counted = 0u32;
    let mut evidence_only = Vec::new();
    let mut raise = Vec::new();
    for (order, ind) in config.indicators.iter().enumerate() {
        let a = answers.iter().find(|a| a.indicator == ind.code);
        let chosen = a
            .and_then(|a| a.parameter)
            .map(|p| (p as i64).clamp(0, max))
            .unwrap_or(0);
        let has_evidence = a.is_some_and(|a| !a.evidence.is_empty());
        let count = if has_evidence || !config.evidence_required {
            chosen
        } else {
            0
        };
        if count > 0 {
            counted += 1;
        }
        num += count * ind.weight as i64;
        let w = ind.weight as i64;
        if chosen > 0 && count == 0 {
            evidence_only.push((chosen * w, order, ind, chosen, chosen));
        } else if count < max {
            raise.push(((max - count) * w, order, ind, count, max));
        }
    }
    let score_centi = to_centi(num);
    let band_i = config.band_of(score_centi);
    let next = config.bands.get(band_i + 1).cloned();
    let mut missing = Vec::new();
    let mut reachable = false;
    if let Some(next) = &next {
        let target = centi(next.min);
        evidence_only.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        raise.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut n = num;
        let steps = evidence_only
            .into_iter()
            .map(|c| (IidStep::LinkEvidence, c))
            .chain(raise.into_iter().map(|c| (IidStep::RaiseParameter, c)));
        for (step, (gain, _, ind, from, to)) in steps {
            if to_centi(n) >= target {
                break;
            }
            let before = to_centi(n);
            n += gain;
            missing.push(IidMissing {
                indicator: ind.code.clone(),
                step,
                from_parameter: if step == IidStep::LinkEvidence {
                    0
                } else {
                    from as u32
                },
                to_parameter: to as u32,
                gain: (to_centi(n) - before) as f64 / 100.0,
            });
        }
        reachable = to_centi(n) >= target;
    }
    IidEstimate {
        is_estimate: true,
        year: config.year,
        score: score_centi as f64 / 100.0,
        band: config.bands[band_i].clone(),
        next_band: next,
        missing,
        next_band_reachable: reachable,
        counted,
        indicators: config.indicators.len() as u32,
    }
}

/// An agency's estimate from its innovations' scores: their mean, banded (module docs).
/// `None` when it has none.
pub fn agency_score(config: &IidConfig, scores: &[f64]) -> Option<(f64, IidBand)> {
    if scores.is_empty() {
        return None;
    }
    let sum: i64 = scores.iter().map(|s| centi(*s)).sum();
    let n = scores.len() as i64;
    let mean = (2 * sum + n) / (2 * n);
    Some((
        mean as f64 / 100.0,
        config.bands[config.band_of(mean)].clone(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(code: &str, p: u32, evidence: bool) -> IidAnswer {
        IidAnswer {
            indicator: code.into(),
            parameter: Some(p),
            evidence: if evidence { vec!["e1".into()] } else { vec![] },
        }
    }

    #[test]
    fn the_shipped_2023_configuration_is_the_domain_reference() {
        let c = IidConfig::default_2023();
        assert_eq!(c.year, 2023);
        assert_eq!(c.indicators.len(), 20, "indicators 16-35");
        assert_eq!(c.indicators[0].number, 16);
        assert_eq!(c.indicators[19].number, 35);
        let weights: Vec<u32> = c.indicators.iter().map(|i| i.weight).collect();
        assert_eq!(
            weights,
            [3, 2, 2, 2, 1, 2, 1, 1, 1, 1, 1, 1, 2, 1, 2, 3, 2, 3, 2, 4]
        );
        assert!(c.indicators.iter().all(|i| i.uncertain), "weights are [3P]");
        let bands: Vec<(&str, f64, bool)> = c
            .bands
            .iter()
            .map(|b| (b.label_id.as_str(), b.min, b.uncertain))
            .collect();
        assert_eq!(
            bands,
            [
                ("Tidak Dapat Dinilai", 0.0, false),
                ("Kurang Inovatif", 0.01, false),
                ("Inovatif", 35.0, false),
                ("Sangat Inovatif", 60.01, false)
            ]
        );
        assert!(c.scale_uncertain && c.agency_score_uncertain);
    }

    #[test]
    fn estimates_match_hand_computed_values() {
        let c = IidConfig::default_2023();
        // Σ weights = 37, so the maximum is 3 × 37 = 111 points.
        let none = estimate(&c, &[]);
        assert_eq!(
            (none.score, none.band.code.as_str()),
            (0.0, "tidak_dapat_dinilai")
        );
        assert!(none.is_estimate);
        // Only video (weight 4) at 3 with evidence: 12 / 111 = 10.81 %.
        let one = estimate(&c, &[answer("video", 3, true)]);
        assert_eq!(
            (one.score, one.band.code.as_str()),
            (10.81, "kurang_inovatif")
        );
        // Regulasi 3·3 = 9, kemanfaatan 3·3 = 9, replikasi 2·3 = 6, video 3·4 = 12,
        // monev 2·2 = 4: 40 / 111 = 36.036… → 36.04, Inovatif.
        // SDM chosen 3 without evidence counts nothing.
        let answers = [
            answer("regulasi", 3, true),
            answer("kemanfaatan", 3, true),
            answer("replikasi", 2, true),
            answer("video", 3, true),
            answer("monev", 2, true),
            answer("sdm", 3, false),
        ];
        let e = estimate(&c, &answers);
        assert_eq!((e.score, e.band.code.as_str()), (36.04, "inovatif"));
        assert_eq!(e.counted, 5);
        // Sangat Inovatif from 60.01: 67 points (66 is 59.46). First link SDM's
        // evidence (+6 → 46 points = 41.44), then the largest raises.
        assert_eq!(e.next_band.as_ref().unwrap().code, "sangat_inovatif");
        assert_eq!(e.missing[0].indicator, "sdm");
        assert_eq!(e.missing[0].step, IidStep::LinkEvidence);
        assert_eq!(e.missing[0].gain, 5.4, "41.44 - 36.04");
        // Raises of weight-2 indicators from 0 to 3 bring 6 points each, the most any
        // open raise brings; in indicator order: anggaran, alat_kerja, integrasi_rkpd,
        // kemudahan_proses. 46 + 6 + 6 + 6 = 64 < 67, + 6 = 70: four raises.
        let raised: Vec<&str> = e.missing[1..]
            .iter()
            .map(|m| m.indicator.as_str())
            .collect();
        assert_eq!(
            raised,
            [
                "anggaran",
                "alat_kerja",
                "integrasi_rkpd",
                "kemudahan_proses"
            ]
        );
        assert!(e.next_band_reachable);
        let all: Vec<IidAnswer> = c
            .indicators
            .iter()
            .map(|i| answer(&i.code, 3, true))
            .collect();
        let full = estimate(&c, &all);
        assert_eq!(
            (full.score, full.band.code.as_str()),
            (100.0, "sangat_inovatif")
        );
        assert!(full.next_band.is_none() && full.missing.is_empty());

        // Agency: mean of 36.04 and 10.81 = 23.425 → 23.43 (half up), Kurang Inovatif.
        let (s, b) = agency_score(&c, &[36.04, 10.81]).unwrap();
        assert_eq!((s, b.code.as_str()), (23.43, "kurang_inovatif"));
        assert!(agency_score(&c, &[]).is_none());
    }

    #[test]
    fn a_bad_configuration_is_refused_with_the_reason_at_its_place() {
        // What an editor may send, each refused with a typed reason at the cell.
        type Edit = fn(&mut IidConfig);
        let refused = |edit: Edit| {
            let mut c = IidConfig::default_2023();
            edit(&mut c);
            let e = c.check().unwrap_err();
            (
                e.field().unwrap().to_owned(),
                e.reason().unwrap().kind().to_owned(),
            )
        };
        let cases: [(Edit, &str, &str); 12] = [
            (|c| c.year = 1999, "year", "yearOutOfRange"),
            (
                |c| c.indicators[3].weight = 0,
                "indicators.3.weight",
                "weightRange",
            ),
            (
                |c| c.indicators[3].weight = 101,
                "indicators.3.weight",
                "weightRange",
            ),
            (
                |c| c.indicators[2].label_id = "  ".into(),
                "indicators.2.labelId",
                "required",
            ),
            (
                |c| c.indicators[4].parameters[1].label_id.clear(),
                "indicators.4.parameters.1.labelId",
                "required",
            ),
            (
                |c| c.indicators[5].code = "sdm".into(),
                "indicators.5.code",
                "taken",
            ),
            (
                |c| {
                    c.indicators[3].parameters.pop();
                },
                "indicators.3.parameters",
                "iidParameterCount",
            ),
            (|c| c.bands.swap(1, 2), "bands.2.min", "iidBandsRise"),
            (|c| c.bands[0].min = 0.5, "bands.0.min", "iidFirstBand"),
            (|c| c.bands[3].min = -4.0, "bands.3.min", "iidBandRange"),
            (|c| c.bands[3].min = f64::NAN, "bands.3.min", "iidBandRange"),
            (|c| c.indicators.clear(), "indicators", "iidIndicatorCount"),
        ];
        for (edit, field, kind) in cases {
            assert_eq!(refused(edit), (field.to_owned(), kind.to_owned()));
        }
        let mut c = IidConfig::default_2023();
        c.max_parameter = 11;
        assert_eq!(c.check().unwrap_err().field(), Some("maxParameter"));
        // A weight typed as -3 is not a configuration at all: the parser says so.
        let negative = IID_2023.replacen("\"weight\": 3", "\"weight\": -3", 1);
        assert_ne!(negative, IID_2023);
        assert_eq!(
            IidConfig::parse(&negative)
                .unwrap_err()
                .reason()
                .map(|r| r.kind()),
            Some("iidConfigInvalid")
        );
        assert!(IidConfig::parse("{\"year\": 2023}").is_err());
        assert!(IidConfig::parse("not json").is_err());
        // A fourth parameter everywhere, labelled: a configuration of another scale.
        let mut c = IidConfig::default_2023();
        c.max_parameter = 4;
        for i in &mut c.indicators {
            i.parameters.push(IidParameter {
                label_id: "Lebih dari itu".into(),
                label_en: "More than that".into(),
            });
        }
        assert!(c.check().is_ok());
    }
}
