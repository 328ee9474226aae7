//! Numbers as people read them: `12,340 req/s`, `4.2 ms`, `0.8%`, and,
//! where space is tight (badges, axes, stat cards), `12.3k` or `1.23M`.

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

/// Below this, compact numbers keep every digit (with separators).
const COMPACT_FROM: f64 = 10_000.0;

/// A count in at most about six characters: `9,999`, then three
/// significant digits with a suffix (`12.3k`, `456k`, `1.23M`, `7.80G`).
pub fn compact(value: f64) -> String {
    if !value.is_finite() {
        return "–".into();
    }
    let magnitude = value.abs();
    if magnitude < COMPACT_FROM {
        return count(value);
    }
    let sign = if value < 0.0 { "-" } else { "" };
    for (scale, suffix) in [(1e3, "k"), (1e6, "M"), (1e9, "G"), (1e12, "T")] {
        let scaled = magnitude / scale;
        // 999.6k rounds to 1000k: it is shown as 1.00M instead.
        if scaled < 999.5 {
            let decimals = if scaled < 9.995 {
                2
            } else if scaled < 99.95 {
                1
            } else {
                0
            };
            return format!("{sign}{scaled:.decimals$}{suffix}");
        }
    }
    format!("{sign}{magnitude:.2e}")
}

/// A request rate where space is tight: `2.5`, `9,999`, `100k`.
pub fn compact_rate(rps: f64) -> String {
    if rps.abs() < COMPACT_FROM {
        rate(rps)
    } else {
        compact(rps)
    }
}

/// A round axis value without trailing zeros: `2.5`, `5,000`, `20k`,
/// `2M`.
pub fn axis(value: f64) -> String {
    if value.abs() < 10.0 {
        let text = format!("{value:.1}");
        return text.strip_suffix(".0").map_or(text.clone(), str::to_owned);
    }
    let text = compact(value);
    match text.find('.') {
        Some(dot) => {
            let suffix_at = text[dot..]
                .find(|c: char| !c.is_ascii_digit() && c != '.')
                .map_or(text.len(), |idx| dot + idx);
            let digits = text[..suffix_at]
                .trim_end_matches('0')
                .trim_end_matches('.');
            format!("{digits}{}", &text[suffix_at..])
        }
        None => text,
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

/// A mean number of instances: whole when it is (`3`), with one decimal
/// while auto-scaling moves it within the second (`3.4`).
pub fn instances(mean: f64) -> String {
    if (mean - mean.round()).abs() < 0.05 {
        count(mean)
    } else {
        format!("{mean:.1}")
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
    fn instances_are_whole_unless_scaling() {
        assert_eq!(instances(3.0), "3");
        assert_eq!(instances(2.999), "3");
        assert_eq!(instances(3.4), "3.4");
    }

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

    #[test]
    fn compact_numbers_stay_short() {
        assert_eq!(compact(0.0), "0");
        assert_eq!(compact(9_999.0), "9,999");
        assert_eq!(compact(10_000.0), "10.0k");
        assert_eq!(compact(12_345.0), "12.3k");
        assert_eq!(compact(63_321.0), "63.3k");
        assert_eq!(compact(100_166.0), "100k");
        assert_eq!(compact(999_499.0), "999k");
        assert_eq!(compact(999_600.0), "1.00M");
        assert_eq!(compact(1_234_567.0), "1.23M");
        assert_eq!(compact(2_000_000.0), "2.00M");
        assert_eq!(compact(-45_600.0), "-45.6k");
        assert_eq!(compact(7.8e9), "7.80G");
        assert_eq!(compact(f64::NAN), "–");
        assert!(compact(1e300).len() <= 9, "{}", compact(1e300));
        assert_eq!(compact_rate(2.25), "2.2");
        assert_eq!(compact_rate(2_018.0), "2,018");
        assert_eq!(compact_rate(100_166.0), "100k");
    }

    #[test]
    fn axis_labels_drop_trailing_zeros() {
        assert_eq!(axis(0.0), "0");
        assert_eq!(axis(0.5), "0.5");
        assert_eq!(axis(2.5), "2.5");
        assert_eq!(axis(2_500.0), "2,500");
        assert_eq!(axis(20_000.0), "20k");
        assert_eq!(axis(25_000.0), "25k");
        assert_eq!(axis(1_000_000.0), "1M");
        assert_eq!(axis(2_000_000.0), "2M");
        assert_eq!(axis(2_500_000.0), "2.5M");
        assert_eq!(axis(500_000.0), "500k");
    }
}
