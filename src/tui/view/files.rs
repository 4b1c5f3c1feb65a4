//! The files given on the command line, read lazily: only the current file's document is
//! kept, plus a few recently seen ones, so hundreds of files open at once in little memory.

use super::doc::{self, Document};
use crate::model::Report;
use crate::rules::{self, Context};
use crate::yaml::{self, LoadError, LoadErrorKind};
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// How many documents are kept besides the current one.
pub const CACHE: usize = 4;

/// The files and a small cache of their documents.
#[derive(Debug)]
pub struct Files {
    paths: Vec<PathBuf>,
    previous: Option<Report>,
    current_year: i32,
    /// Most recently used last.
    cache: Vec<(usize, Rc<Document>)>,
    /// Errors and warnings of each file once counted (`None` inside: unreadable).
    tallies: Vec<Option<Option<(usize, usize)>>>,
}

impl Files {
    /// The files to show; `previous` is last year's report for the cross-year rules.
    pub fn new(paths: Vec<PathBuf>, previous: Option<Report>, current_year: i32) -> Files {
        Files {
            paths,
            previous,
            current_year,
            cache: Vec::new(),
            tallies: Vec::new(),
        }
    }

    /// The name of file `i` as the list shows it (cleaned for the screen).
    pub fn name(&self, i: usize) -> String {
        self.path(i)
            .map(|p| doc::clean(&p.display().to_string(), false))
            .unwrap_or_default()
    }

    /// Errors and warnings of file `i` (`None`: it cannot be read as a report). Counted once
    /// (reading and checking the file without keeping its document), then remembered.
    pub fn tally(&mut self, i: usize) -> Option<(usize, usize)> {
        if self.tallies.len() < self.paths.len() {
            self.tallies.resize(self.paths.len(), None);
        }
        if let Some(t) = self.tallies.get(i).copied().flatten() {
            return t;
        }
        let t = match self.cache.iter().find(|(j, _)| *j == i) {
            Some((_, d)) => d.report.as_ref().map(|_| d.tally),
            None => {
                let d = self.read(i);
                d.report.as_ref().map(|_| d.tally)
            }
        };
        if let Some(slot) = self.tallies.get_mut(i) {
            *slot = Some(t);
        }
        t
    }

    /// The counts already known for file `i` (without reading it).
    pub fn known_tally(&self, i: usize) -> Option<Option<(usize, usize)>> {
        self.tallies.get(i).copied().flatten()
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.paths.len()
    }

    /// True when there are no files.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// Last year's report given with `--previous`.
    pub fn previous(&self) -> Option<&Report> {
        self.previous.as_ref()
    }

    /// The calendar year the rules check against.
    pub fn current_year(&self) -> i32 {
        self.current_year
    }

    /// Every path, in order.
    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }

    /// The path of file `i`.
    pub fn path(&self, i: usize) -> Option<&Path> {
        self.paths.get(i).map(PathBuf::as_path)
    }

    /// The document of file `i`, read now unless it is in the cache.
    pub fn document(&mut self, i: usize) -> Rc<Document> {
        if let Some(pos) = self.cache.iter().position(|(j, _)| *j == i) {
            let entry = self.cache.remove(pos);
            let d = entry.1.clone();
            self.cache.push(entry);
            return d;
        }
        let d = Rc::new(self.read(i));
        self.cache.push((i, d.clone()));
        if self.cache.len() > CACHE + 1 {
            self.cache.remove(0);
        }
        d
    }

    /// Forgets the cached document of file `i` (after it was edited).
    pub fn forget(&mut self, i: usize) {
        if let Some(slot) = self.tallies.get_mut(i) {
            *slot = None;
        }
        self.cache.retain(|(j, _)| *j != i);
    }

    /// Number of documents held in the cache.
    pub fn cached(&self) -> usize {
        self.cache.len()
    }

    fn read(&self, i: usize) -> Document {
        let Some(path) = self.paths.get(i) else {
            return doc::unreadable(&LoadError {
                file: String::new(),
                line: None,
                column: None,
                path: None,
                kind: LoadErrorKind::Io,
                message: "没有这个文件".into(),
            });
        };
        if path.as_os_str() == "-" {
            return doc::unreadable(&LoadError {
                file: "-".into(),
                line: None,
                column: None,
                path: None,
                kind: LoadErrorKind::Io,
                message: "审阅模式不能从标准输入读取报告（键盘占用了它）：请给出文件名".into(),
            });
        }
        read_document(path, self.previous.as_ref(), self.current_year)
    }
}

/// Reads and checks one file into its document (or the document of its load error).
pub fn read_document(path: &Path, previous: Option<&Report>, current_year: i32) -> Document {
    match yaml::load_file(path) {
        Ok(loaded) => {
            let ctx = Context {
                current_year,
                previous,
            };
            let mut findings = rules::s1_missing_parts(&loaded.missing);
            findings.extend(rules::check(&loaded.report, &ctx));
            doc::build(loaded.report, &findings)
        }
        Err(e) => doc::unreadable(&e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hongze-2023.yaml")
    }

    #[test]
    fn the_cache_stays_small() {
        let mut f = Files::new(vec![example(); 50], None, 2026);
        for i in 0..50 {
            let d = f.document(i);
            assert!(d.report.is_some());
            assert!(f.cached() <= CACHE + 1);
        }
        assert_eq!(f.cached(), CACHE + 1);
    }

    #[test]
    fn a_missing_file_shows_its_error() {
        let mut f = Files::new(vec![PathBuf::from("/nonexistent/x.yaml")], None, 2026);
        let d = f.document(0);
        assert!(d.report.is_none());
    }
}
