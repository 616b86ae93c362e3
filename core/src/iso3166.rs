//! The ISO 3166-1 alpha-2 codes assigned to countries and territories, which
//! [`crate::client::CountryCode::parse`] accepts.
//!
//! Source: ISO 3166-1 as published by the ISO 3166 Maintenance Agency (the country names
//! and codes of the UN Statistics Division's M49 list, whose alpha-2 column is ISO's), as
//! Debian's `iso-codes` package 4.15.0 (2023-04-27, file `iso_3166-1.json`) carries it:
//! 249 officially assigned codes, copied in December 2026. A code ISO assigns later is added
//! here by hand (the Maintenance Agency's newsletters announce them). Reserved codes (exceptionally reserved `UK`, `EU`, `EL`;
//! transitionally reserved `AN`, `CS`...; user-assigned `AA`, `QM`-`QZ`, `XA`-`XZ`, `ZZ`) are
//! not assigned and are refused, with one exception below.

/// The assigned alpha-2 codes, sorted (a binary search finds one).
const ASSIGNED: [&str; 249] = [
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ", "BA", "BB", "BD",
    "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY", "BZ", "CA",
    "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE",
    "DJ", "DK", "DM", "DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA",
    "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK",
    "HM", "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM", "JO", "JP",
    "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT",
    "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS",
    "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ",
    "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS",
    "RU", "RW", "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST",
    "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW",
    "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI", "VN", "VU", "WF", "WS", "YE", "YT", "ZA",
    "ZM", "ZW",
];

/// Codes accepted although ISO does not assign them, each with its reason.
///
/// `XK`, Kosovo: a user-assigned code (ISO assigns none to Kosovo), but the one the EU's
/// institutions use for it (the Interinstitutional Style Guide's list of countries), and so
/// the one a member's nationality or an A1 form (Regulation (EC) 987/2009) gives for a
/// Kosovar citizen.
const ALSO_ACCEPTED: [&str; 1] = ["XK"];

/// Whether `code` (two upper-case ASCII letters) is an assigned ISO 3166-1 alpha-2 code or
/// one of the few accepted beside them ([`ALSO_ACCEPTED`]).
pub fn is_assigned(code: &str) -> bool {
    ASSIGNED.binary_search(&code).is_ok() || ALSO_ACCEPTED.contains(&code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_unique_and_of_two_upper_case_letters() {
        assert!(ASSIGNED.windows(2).all(|w| w[0] < w[1]), "sorted and unique, for the binary search");
        assert!(ASSIGNED.iter().all(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase())));
    }

    #[test]
    fn assigned_codes_pass_and_reserved_or_user_assigned_ones_do_not() {
        for code in ["BE", "FR", "GR", "GB", "PT", "BR", "AX", "SS", "CW", "XK"] {
            assert!(is_assigned(code), "{code}");
        }
        // EL and UK: exceptionally reserved (Greece's VAT prefix, the United Kingdom's
        // common name), not countries' codes; ZZ, XX, AA, QZ: user-assigned.
        for code in ["EL", "UK", "EU", "ZZ", "XX", "AA", "QZ", "AN", "be"] {
            assert!(!is_assigned(code), "{code}");
        }
    }
}
