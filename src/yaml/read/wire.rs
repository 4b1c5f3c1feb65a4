//! The wire format: what serde reads before it becomes a [`Report`].

use super::messages::{empty_file, LoadError, LoadErrorKind};
use super::scalars::{Count, Int, Text, WanYuan, Yuan};
use super::Loaded;
use crate::model::schema;
use crate::model::{
    Appeals, DocCounts, Part, Proactive, ProcessingFees, Report, Requests, FORMAT_VERSION,
};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Wire {
    format: Option<Int>,
    agency: Option<Text>,
    year: Option<Int>,
    #[serde(default)]
    title: Option<Text>,
    #[serde(default)]
    preamble: Option<Text>,
    overview: Option<Vec<WirePart>>,
    proactive: Option<WireProactive>,
    requests: Option<Requests>,
    appeals: Option<Appeals>,
    problems: Option<Vec<WirePart>>,
    other_matters: Option<Vec<WirePart>>,
    processing_fees: Option<WireFees>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WirePart {
    #[serde(default)]
    heading: Text,
    body: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireDoc {
    issued: Count,
    repealed: Count,
    in_force: Count,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireProactive {
    regulations: WireDoc,
    normative_documents: WireDoc,
    licensing: Count,
    penalties: Count,
    coercive_measures: Count,
    fees_wan_yuan: WanYuan,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireFees {
    notices: Count,
    amount_notified_yuan: Yuan,
    amount_collected_yuan: Yuan,
}

impl Wire {
    pub(super) fn into_loaded(self, name: &str) -> Result<Loaded, LoadError> {
        let nothing = self.format.is_none()
            && self.agency.is_none()
            && self.year.is_none()
            && self.title.is_none()
            && self.preamble.is_none()
            && self.overview.is_none()
            && self.proactive.is_none()
            && self.requests.is_none()
            && self.appeals.is_none()
            && self.problems.is_none()
            && self.other_matters.is_none()
            && self.processing_fees.is_none();
        if nothing {
            return Err(empty_file(name));
        }
        let mut missing = Vec::new();
        let format = match self.format {
            Some(Int(v)) => v,
            None => {
                missing.push(schema::KEY_FORMAT);
                i64::from(FORMAT_VERSION)
            }
        };
        if format != i64::from(FORMAT_VERSION) {
            let mut e = LoadError::new(
                name,
                LoadErrorKind::Version,
                format!(
                    "本程序只支持 2021 年版格式（format: 2021），这个文件写的是 format: {format}"
                ),
            );
            e.path = Some(schema::KEY_FORMAT.into());
            return Err(e);
        }
        let year = match self.year {
            Some(Int(v)) => i32::try_from(v).unwrap_or(if v < 0 { i32::MIN } else { i32::MAX }),
            None => {
                missing.push(schema::KEY_YEAR);
                0
            }
        };
        let agency = match self.agency {
            Some(t) => t.0,
            None => {
                missing.push(schema::KEY_AGENCY);
                String::new()
            }
        };
        let mut take_parts = |key: &'static str, v: Option<Vec<WirePart>>| -> Vec<Part> {
            match v {
                Some(parts) => parts
                    .into_iter()
                    .map(|p| Part {
                        heading: p.heading.0,
                        body: p.body.0,
                    })
                    .collect(),
                None => {
                    missing.push(key);
                    Vec::new()
                }
            }
        };
        let overview = take_parts(schema::SECTION_OVERVIEW.key, self.overview);
        let problems = take_parts(schema::SECTION_PROBLEMS.key, self.problems);
        let other_matters = take_parts(schema::SECTION_OTHER_MATTERS.key, self.other_matters);
        let proactive = match self.proactive {
            Some(p) => Proactive {
                regulations: p.regulations.into(),
                normative_documents: p.normative_documents.into(),
                licensing: p.licensing.0,
                penalties: p.penalties.0,
                coercive_measures: p.coercive_measures.0,
                fees_wan_yuan: p.fees_wan_yuan.0,
            },
            None => {
                missing.push(schema::SECTION_PROACTIVE.key);
                Proactive::default()
            }
        };
        let requests = self.requests.unwrap_or_else(|| {
            missing.push(schema::SECTION_REQUESTS.key);
            Requests::default()
        });
        let appeals = self.appeals.unwrap_or_else(|| {
            missing.push(schema::SECTION_APPEALS.key);
            Appeals::default()
        });
        let processing_fees = match self.processing_fees {
            Some(f) => ProcessingFees {
                notices: f.notices.0,
                amount_notified_yuan: f.amount_notified_yuan.0,
                amount_collected_yuan: f.amount_collected_yuan.0,
            },
            None => {
                missing.push(schema::KEY_PROCESSING_FEES);
                ProcessingFees::default()
            }
        };
        // Keep `missing` in FORMAT.md order.
        const ORDER: [&str; 12] = schema::TOP_LEVEL_KEYS;
        missing.sort_by_key(|k| ORDER.iter().position(|o| o == k));
        let report = Report {
            format: FORMAT_VERSION,
            agency,
            year,
            title: self.title.map(|t| t.0),
            preamble: self.preamble.map(|t| t.0).unwrap_or_default(),
            overview,
            proactive,
            requests,
            appeals,
            problems,
            other_matters,
            processing_fees,
        };
        Ok(Loaded { report, missing })
    }
}

impl From<WireDoc> for DocCounts {
    fn from(w: WireDoc) -> DocCounts {
        DocCounts {
            issued: w.issued.0,
            repealed: w.repealed.0,
            in_force: w.in_force.0,
        }
    }
}
