//! Times as the clerk reads them: local wall-clock time and "how long ago".

use std::time::{SystemTime, UNIX_EPOCH};

/// A time in the machine's local time zone, `2026-11-26 22:14:05`.
pub fn local_time(t: SystemTime) -> String {
    let secs = match t.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_secs() as libc::time_t,
        Err(_) => 0,
    };
    // SAFETY: `localtime_r` writes only into the `tm` we pass; a zeroed `tm` is valid.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let ok = unsafe { !libc::localtime_r(&secs, &mut tm).is_null() };
    if !ok {
        return format!("{secs}");
    }
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        tm.tm_year + 1900,
        tm.tm_mon + 1,
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec
    )
}

/// `2026-11-26 22:14:05（3 分钟前）`: when something was written, seen from `now`.
pub fn describe_time(written: SystemTime, now: SystemTime) -> String {
    format!("{}（{}）", local_time(written), ago(written, now))
}

fn ago(written: SystemTime, now: SystemTime) -> String {
    let secs = match now.duration_since(written) {
        Ok(d) => d.as_secs(),
        Err(_) => return "刚刚".into(),
    };
    match secs {
        0..=59 => "不到 1 分钟前".into(),
        60..=3599 => format!("{} 分钟前", secs / 60),
        3600..=86_399 => format!("{} 小时前", secs / 3600),
        _ => format!("{} 天前", secs / 86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn ago_reads_naturally() {
        let t = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        assert_eq!(ago(t, t + Duration::from_secs(5)), "不到 1 分钟前");
        assert_eq!(ago(t, t + Duration::from_secs(180)), "3 分钟前");
        assert_eq!(ago(t, t + Duration::from_secs(7300)), "2 小时前");
        assert_eq!(ago(t, t + Duration::from_secs(3 * 86_400)), "3 天前");
        assert_eq!(ago(t + Duration::from_secs(9), t), "刚刚");
    }

    #[test]
    fn local_time_has_the_shape_of_a_date() {
        let s = local_time(UNIX_EPOCH + Duration::from_secs(1_800_000_000));
        assert_eq!(s.len(), 19, "{s}");
        assert!(s.starts_with("2027-01-1"), "{s}");
    }
}
