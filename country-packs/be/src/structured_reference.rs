//! The Belgian structured communication (communication structurée / gestructureerde
//! mededeling): `+++ddd/dddd/ddddd+++`, the reference Belgian banks match payments on.
//!
//! Twelve digits: ten chosen by the creditor, then two check digits, "the last 2
//! digits as check digits (modulo 97) of the first 10 digits, but if the result is 0,
//! then the check digits are 97" (Febelfin's rule, as restated at
//! https://wiki.xmldation.com/Support/RBS/CT_Rules/Access_Online/BBA; format kept under
//! SEPA: http://www.sepabelgium.be/nl/de-gestructureerde-mededeling).

/// The structured communication for a document number.
///
/// The ten digits are the digits of the number, left-padded with zeros: core's invoice
/// numbers (`2026-000123`) have exactly ten, so each invoice of a series gets its own
/// reference and an advisor reads the number back from it. A number with more than ten
/// digits keeps its last ten. A credit note's reference (`CN2026-000004`) equals the one
/// of invoice `2026-000004`: credit notes are not paid by the buyer, so no payment
/// carries it.
pub fn structured_communication(document_number: &str) -> String {
    let digits: Vec<u32> = document_number.chars().filter_map(|c| c.to_digit(10)).collect();
    let skip = digits.len().saturating_sub(10);
    let mut ten = [0u32; 10];
    let start = 10 - (digits.len() - skip);
    for (slot, digit) in ten.iter_mut().skip(start).zip(digits.iter().skip(skip)) {
        *slot = *digit;
    }
    let base = ten.iter().fold(0u64, |acc, d| acc * 10 + u64::from(*d));
    let check = match base % 97 {
        0 => 97,
        r => r,
    };
    let body = format!("{base:010}{check:02}");
    // Twelve ASCII digits: split 3/4/5 by characters, no slicing.
    let part = |from: usize, len: usize| body.chars().skip(from).take(len).collect::<String>();
    format!("+++{}/{}/{}+++", part(0, 3), part(3, 4), part(7, 5))
}

/// Whether `reference` is a well-formed structured communication with correct check digits.
pub fn is_valid(reference: &str) -> bool {
    let inner = reference
        .strip_prefix("+++")
        .and_then(|r| r.strip_suffix("+++"))
        .or_else(|| reference.strip_prefix("***").and_then(|r| r.strip_suffix("***")));
    let Some(inner) = inner else {
        return false;
    };
    let groups: Vec<&str> = inner.split('/').collect();
    let shape_ok = groups.iter().map(|g| g.len()).eq([3usize, 4, 5])
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()));
    if !shape_ok {
        return false;
    }
    let digits: String = groups.concat();
    let base: u64 = digits.chars().take(10).filter_map(|c| c.to_digit(10)).fold(0, |acc, d| acc * 10 + u64::from(d));
    let check: u64 = digits.chars().skip(10).filter_map(|c| c.to_digit(10)).fold(0, |acc, d| acc * 10 + u64::from(d));
    let expected = match base % 97 {
        0 => 97,
        r => r,
    };
    check == expected
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Published example: reference `010806817183` (xmldation's page above):
    /// 0108068171 mod 97 = 83.
    #[test]
    fn the_published_example_has_check_digits_83() {
        assert_eq!(structured_communication("0108068171"), "+++010/8068/17183+++");
        assert!(is_valid("+++010/8068/17183+++"));
    }

    /// Published example: the lowest structured communication is `+++000/0000/00097+++`
    /// (https://hackage.haskell.org/package/belgian-structured-communication): a
    /// remainder of 0 gives check digits 97.
    #[test]
    fn a_zero_remainder_gives_97() {
        assert_eq!(structured_communication("0"), "+++000/0000/00097+++");
        assert_eq!(structured_communication("no digits"), "+++000/0000/00097+++");
        assert!(is_valid("+++000/0000/00097+++"));
        assert!(!is_valid("+++000/0000/00000+++"));
    }

    #[test]
    fn an_invoice_number_maps_to_its_own_ten_digits() {
        // 2026000123 mod 97 = 20.
        assert_eq!(structured_communication("2026-000123"), "+++202/6000/12320+++");
        assert_ne!(structured_communication("2026-000124"), structured_communication("2026-000123"));
        assert!(is_valid(&structured_communication("2026-000124")));
    }

    #[test]
    fn long_numbers_keep_their_last_ten_digits() {
        assert_eq!(structured_communication("99-2026-000123"), structured_communication("2026-000123"));
    }

    #[test]
    fn malformed_references_are_not_valid() {
        for bad in ["+++010/8068/17184+++", "010806817183", "+++0108/068/17183+++", "+++010/8068/1718a+++"] {
            assert!(!is_valid(bad), "{bad}");
        }
    }
}
