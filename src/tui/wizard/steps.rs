//! The wizard's steps as data: [`STEPS`] is the one table the step bar, the header, the
//! draw dispatch, Alt-N, the help text and the mapping of findings to steps read.
//!
//! Adding a step: a variant of [`Step`] and its row in [`STEPS`] (the row's `content` says
//! which screen draws it and which fields it has).

use crate::model::schema::{
    Section, BASIC_SECTION, KEY_AGENCY, KEY_FORMAT, KEY_PREAMBLE, KEY_PROCESSING_FEES, KEY_TITLE,
    KEY_YEAR, SECTIONS, SECTION_APPEALS, SECTION_OTHER_MATTERS, SECTION_OVERVIEW,
    SECTION_PROACTIVE, SECTION_PROBLEMS, SECTION_REQUESTS,
};
use crate::model::ProseSection;
use crate::tui::tables::Table;

/// A step of the wizard (its row in [`STEPS`] says everything about it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// 1. 基本信息.
    Basic,
    /// 2. 一、总体情况.
    Overview,
    /// 3. 二、table A.
    TableA,
    /// 4. 三、table B.
    TableB,
    /// 5. 四、table C.
    TableC,
    /// 6. 五、存在的主要问题及改进情况.
    Problems,
    /// 7. 六、其他需要报告的事项 and 信息处理费.
    Other,
    /// 8. 检查与保存.
    Review,
}

/// What a step edits, and so which screen draws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// Agency, year, title, preamble.
    Basic,
    /// The parts of a prose section; `fees`: 信息处理费 below them.
    Prose {
        /// The section.
        section: ProseSection,
        /// Whether 信息处理费 is entered in this step too.
        fees: bool,
    },
    /// A table.
    Table(Table),
    /// The findings, the save line and the preview.
    Review,
}

/// One step: its title, short name, section and content.
#[derive(Debug, Clone, Copy)]
pub struct StepSpec {
    /// The step.
    pub step: Step,
    /// The section of FORMAT.md it enters; its heading is the title.
    pub section: Option<&'static Section>,
    /// The title where there is no section.
    pub own_title: &'static str,
    /// The short name of the step bar.
    pub short: &'static str,
    /// What it edits.
    pub content: Content,
    /// Top-level YAML keys, besides the section's, whose findings belong to the step.
    pub keys: &'static [&'static str],
}

/// Every step, in order.
pub const STEPS: &[StepSpec] = &[
    StepSpec {
        step: Step::Basic,
        section: None,
        own_title: BASIC_SECTION,
        short: BASIC_SECTION,
        content: Content::Basic,
        keys: &[KEY_AGENCY, KEY_YEAR, KEY_TITLE, KEY_FORMAT, KEY_PREAMBLE],
    },
    StepSpec {
        step: Step::Overview,
        section: Some(&SECTION_OVERVIEW),
        own_title: "",
        short: "总体情况",
        content: Content::Prose {
            section: ProseSection::Overview,
            fees: false,
        },
        keys: &[],
    },
    StepSpec {
        step: Step::TableA,
        section: Some(&SECTION_PROACTIVE),
        own_title: "",
        short: "主动公开",
        content: Content::Table(Table::A),
        keys: &[],
    },
    StepSpec {
        step: Step::TableB,
        section: Some(&SECTION_REQUESTS),
        own_title: "",
        short: "依申请",
        content: Content::Table(Table::B),
        keys: &[],
    },
    StepSpec {
        step: Step::TableC,
        section: Some(&SECTION_APPEALS),
        own_title: "",
        short: "复议诉讼",
        content: Content::Table(Table::C),
        keys: &[],
    },
    StepSpec {
        step: Step::Problems,
        section: Some(&SECTION_PROBLEMS),
        own_title: "",
        short: "问题改进",
        content: Content::Prose {
            section: ProseSection::Problems,
            fees: false,
        },
        keys: &[],
    },
    StepSpec {
        step: Step::Other,
        section: Some(&SECTION_OTHER_MATTERS),
        own_title: "",
        short: "其他事项",
        content: Content::Prose {
            section: ProseSection::OtherMatters,
            fees: true,
        },
        keys: &[KEY_PROCESSING_FEES],
    },
    StepSpec {
        step: Step::Review,
        section: None,
        own_title: "检查与保存",
        short: "检查保存",
        content: Content::Review,
        keys: &[],
    },
];

/// How many steps there are.
pub const STEP_COUNT: usize = STEPS.len();

const fn all_steps() -> [Step; STEP_COUNT] {
    let mut out = [Step::Basic; STEP_COUNT];
    let mut i = 0;
    while i < STEP_COUNT {
        out[i] = STEPS[i].step;
        i += 1;
    }
    out
}

impl Step {
    /// All steps in order (from [`STEPS`]).
    pub const ALL: [Step; STEP_COUNT] = all_steps();

    /// The step's row of [`STEPS`].
    pub fn spec(self) -> &'static StepSpec {
        STEPS.iter().find(|s| s.step == self).unwrap_or(&STEPS[0])
    }

    /// Position in [`Step::ALL`].
    pub fn index(self) -> usize {
        STEPS.iter().position(|s| s.step == self).unwrap_or(0)
    }

    /// The step at a position, if there is one.
    pub fn at(i: usize) -> Option<Step> {
        STEPS.get(i).map(|s| s.step)
    }

    /// The step's title: the section heading where there is one.
    pub fn title(self) -> String {
        let s = self.spec();
        match s.section {
            Some(section) => section.heading(),
            None => s.own_title.into(),
        }
    }

    /// A short name for the step bar.
    pub fn short(self) -> &'static str {
        self.spec().short
    }

    /// What the step edits.
    pub fn content(self) -> Content {
        self.spec().content
    }

    /// The prose section edited in this step, if any.
    pub fn prose(self) -> Option<ProseSection> {
        match self.content() {
            Content::Prose { section, .. } => Some(section),
            _ => None,
        }
    }

    /// The table edited in this step, if any.
    pub fn table(self) -> Option<Table> {
        match self.content() {
            Content::Table(t) => Some(t),
            _ => None,
        }
    }

    /// The step of a section of FORMAT.md (index into [`SECTIONS`]).
    pub fn of_section_index(i: usize) -> Option<Step> {
        let key = SECTIONS.get(i)?.key;
        STEPS
            .iter()
            .find(|s| s.section.is_some_and(|sec| sec.key == key))
            .map(|s| s.step)
    }

    /// The step of a prose section.
    pub fn of_section(s: ProseSection) -> Step {
        STEPS
            .iter()
            .find(|x| matches!(x.content, Content::Prose { section, .. } if section == s))
            .map_or(Step::Review, |x| x.step)
    }

    /// The step of a table.
    pub fn of_table(t: Table) -> Step {
        STEPS
            .iter()
            .find(|x| x.content == Content::Table(t))
            .map_or(Step::Review, |x| x.step)
    }

    /// The step where 信息处理费 is entered.
    pub fn of_fees() -> Step {
        STEPS
            .iter()
            .find(|x| matches!(x.content, Content::Prose { fees: true, .. }))
            .map_or(Step::Review, |x| x.step)
    }

    /// The step a finding belongs to, by its key path.
    pub fn of_path(path: &str) -> Step {
        let top = path.split('.').next().unwrap_or("");
        STEPS
            .iter()
            .find(|s| s.keys.contains(&top) || s.section.is_some_and(|sec| sec.key == top))
            .map_or(Step::Review, |s| s.step)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_has_one_step_in_order() {
        let sections: Vec<&str> = STEPS
            .iter()
            .filter_map(|s| s.section)
            .map(|s| s.key)
            .collect();
        assert_eq!(sections, SECTIONS.map(|s| s.key));
        for (i, s) in Step::ALL.iter().enumerate() {
            assert_eq!(s.index(), i);
        }
    }

    #[test]
    fn findings_map_to_their_steps() {
        assert_eq!(Step::of_path("year"), Step::Basic);
        assert_eq!(Step::of_path("requests.new.natural_person"), Step::TableB);
        assert_eq!(Step::of_path("processing_fees.notices"), Step::Other);
        assert_eq!(Step::of_path("other_matters"), Step::Other);
        assert_eq!(Step::of_path("proactive.rules"), Step::TableA);
        assert_eq!(Step::of_path("appeals.review"), Step::TableC);
        assert_eq!(Step::of_path("problems"), Step::Problems);
        assert_eq!(Step::of_path("zzz"), Step::Review);
    }
}
