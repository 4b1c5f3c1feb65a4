//! The wire format: what serde reads before it becomes a [`Report`].

use super::messages::{empty_file, LoadError, LoadErrorKind};
use super::scalars::{Count, Int, SignedCount, Text, WanYuan, Yuan};
use super::tables::Requests2019;
use super::Loaded;
use crate::model::schema::{self, FormatVersion};
use crate::model::{
    Appeals, DocCounts, FeeItems, ItemCounts, Part, Proactive, Proactive2019, ProcessingFees,
    Procurement, PublishedCounts, Report, Requests, FORMAT_VERSION,
};
use serde::Deserialize;

/// A file of the 2021 format.
pub(super) type Wire2021 = Wire<WireProactive, Requests>;
/// A file of the 2019 format.
pub(super) type Wire2019 = Wire<WireProactive2019, Requests2019>;

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    bound(deserialize = "P: Deserialize<'de>, Q: Deserialize<'de>")
)]
pub(super) struct Wire<P, Q> {
    format: Option<Int>,
    agency: Option<Text>,
    year: Option<Int>,
    #[serde(default)]
    title: Option<Text>,
    #[serde(default)]
    preamble: Option<Text>,
    overview: Option<Vec<WirePart>>,
    proactive: Option<P>,
    requests: Option<Q>,
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
pub(super) struct WireProactive {
    regulations: WireDoc,
    normative_documents: WireDoc,
    licensing: Count,
    penalties: Count,
    coercive_measures: Count,
    fees_wan_yuan: WanYuan,
}

/// A 2019 第二十条第（一）项 row.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WirePublished {
    made: Count,
    published: Count,
    total_public: Count,
}

/// A 2019 row counting items.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireItems {
    last_year: Count,
    change: SignedCount,
    decisions: Count,
}

/// The 2019 行政事业性收费 row.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireFeeItems {
    last_year: Count,
    change: SignedCount,
}

/// The 2019 政府集中采购 row.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireProcurement {
    projects: Count,
    amount_wan_yuan: WanYuan,
}

/// Table A of the 2019 format (FORMAT.md §7).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WireProactive2019 {
    regulations: WirePublished,
    normative_documents: WirePublished,
    licensing: WireItems,
    other_services: WireItems,
    penalties: WireItems,
    coercive_measures: WireItems,
    fees: WireFeeItems,
    procurement: WireProcurement,
}

impl From<WirePublished> for PublishedCounts {
    fn from(w: WirePublished) -> PublishedCounts {
        PublishedCounts {
            made: w.made.0,
            published: w.published.0,
            total_public: w.total_public.0,
        }
    }
}

impl From<WireItems> for ItemCounts {
    fn from(w: WireItems) -> ItemCounts {
        ItemCounts {
            last_year: w.last_year.0,
            change: w.change.0,
            decisions: w.decisions.0,
        }
    }
}

impl ProactiveWire for WireProactive2019 {
    fn apply(self, report: &mut Report) {
        report.proactive_2019 = Proactive2019 {
            regulations: self.regulations.into(),
            normative_documents: self.normative_documents.into(),
            licensing: self.licensing.into(),
            other_services: self.other_services.into(),
            penalties: self.penalties.into(),
            coercive_measures: self.coercive_measures.into(),
            fees: FeeItems {
                last_year: self.fees.last_year.0,
                change: self.fees.change.0,
            },
            procurement: Procurement {
                projects: self.procurement.projects.0,
                amount_wan_yuan: self.procurement.amount_wan_yuan.0,
            },
        };
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireFees {
    notices: Count,
    amount_notified_yuan: Yuan,
    amount_collected_yuan: Yuan,
}

/// Table A as read, put into the report.
pub(super) trait ProactiveWire {
    fn apply(self, report: &mut Report);
}

impl ProactiveWire for WireProactive {
    fn apply(self, report: &mut Report) {
        report.proactive = Proactive {
            regulations: self.regulations.into(),
            normative_documents: self.normative_documents.into(),
            licensing: self.licensing.0,
            penalties: self.penalties.0,
            coercive_measures: self.coercive_measures.0,
            fees_wan_yuan: self.fees_wan_yuan.0,
        };
    }
}

impl<P, Q> Wire<P, Q> {
    /// Whether the file has a `format` key at all.
    pub(super) fn has_format(&self) -> bool {
        self.format.is_some()
    }
}

impl<P: ProactiveWire, Q: Into<Requests>> Wire<P, Q> {
    pub(super) fn into_loaded(
        self,
        name: &str,
        version: FormatVersion,
    ) -> Result<Loaded, LoadError> {
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
        if format != i64::from(version.number()) {
            let message = match FormatVersion::from_number(format) {
                Some(said) => format!(
                    "这个文件写的是 format: {format}（{}），但内容是{}（format: {}）：请把 format 改为 {}",
                    said.name(),
                    version.name(),
                    version.number(),
                    version.number()
                ),
                None => format!(
                    "本程序支持 2021 年版格式（format: 2021）和 2019 年版（试行）格式（format: 2019），这个文件写的是 format: {format}"
                ),
            };
            let mut e = LoadError::new(name, LoadErrorKind::Version, message);
            e.path = Some(schema::KEY_FORMAT.into());
            return Err(e);
        }
        let without_fees = version.tables().fee_fields.is_empty();
        if without_fees && self.processing_fees.is_some() {
            let mut e = LoadError::new(
                name,
                LoadErrorKind::Schema,
                format!(
                    "{}没有信息处理费（processing_fees）：请删去这一节，或把 format 改为 2021",
                    version.name()
                ),
            );
            e.path = Some(schema::KEY_PROCESSING_FEES.into());
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
        let mut report = Report::new_in(version, agency, year);
        match self.proactive {
            Some(p) => p.apply(&mut report),
            None => missing.push(schema::SECTION_PROACTIVE.key),
        }
        let requests = self.requests.map(Into::into).unwrap_or_else(|| {
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
                if !without_fees {
                    missing.push(schema::KEY_PROCESSING_FEES);
                }
                ProcessingFees::default()
            }
        };
        // Keep `missing` in FORMAT.md order.
        const ORDER: [&str; 12] = schema::TOP_LEVEL_KEYS;
        missing.sort_by_key(|k| ORDER.iter().position(|o| o == k));
        report.title = self.title.map(|t| t.0);
        report.preamble = self.preamble.map(|t| t.0).unwrap_or_default();
        report.overview = overview;
        report.requests = requests;
        report.appeals = appeals;
        report.problems = problems;
        report.other_matters = other_matters;
        report.processing_fees = processing_fees;
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
