//! Numbers as people read them: `12,340 req/s`, `4.2 ms`, `0.8%`.

/// A count with thousands separators, rounded to a whole number.
pub fn count(value: f64) -> String {
    if !value.is_finite() {
        return "–".into();
    }
    let rounded = value.round() as i64;
    let digits = rounded.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if rounded < 0 {
        out.push('-');
    }
    for (idx, digit) in digits.chars().enumerate() {
        if idx > 0 && (digits.len() - idx) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A request rate.
pub fn rate(rps: f64) -> String {
    if rps > 0.0 && rps < 10.0 {
        format!("{rps:.1}")
    } else {
        count(rps)
    }
}

/// A duration in milliseconds, with precision that suits its size.
pub fn millis(ms: f64) -> String {
    if !ms.is_finite() {
        "–".into()
    } else if ms >= 1_000.0 {
        format!("{:.2} s", ms / 1_000.0)
    } else if ms >= 100.0 {
        format!("{ms:.0} ms")
    } else if ms >= 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.2} ms")
    }
}

/// A share from 0 to 1, as a percentage.
pub fn percent(share: f64) -> String {
    let pct = share * 100.0;
    if pct > 0.0 && pct < 0.1 {
        "<0.1%".into()
    } else if pct < 10.0 {
        format!("{pct:.1}%")
    } else {
        format!("{pct:.0}%")
    }
}

/// Simulated time, as `1:05.3`.
pub fn clock(ms: u64) -> String {
    let tenths = ms / 100;
    let minutes = tenths / 600;
    let seconds = (tenths % 600) as f64 / 10.0;
    format!("{minutes}:{seconds:04.1}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_read_naturally() {
        assert_eq!(count(1234567.4), "1,234,567");
        assert_eq!(count(999.0), "999");
        assert_eq!(rate(2.25), "2.2");
        assert_eq!(millis(4.234), "4.23 ms");
        assert_eq!(millis(42.34), "42.3 ms");
        assert_eq!(millis(1500.0), "1.50 s");
        assert_eq!(percent(0.0004), "<0.1%");
        assert_eq!(percent(0.0512), "5.1%");
        assert_eq!(percent(0.5), "50%");
        assert_eq!(clock(65_340), "1:05.3");
    }
}
