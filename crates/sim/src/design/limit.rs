//! `Limit`: a count that may also be "unlimited" in design files.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A whole number, or no limit at all; written `8` or `"unlimited"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// At most this many.
    At(u32),
    /// As many as needed.
    Unlimited,
}

impl Limit {
    /// The number, with unlimited as `u32::MAX`.
    pub fn get(self) -> u32 {
        match self {
            Limit::At(count) => count,
            Limit::Unlimited => u32::MAX,
        }
    }

    /// Whether this is `"unlimited"`.
    pub fn is_unlimited(self) -> bool {
        self == Limit::Unlimited
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Limit::At(count) => write!(f, "{count}"),
            Limit::Unlimited => f.write_str("unlimited"),
        }
    }
}

impl Serialize for Limit {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Limit::At(count) => serializer.serialize_u32(*count),
            Limit::Unlimited => serializer.serialize_str("unlimited"),
        }
    }
}

impl<'de> Deserialize<'de> for Limit {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Limit, D::Error> {
        struct LimitVisitor;

        impl Visitor<'_> for LimitVisitor {
            type Value = Limit;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a whole number or \"unlimited\"")
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Limit, E> {
                u32::try_from(value)
                    .map(Limit::At)
                    .map_err(|_| E::custom(format!("{value} is too large (at most {})", u32::MAX)))
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Limit, E> {
                match u64::try_from(value) {
                    Ok(value) => self.visit_u64(value),
                    Err(_) => Err(E::custom(format!("{value} is negative"))),
                }
            }

            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Limit, E> {
                let max = f64::from(u32::MAX);
                if value.fract() == 0.0 && value >= 0.0 && value <= max {
                    Ok(Limit::At(value as u32))
                } else if value > max {
                    Err(E::custom(format!(
                        "{} is too large (at most {}, or \"unlimited\")",
                        super::validate::number(value),
                        u32::MAX
                    )))
                } else {
                    Err(E::custom(format!(
                        "{} is not a whole number of at least 0",
                        super::validate::number(value)
                    )))
                }
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Limit, E> {
                if value == "unlimited" {
                    Ok(Limit::Unlimited)
                } else {
                    Err(E::custom(format!(
                        "'{value}' is not a limit (write a whole number or \"unlimited\")"
                    )))
                }
            }
        }

        deserializer.deserialize_any(LimitVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers_and_unlimited() {
        let read = |text: &str| serde_json::from_str::<Limit>(text).map_err(|e| e.to_string());
        assert_eq!(read("8"), Ok(Limit::At(8)));
        assert_eq!(read("8.0"), Ok(Limit::At(8)));
        assert_eq!(read("\"unlimited\""), Ok(Limit::Unlimited));
        assert!(read("-1").unwrap_err().contains("negative"));
        assert!(read("2.5").unwrap_err().contains("whole number"));
        assert!(read("\"lots\"")
            .unwrap_err()
            .contains("'lots' is not a limit"));
        assert_eq!(
            serde_json::to_string(&Limit::Unlimited).ok(),
            Some("\"unlimited\"".into())
        );
    }
}
