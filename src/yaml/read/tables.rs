//! Tables B and C, driven by the schema so that their keys live only there.

use super::scalars::Count;
use crate::model::schema::{
    self, FormatVersion, Tables, B_COLUMNS, B_ROW_COUNT, C_COLUMNS, C_GROUPS, TABLES_2019,
    TABLES_2021,
};
use crate::model::{Appeals, Requests};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// Reads the mapping below `requests` whose key paths start with `prefix`.
struct BLevel<'a> {
    tables: &'static Tables,
    cells: &'a mut [[u64; 7]; B_ROW_COUNT],
    seen: &'a mut [bool; B_ROW_COUNT],
    prefix: Vec<&'static str>,
}

impl<'de> DeserializeSeed<'de> for BLevel<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for BLevel<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("映射（键: 值）")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let depth = self.prefix.len();
        let under = |r: &schema::BRow| r.path.len() > depth && r.path[..depth] == self.prefix[..];
        let rows = self.tables.b_rows;
        let keys: &[&'static str] = b_levels(self.tables)
            .iter()
            .find(|(p, _)| p.as_slice() == self.prefix.as_slice())
            .map_or(&[], |(_, k)| k.as_slice());
        let mut seen_here = vec![false; keys.len()];
        while let Some(k) = map.next_key_seed(KeySeed {
            keys,
            seen: &mut seen_here,
        })? {
            let mut path = self.prefix.clone();
            path.push(keys[k]);
            if let Some(row) = rows.iter().position(|r| r.path == path.as_slice()) {
                self.seen[row] = true;
                self.cells[self.tables.b_slots[row]] = map.next_value::<BRowCells>()?.0;
            } else {
                map.next_value_seed(BLevel {
                    tables: self.tables,
                    cells: &mut *self.cells,
                    seen: &mut *self.seen,
                    prefix: path,
                })?;
            }
        }
        let missing: Vec<String> = rows
            .iter()
            .enumerate()
            .filter(|(i, r)| under(r) && !self.seen[*i])
            .map(|(_, r)| r.path[depth..].join("."))
            .collect();
        if !missing.is_empty() {
            return Err(de::Error::custom(format!(
                "nb:缺少行：{}（表三每一行都要写，没有就写 0）",
                missing.join("、")
            )));
        }
        Ok(())
    }
}

/// Reads a key of a mapping whose keys are fixed: yields the key's index in `keys`, and
/// refuses an unknown or repeated key right at the key (so the error names its line and
/// its full path).
struct KeySeed<'a> {
    keys: &'a [&'static str],
    seen: &'a mut [bool],
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = usize;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed<'_> {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "键（{}）", self.keys.join("、"))
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<usize, E> {
        let Some(i) = self.keys.iter().position(|k| *k == key) else {
            return Err(E::custom(format!(
                "nb:未知的键“{}”（拼写错误？此处可用的键：{}）",
                crate::text::escape_for_message(key, 40),
                self.keys.join("、")
            )));
        };
        if self.seen[i] {
            return Err(E::custom(format!(
                "nb:键“{key}”出现了两次：同一个键只能写一次，请删去多余的一行"
            )));
        }
        self.seen[i] = true;
        Ok(i)
    }
}

/// The column keys of table B, from the schema.
const B_KEYS: [&str; 7] = {
    let mut keys = [""; 7];
    let mut i = 0;
    while i < 7 {
        keys[i] = B_COLUMNS[i].key;
        i += 1;
    }
    keys
};

/// The column keys of a group of table C, from the schema.
const C_KEYS: [&str; 5] = {
    let mut keys = [""; 5];
    let mut i = 0;
    while i < 5 {
        keys[i] = C_COLUMNS[i].key;
        i += 1;
    }
    keys
};

/// The group keys of table C, from the schema.
const C_GROUP_KEYS: [&str; 3] = [C_GROUPS[0].key, C_GROUPS[1].key, C_GROUPS[2].key];

/// The keys of each mapping below `requests`: (key path prefix, keys at that level).
type Levels = Vec<(Vec<&'static str>, Vec<&'static str>)>;

fn b_levels(tables: &'static Tables) -> &'static Levels {
    static LEVELS_2021: std::sync::OnceLock<Levels> = std::sync::OnceLock::new();
    static LEVELS_2019: std::sync::OnceLock<Levels> = std::sync::OnceLock::new();
    let cache = match tables.version {
        FormatVersion::V2021 => &LEVELS_2021,
        FormatVersion::V2019 => &LEVELS_2019,
    };
    cache.get_or_init(|| {
        let mut levels: Levels = Vec::new();
        for row in tables.b_rows {
            for depth in 0..row.path.len() {
                let prefix = &row.path[..depth];
                let i = match levels.iter().position(|(p, _)| p.as_slice() == prefix) {
                    Some(i) => i,
                    None => {
                        levels.push((prefix.to_vec(), Vec::new()));
                        levels.len() - 1
                    }
                };
                if !levels[i].1.contains(&row.path[depth]) {
                    levels[i].1.push(row.path[depth]);
                }
            }
        }
        levels
    })
}

/// The seven cells of a row of table B.
struct BRowCells([u64; 7]);

impl<'de> Deserialize<'de> for BRowCells {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(KeyedCounts::<7> { keys: &B_KEYS })
            .map(BRowCells)
    }
}

/// A mapping of exactly the given keys to counts, in any order.
struct KeyedCounts<const N: usize> {
    keys: &'static [&'static str; N],
}

impl<'de, const N: usize> Visitor<'de> for KeyedCounts<N> {
    type Value = [u64; N];
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "含 {} 个键的映射（{}）", N, self.keys.join("、"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<[u64; N], A::Error> {
        let mut values = [0u64; N];
        let mut seen = [false; N];
        while let Some(i) = map.next_key_seed(KeySeed {
            keys: self.keys,
            seen: &mut seen,
        })? {
            values[i] = map.next_value::<Count>()?.0;
        }
        let missing: Vec<&str> = self
            .keys
            .iter()
            .zip(seen)
            .filter(|(_, s)| !s)
            .map(|(k, _)| *k)
            .collect();
        if !missing.is_empty() {
            return Err(de::Error::custom(format!(
                "nb:缺少键：{}（没有就写 0）",
                missing.join("、")
            )));
        }
        Ok(values)
    }
}

/// Reads table B by a version's rows into the storage layout of [`Requests`].
fn read_requests<'de, D: Deserializer<'de>>(
    tables: &'static Tables,
    d: D,
) -> Result<Requests, D::Error> {
    let mut cells = [[0u64; 7]; B_ROW_COUNT];
    let mut seen = [false; B_ROW_COUNT];
    BLevel {
        tables,
        cells: &mut cells,
        seen: &mut seen,
        prefix: Vec::new(),
    }
    .deserialize(d)?;
    Ok(Requests { cells })
}

impl<'de> Deserialize<'de> for Requests {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Requests, D::Error> {
        read_requests(&TABLES_2021, d)
    }
}

/// Table B of a 2019-format file (（六）其他处理 one row).
pub(super) struct Requests2019(Requests);

impl<'de> Deserialize<'de> for Requests2019 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Requests2019, D::Error> {
        read_requests(&TABLES_2019, d).map(Requests2019)
    }
}

impl From<Requests2019> for Requests {
    fn from(r: Requests2019) -> Requests {
        r.0
    }
}

impl<'de> Deserialize<'de> for Appeals {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Appeals, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Appeals;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("映射（reconsideration、litigation_direct、litigation_after_review）")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Appeals, A::Error> {
                let mut appeals = Appeals::default();
                let mut seen = [false; 3];
                while let Some(g) = map.next_key_seed(KeySeed {
                    keys: &C_GROUP_KEYS,
                    seen: &mut seen,
                })? {
                    appeals.cells[g] = map.next_value_seed(KeyedSeed::<5>(&C_KEYS))?;
                }
                let missing: Vec<&str> = C_GROUPS
                    .iter()
                    .zip(seen)
                    .filter(|(_, s)| !s)
                    .map(|(g, _)| g.key)
                    .collect();
                if !missing.is_empty() {
                    return Err(de::Error::custom(format!(
                        "nb:缺少键：{}",
                        missing.join("、")
                    )));
                }
                Ok(appeals)
            }
        }
        d.deserialize_map(V)
    }
}

struct KeyedSeed<const N: usize>(&'static [&'static str; N]);

impl<'de, const N: usize> DeserializeSeed<'de> for KeyedSeed<N> {
    type Value = [u64; N];
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<[u64; N], D::Error> {
        d.deserialize_map(KeyedCounts::<N> { keys: self.0 })
    }
}
