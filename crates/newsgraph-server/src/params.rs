//! Query parameters read by hand rather than by a typed extractor, so
//! that every mistake is our 400 naming the parameter: an unknown or
//! repeated name, a number that is none, a value too long.

use crate::error::ApiError;
use newsgraph_store::{DateRange, Page, MAX_LIMIT};

/// The longest value a parameter may have, in characters.
pub const MAX_VALUE: usize = 500;

pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Reads a query string. `known` are the names the endpoint takes:
    /// with `strict` (the API) any other is an error, else (a page's form)
    /// ignored.
    pub fn parse(raw: Option<&str>, known: &[&str], strict: bool) -> Result<Params, ApiError> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or("")).map_err(|e| ApiError::bad_request(format!("the query string cannot be read: {e}")))?;
        let mut kept: Vec<(String, String)> = Vec::new();
        for (name, value) in pairs {
            if !known.contains(&name.as_str()) {
                if strict {
                    return Err(ApiError::parameter(&name, format!("is not a parameter here (these are: {})", known.join(", "))));
                }
                continue;
            }
            if kept.iter().any(|(n, _)| *n == name) {
                return Err(ApiError::parameter(&name, "is given more than once"));
            }
            if value.chars().count() > MAX_VALUE {
                return Err(ApiError::parameter(&name, format!("is longer than {MAX_VALUE} characters")));
            }
            if value.contains('\0') {
                return Err(ApiError::parameter(&name, "contains a NUL character"));
            }
            kept.push((name, value));
        }
        Ok(Params { pairs: kept })
    }

    /// A parameter's value; an empty one (a form's blank field) is none.
    pub fn str(&self, name: &str) -> Option<&str> {
        self.pairs.iter().find(|(n, _)| n == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    }

    pub fn string(&self, name: &str) -> Option<String> {
        self.str(name).map(str::to_string)
    }

    /// A whole number between `min` and `max`, `default` when absent.
    pub fn int(&self, name: &str, default: usize, min: usize, max: usize) -> Result<usize, ApiError> {
        match self.str(name) {
            None => Ok(default),
            Some(v) => match v.parse::<usize>() {
                Ok(n) if (min..=max).contains(&n) => Ok(n),
                Ok(_) => Err(ApiError::parameter(name, format!("{v} is not between {min} and {max}"))),
                Err(_) => Err(ApiError::parameter(name, format!("{v:?} is not a whole number"))),
            },
        }
    }

    /// `limit` (1 to 1,000; 20 by default) and `offset`.
    pub fn page(&self) -> Result<Page, ApiError> {
        let limit = self.int("limit", 20, 1, MAX_LIMIT)?;
        let offset = self.int("offset", 0, 0, 1_000_000)?;
        Ok(Page::new(limit, offset)?)
    }

    /// `from` and `to`.
    pub fn dates(&self) -> Result<DateRange, ApiError> {
        Ok(DateRange::parse(self.str("from"), self.str("to"))?)
    }

    /// The query string with `offset` set to `offset` (for a next page).
    pub fn with_offset(&self, offset: usize) -> String {
        let mut pairs: Vec<(&str, String)> = self.pairs.iter().filter(|(n, _)| n != "offset").map(|(n, v)| (n.as_str(), v.clone())).collect();
        pairs.push(("offset", offset.to_string()));
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    }

    /// The query string with `name` set to `value` (or removed).
    pub fn with(&self, name: &str, value: Option<&str>) -> String {
        let mut pairs: Vec<(&str, &str)> = self.pairs.iter().filter(|(n, _)| n != name && n != "offset").map(|(n, v)| (n.as_str(), v.as_str())).collect();
        if let Some(v) = value {
            pairs.push((name, v));
        }
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mistakes_name_the_parameter() {
        let p = Params::parse(Some("q=a&limit=5"), &["q", "limit", "offset"], true).unwrap();
        assert_eq!((p.str("q"), p.page().unwrap().limit), (Some("a"), 5));
        let e = Params::parse(Some("spekaer=x"), &["speaker"], true).err().unwrap();
        assert_eq!((e.parameter.as_deref(), e.status.as_u16()), (Some("spekaer"), 400));
        assert!(Params::parse(Some("spekaer=x"), &["speaker"], false).is_ok(), "a page ignores what it does not know");
        assert_eq!(Params::parse(Some("q=a&q=b"), &["q"], true).err().unwrap().message, "is given more than once");
        let e = Params::parse(Some("limit=ten"), &["limit"], true).unwrap().page().unwrap_err();
        assert_eq!(e.to_string(), "limit: \"ten\" is not a whole number");
        let e = Params::parse(Some("limit=0"), &["limit"], true).unwrap().page().unwrap_err();
        assert_eq!(e.to_string(), "limit: 0 is not between 1 and 1000");
        let long = format!("q={}", "a".repeat(MAX_VALUE + 1));
        assert!(Params::parse(Some(&long), &["q"], true).is_err());
        assert!(Params::parse(Some("q=%00"), &["q"], true).is_err());
        let e = Params::parse(Some("from=yesterday"), &["from"], true).unwrap().dates().unwrap_err();
        assert_eq!(e.parameter.as_deref(), Some("from"));
        // blank form fields are absent
        assert_eq!(Params::parse(Some("q=&from="), &["q", "from"], true).unwrap().str("q"), None);
    }

    #[test]
    fn next_pages_keep_the_other_parameters() {
        let p = Params::parse(Some("speaker=Ant%C3%B3nio&offset=20"), &["speaker", "offset"], true).unwrap();
        assert_eq!(p.with_offset(40), "speaker=Ant%C3%B3nio&offset=40");
        assert_eq!(p.with("by", Some("day")), "speaker=Ant%C3%B3nio&by=day");
    }
}
