//! Why a fixed-term contract is made: its motive, from the closed list of cases its country's law
//! allows.
//!
//! Some countries allow a fixed-term contract only for listed reasons and deem one without its
//! written motive open-ended (France: Code du travail L1242-2 lists the cases, L1242-12 asks the
//! written contract to state the motive precisely, L1245-1 requalifies a contract that does not).
//! Core knows no country's cases: a pack lists its `ReasonCase`s (an empty list: the country asks
//! none, as Belgium's pack keeps it) and `check` holds a given `ContractReason` to them.

/// A fixed-term contract's motive as the contract records it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContractReason {
    /// The case, as the pack's list names it (`replacement`, `activity_increase`...).
    pub code: String,
    /// The worker replaced, for a case that replaces one.
    pub replaced: Option<ReplacedWorker>,
    /// The sector, for a case that depends on one (a sector where fixed-term contracts are the custom).
    pub sector: Option<String>,
    /// Free text that makes the motive precise (the event, the order, the season).
    pub detail: Option<String>,
}

/// The absent worker a replacement contract names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReplacedWorker {
    /// Their name.
    pub name: String,
    /// Their job or professional qualification.
    pub job: String,
}

/// One case of a country's closed list, with what a motive of that case must give.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReasonCase {
    /// The stable code the API, the storage and the pack's labels use.
    pub code: &'static str,
    /// The replaced worker's name and job are required.
    pub replaced: bool,
    /// The sectors the case is allowed in; empty when it depends on none.
    pub sectors: &'static [&'static str],
    /// The free-text detail is required.
    pub detail: bool,
}

/// The longest text a motive's field keeps (a printed contract's line, not a letter).
pub const MAX_TEXT: usize = 300;

/// Why a motive is refused, naming the request field at fault.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReasonError {
    /// The country asks a fixed-term contract to state its motive.
    #[error("a fixed-term contract states its motive: give motive.code, one of {allowed}")]
    Missing {
        /// The allowed codes, listed.
        allowed: String,
    },
    /// The country (or the contract's kind) records no motive.
    #[error("this contract states no motive: leave motive out")]
    NotAccepted,
    /// A code or sector that is not in the list.
    #[error("{field}: '{value}' is not one of {allowed}")]
    Unknown {
        /// The request field (`motive.code`, `motive.sector`).
        field: &'static str,
        /// What was given.
        value: String,
        /// The allowed values, listed.
        allowed: String,
    },
    /// A field the case requires is missing.
    #[error("{field} is required for the motive {code}")]
    Incomplete {
        /// The request field (`motive.replaced`, `motive.sector`, `motive.detail`).
        field: &'static str,
        /// The case.
        code: String,
    },
    /// A field the case does not take.
    #[error("{field} does not apply to the motive {code}")]
    Unexpected {
        /// The request field.
        field: &'static str,
        /// The case.
        code: String,
    },
    /// A text longer than `MAX_TEXT` characters.
    #[error("{field} is longer than {max} characters")]
    TooLong {
        /// The request field.
        field: &'static str,
        /// The limit.
        max: usize,
    },
}

impl ReasonError {
    /// The request field at fault.
    pub fn field(&self) -> &'static str {
        match self {
            ReasonError::Missing { .. } | ReasonError::NotAccepted => "motive",
            ReasonError::Unknown { field, .. }
            | ReasonError::Incomplete { field, .. }
            | ReasonError::Unexpected { field, .. }
            | ReasonError::TooLong { field, .. } => field,
        }
    }
}

/// The codes of `cases`, listed for a message.
pub fn allowed(cases: &[ReasonCase]) -> String {
    cases.iter().map(|c| c.code).collect::<Vec<_>>().join(", ")
}

/// Holds `reason` to `cases` (the country's list; empty when it asks none) for a fixed-term
/// contract, trimming its texts (an empty one is none): the motive to record, or why not. An
/// open-ended contract has no motive: check it with `check_open_ended`.
pub fn check(cases: &[ReasonCase], reason: Option<ContractReason>) -> Result<Option<ContractReason>, ReasonError> {
    let Some(reason) = reason else {
        return if cases.is_empty() { Ok(None) } else { Err(ReasonError::Missing { allowed: allowed(cases) }) };
    };
    if cases.is_empty() {
        return Err(ReasonError::NotAccepted);
    }
    let code = reason.code.trim().to_owned();
    let Some(case) = cases.iter().find(|c| c.code == code) else {
        return Err(ReasonError::Unknown { field: "motive.code", value: code, allowed: allowed(cases) });
    };
    let text = |field: &'static str, value: Option<String>| -> Result<Option<String>, ReasonError> {
        let value = value.map(|v| v.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|v| !v.is_empty());
        match value {
            Some(v) if v.chars().count() > MAX_TEXT => Err(ReasonError::TooLong { field, max: MAX_TEXT }),
            other => Ok(other),
        }
    };
    let replaced = match reason.replaced {
        Some(r) => {
            let name = text("motive.replaced.name", Some(r.name))?;
            let job = text("motive.replaced.job", Some(r.job))?;
            match (name, job) {
                (Some(name), Some(job)) => Some(ReplacedWorker { name, job }),
                (None, _) => return Err(ReasonError::Incomplete { field: "motive.replaced.name", code }),
                (_, None) => return Err(ReasonError::Incomplete { field: "motive.replaced.job", code }),
            }
        }
        None => None,
    };
    match (case.replaced, replaced.is_some()) {
        (true, false) => return Err(ReasonError::Incomplete { field: "motive.replaced", code }),
        (false, true) => return Err(ReasonError::Unexpected { field: "motive.replaced", code }),
        _ => {}
    }
    let sector = text("motive.sector", reason.sector)?;
    match (&sector, case.sectors.is_empty()) {
        (None, false) => return Err(ReasonError::Incomplete { field: "motive.sector", code }),
        (Some(_), true) => return Err(ReasonError::Unexpected { field: "motive.sector", code }),
        (Some(s), false) if !case.sectors.contains(&s.as_str()) => {
            return Err(ReasonError::Unknown {
                field: "motive.sector",
                value: s.clone(),
                allowed: case.sectors.join(", "),
            })
        }
        _ => {}
    }
    let detail = text("motive.detail", reason.detail)?;
    if case.detail && detail.is_none() {
        return Err(ReasonError::Incomplete { field: "motive.detail", code });
    }
    Ok(Some(ContractReason { code, replaced, sector, detail }))
}

/// An open-ended contract states no motive: any given is refused.
pub fn check_open_ended(reason: Option<&ContractReason>) -> Result<(), ReasonError> {
    match reason {
        Some(_) => Err(ReasonError::NotAccepted),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CASES: &[ReasonCase] = &[
        ReasonCase { code: "replacement", replaced: true, sectors: &[], detail: false },
        ReasonCase { code: "increase", replaced: false, sectors: &[], detail: true },
        ReasonCase { code: "custom", replaced: false, sectors: &["performing_arts", "teaching"], detail: false },
    ];

    fn reason(code: &str) -> ContractReason {
        ContractReason { code: code.into(), ..ContractReason::default() }
    }

    #[test]
    fn a_country_with_cases_refuses_a_contract_without_a_motive_and_lists_them() {
        let err = check(CASES, None).unwrap_err();
        assert_eq!(err, ReasonError::Missing { allowed: "replacement, increase, custom".into() });
        assert_eq!(err.field(), "motive");
        assert_eq!(check(&[], None), Ok(None));
        assert_eq!(check(&[], Some(reason("increase"))), Err(ReasonError::NotAccepted));
    }

    #[test]
    fn each_case_asks_what_makes_it_precise() {
        let err = check(CASES, Some(reason("season"))).unwrap_err();
        assert_eq!(err.field(), "motive.code");
        assert_eq!(check(CASES, Some(reason("replacement"))).unwrap_err().field(), "motive.replaced");
        let half = ContractReason {
            replaced: Some(ReplacedWorker { name: "Anne Roux".into(), job: "  ".into() }),
            ..reason("replacement")
        };
        assert_eq!(check(CASES, Some(half)).unwrap_err().field(), "motive.replaced.job");
        assert_eq!(check(CASES, Some(reason("increase"))).unwrap_err().field(), "motive.detail");
        assert_eq!(check(CASES, Some(reason("custom"))).unwrap_err().field(), "motive.sector");
        let elsewhere = ContractReason { sector: Some("forestry".into()), ..reason("custom") };
        assert_eq!(check(CASES, Some(elsewhere)).unwrap_err().field(), "motive.sector");
        let stray = ContractReason { sector: Some("teaching".into()), detail: Some("x".into()), ..reason("increase") };
        assert!(matches!(check(CASES, Some(stray)), Err(ReasonError::Unexpected { field: "motive.sector", .. })));
        let long = ContractReason { detail: Some("x".repeat(MAX_TEXT + 1)), ..reason("increase") };
        assert!(matches!(check(CASES, Some(long)), Err(ReasonError::TooLong { field: "motive.detail", .. })));
    }

    #[test]
    fn a_complete_motive_is_kept_with_its_texts_trimmed() {
        let given = ContractReason {
            code: " replacement ".into(),
            replaced: Some(ReplacedWorker { name: " Anne  Roux ".into(), job: "régisseuse".into() }),
            sector: None,
            detail: Some("   ".into()),
        };
        let kept = check(CASES, Some(given)).unwrap().unwrap();
        assert_eq!(kept.code, "replacement");
        assert_eq!(kept.replaced, Some(ReplacedWorker { name: "Anne Roux".into(), job: "régisseuse".into() }));
        assert_eq!(kept.detail, None);
        assert_eq!(check_open_ended(Some(&kept)), Err(ReasonError::NotAccepted));
        assert_eq!(check_open_ended(None), Ok(()));
    }
}
