//! SEPA credit transfer files (ISO 20022 `pain.001.001.09`) for paying net wages.
//!
//! The file follows the EPC "SEPA Credit Transfer Scheme Customer-to-PSP Implementation
//! Guidelines" (EPC132-08, 2025 version 1.0, which replaced the 2023 version in October 2025;
//! both use the `pain.001.001.09` message). Their schema is vendored in `core/tests/sepa/`
//! and every generated file is checked against it by `xmllint`.
//!
//! The schema does not check everything the guidelines require, so [`pain_001`] refuses
//! what a bank would reject later: another currency than euro, amounts outside
//! 0.01..=999 999 999.99, names longer than 70 characters, remittance longer than 140,
//! identifiers longer than 35 or with a leading, trailing or double `/`, and characters
//! outside the EPC basic Latin set (`a-z A-Z 0-9 / - ? : ( ) . , ' +` and space).
//! Names and remittance are transliterated first (`é` → `e`, `ß` → `ss`, `Ł` → `L`, curly
//! quote → `'`); identifiers are not, since rewriting an identifier would change it.

use crate::bank::{Bic, Iban};
use crate::money::{Currency, Money, MoneyError};
use crate::xml::XmlWriter;
use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use std::collections::BTreeSet;
use std::fmt;

/// The ISO 20022 message this module writes.
pub const PAIN_001_NAMESPACE: &str = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";

/// The ordering party: the cooperative's own account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Party {
    /// Account holder name as the bank knows it.
    pub name: String,
    /// Account debited.
    pub iban: Iban,
    /// The bank's BIC; optional within SEPA ("IBAN only").
    pub bic: Option<Bic>,
}

/// One payment to one person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreditTransfer {
    /// Reference carried unchanged to the beneficiary and back in returns (max 35).
    pub end_to_end_id: String,
    /// Beneficiary name (max 70 after transliteration).
    pub creditor_name: String,
    /// Beneficiary account.
    pub creditor_iban: Iban,
    /// Beneficiary bank, if known.
    pub creditor_bic: Option<Bic>,
    /// Amount in euro, 0.01 to 999 999 999.99.
    pub amount: Money,
    /// Unstructured remittance shown to the beneficiary (max 140); empty leaves it out.
    pub remittance: String,
}

/// A batch of wage payments from one account, executed on one date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreditTransferBatch {
    /// Unique message reference (max 35); also used as the payment information id.
    pub message_id: String,
    /// When the file was made, local time (seconds precision in the file).
    pub created_at: NaiveDateTime,
    /// The paying account.
    pub debtor: Party,
    /// The day the debtor's account is to be debited.
    pub requested_execution_date: NaiveDate,
    /// The payments; at least one.
    pub transfers: Vec<CreditTransfer>,
}

/// A text field of a batch, named in errors; transfers are counted from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// `message_id`.
    MessageId,
    /// `debtor.name`.
    DebtorName,
    /// `end_to_end_id` of a transfer.
    EndToEndId {
        /// Position in the batch, from 1.
        transfer: usize,
    },
    /// `creditor_name` of a transfer.
    CreditorName {
        /// Position in the batch, from 1.
        transfer: usize,
    },
    /// `remittance` of a transfer.
    Remittance {
        /// Position in the batch, from 1.
        transfer: usize,
    },
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::MessageId => f.write_str("message id"),
            Field::DebtorName => f.write_str("debtor name"),
            Field::EndToEndId { transfer } => write!(f, "end-to-end id of transfer {transfer}"),
            Field::CreditorName { transfer } => write!(f, "creditor name of transfer {transfer}"),
            Field::Remittance { transfer } => write!(f, "remittance of transfer {transfer}"),
        }
    }
}

/// Why a batch cannot be written as a SEPA credit transfer file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SepaError {
    /// A file without transfers is refused by banks.
    #[error("a SEPA credit transfer file needs at least one transfer")]
    NoTransfers,
    /// SEPA credit transfers are in euro only.
    #[error("transfer {transfer}: SEPA credit transfers are in EUR, not {currency}")]
    NotEuro {
        /// Position in the batch, from 1.
        transfer: usize,
        /// The currency found.
        currency: Currency,
    },
    /// The EPC allows 0.01 to 999 999 999.99 per transfer.
    #[error("transfer {transfer}: {amount} is outside the SEPA range 0.01 to 999999999.99 EUR")]
    AmountOutOfRange {
        /// Position in the batch, from 1.
        transfer: usize,
        /// The amount found.
        amount: Money,
    },
    /// More than two decimals.
    #[error("transfer {transfer}: {amount} has more than two decimals")]
    TooPrecise {
        /// Position in the batch, from 1.
        transfer: usize,
        /// The amount found.
        amount: Money,
    },
    /// A mandatory text is empty (or only spaces).
    #[error("{field} is empty")]
    Empty {
        /// Which field.
        field: Field,
    },
    /// A text exceeds the EPC length for its field.
    #[error("{field} has {length} characters, the EPC allows at most {max}")]
    TooLong {
        /// Which field.
        field: Field,
        /// Length after transliteration.
        length: usize,
        /// The limit.
        max: usize,
    },
    /// A character outside the EPC basic Latin set that has no transliteration.
    #[error("{field} contains '{character}', which is outside the SEPA Latin character set")]
    UnsupportedCharacter {
        /// Which field.
        field: Field,
        /// The first such character.
        character: char,
    },
    /// An identifier starts or ends with '/' or contains '//'.
    #[error("{field} '{value}' must not start or end with '/' nor contain '//'")]
    SlashInIdentifier {
        /// Which field.
        field: Field,
        /// The identifier.
        value: String,
    },
    /// Two transfers share an end-to-end id: a wage would be paid twice or a return be ambiguous.
    #[error("end-to-end id '{0}' is used by more than one transfer")]
    DuplicateEndToEndId(String),
    /// The execution date is before the file's creation date.
    #[error("execution date {requested} is before the file's creation date {created}")]
    ExecutionBeforeCreation {
        /// Requested execution date.
        requested: NaiveDate,
        /// Creation date of the file.
        created: NaiveDate,
    },
    /// The control sum does not fit the 18 digits the schema allows.
    #[error("the control sum {0} does not fit 18 digits")]
    ControlSumTooLarge(Decimal),
    /// Summing the amounts failed.
    #[error(transparent)]
    Money(#[from] MoneyError),
}

/// EPC limits (C2PSP implementation guidelines, "Max35Text", "Max70Text", "Max140Text").
const ID_MAX: usize = 35;
const NAME_MAX: usize = 70;
const REMITTANCE_MAX: usize = 140;

/// Writes the batch as a `pain.001.001.09` document, or says which rule it breaks.
///
/// One payment information block carries every transfer, with category purpose and purpose
/// `SALA` (salary) so that banks may apply their payroll handling, and batch booking so that
/// the cooperative's statement shows one debit rather than each person's wage. The output
/// depends only on the batch: same batch, same bytes.
pub fn pain_001(batch: &CreditTransferBatch) -> Result<String, SepaError> {
    if batch.transfers.is_empty() {
        return Err(SepaError::NoTransfers);
    }
    if batch.requested_execution_date < batch.created_at.date() {
        return Err(SepaError::ExecutionBeforeCreation {
            requested: batch.requested_execution_date,
            created: batch.created_at.date(),
        });
    }
    let message_id = identifier(&batch.message_id, Field::MessageId)?;
    let debtor_name = latin_text(&batch.debtor.name, Field::DebtorName, NAME_MAX)?;
    let transfers = checked_transfers(&batch.transfers)?;
    let control_sum = Money::sum(Currency::EUR, batch.transfers.iter().map(|t| t.amount))?.amount();
    // DecimalNumber: totalDigits 18, fractionDigits 2.
    if control_sum >= Decimal::from(10_000_000_000_000_000_i64) {
        return Err(SepaError::ControlSumTooLarge(control_sum));
    }
    let count = transfers.len().to_string();
    let control_sum = control_sum.to_string();

    let mut xml = XmlWriter::new();
    xml.open("Document", &[("xmlns", PAIN_001_NAMESPACE)]);
    xml.open("CstmrCdtTrfInitn", &[]);
    xml.open("GrpHdr", &[]);
    xml.leaf("MsgId", &[], &message_id);
    xml.leaf("CreDtTm", &[], &batch.created_at.format("%Y-%m-%dT%H:%M:%S").to_string());
    xml.leaf("NbOfTxs", &[], &count);
    xml.leaf("CtrlSum", &[], &control_sum);
    xml.open("InitgPty", &[]);
    xml.leaf("Nm", &[], &debtor_name);
    xml.close();
    xml.close();

    xml.open("PmtInf", &[]);
    // One block per file, so the message id identifies it as well.
    xml.leaf("PmtInfId", &[], &message_id);
    xml.leaf("PmtMtd", &[], "TRF");
    xml.leaf("BtchBookg", &[], "true");
    xml.leaf("NbOfTxs", &[], &count);
    xml.leaf("CtrlSum", &[], &control_sum);
    xml.open("PmtTpInf", &[]);
    xml.open("SvcLvl", &[]);
    xml.leaf("Cd", &[], "SEPA");
    xml.close();
    xml.open("CtgyPurp", &[]);
    xml.leaf("Cd", &[], "SALA");
    xml.close();
    xml.close();
    xml.open("ReqdExctnDt", &[]);
    xml.leaf("Dt", &[], &batch.requested_execution_date.format("%Y-%m-%d").to_string());
    xml.close();
    xml.open("Dbtr", &[]);
    xml.leaf("Nm", &[], &debtor_name);
    xml.close();
    account(&mut xml, "DbtrAcct", &batch.debtor.iban);
    xml.open("DbtrAgt", &[]);
    xml.open("FinInstnId", &[]);
    match &batch.debtor.bic {
        Some(bic) => xml.leaf("BICFI", &[], bic.as_str()),
        None => {
            // EPC usage rule: without a BIC, 'Other/Identification' must say NOTPROVIDED.
            xml.open("Othr", &[]);
            xml.leaf("Id", &[], "NOTPROVIDED");
            xml.close();
        }
    }
    xml.close();
    xml.close();
    xml.leaf("ChrgBr", &[], "SLEV");
    for transfer in &transfers {
        transfer_element(&mut xml, transfer);
    }
    xml.close();
    xml.close();
    xml.close();
    Ok(xml.finish())
}

/// A transfer whose texts passed the EPC rules, ready to write.
struct CheckedTransfer<'a> {
    end_to_end_id: String,
    creditor_name: String,
    remittance: Option<String>,
    source: &'a CreditTransfer,
}

fn checked_transfers(transfers: &[CreditTransfer]) -> Result<Vec<CheckedTransfer<'_>>, SepaError> {
    let mut seen = BTreeSet::new();
    let mut checked = Vec::with_capacity(transfers.len());
    for (position, transfer) in (1..).zip(transfers) {
        check_amount(transfer.amount, position)?;
        let end_to_end_id = identifier(&transfer.end_to_end_id, Field::EndToEndId { transfer: position })?;
        if !seen.insert(end_to_end_id.clone()) {
            return Err(SepaError::DuplicateEndToEndId(end_to_end_id));
        }
        let creditor_name = latin_text(&transfer.creditor_name, Field::CreditorName { transfer: position }, NAME_MAX)?;
        let remittance = if transfer.remittance.trim().is_empty() {
            None
        } else {
            Some(latin_text(&transfer.remittance, Field::Remittance { transfer: position }, REMITTANCE_MAX)?)
        };
        checked.push(CheckedTransfer { end_to_end_id, creditor_name, remittance, source: transfer });
    }
    Ok(checked)
}

fn check_amount(amount: Money, transfer: usize) -> Result<(), SepaError> {
    if amount.currency() != Currency::EUR {
        return Err(SepaError::NotEuro { transfer, currency: amount.currency() });
    }
    if amount.amount().normalize().scale() > 2 {
        return Err(SepaError::TooPrecise { transfer, amount });
    }
    let minimum = Decimal::new(1, 2);
    let maximum = Decimal::new(99_999_999_999, 2);
    if amount.amount() < minimum || amount.amount() > maximum {
        return Err(SepaError::AmountOutOfRange { transfer, amount });
    }
    Ok(())
}

/// An identifier must already be in the basic set: it is matched by machines, never rewritten.
fn identifier(value: &str, field: Field) -> Result<String, SepaError> {
    if value.is_empty() {
        return Err(SepaError::Empty { field });
    }
    if let Some(character) = value.chars().find(|c| !is_epc_basic(*c)) {
        return Err(SepaError::UnsupportedCharacter { field, character });
    }
    let length = value.chars().count();
    if length > ID_MAX {
        return Err(SepaError::TooLong { field, length, max: ID_MAX });
    }
    // EPC format rule for references: a '/' may be neither first, last nor doubled.
    if value.starts_with('/') || value.ends_with('/') || value.contains("//") {
        return Err(SepaError::SlashInIdentifier { field, value: value.to_owned() });
    }
    Ok(value.to_owned())
}

/// Free text (names, remittance): trimmed, transliterated to the basic set, then measured.
fn latin_text(value: &str, field: Field, max: usize) -> Result<String, SepaError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(SepaError::Empty { field });
    }
    let mut text = String::with_capacity(trimmed.len());
    for character in trimmed.chars() {
        if is_epc_basic(character) {
            text.push(character);
        } else {
            let replacement = transliterate(character).ok_or(SepaError::UnsupportedCharacter { field, character })?;
            text.push_str(replacement);
        }
    }
    let length = text.chars().count();
    if length > max {
        return Err(SepaError::TooLong { field, length, max });
    }
    Ok(text)
}

/// The character set every SEPA bank must accept (EPC implementation guidelines, "Character set").
fn is_epc_basic(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '?' | ':' | '(' | ')' | '.' | ',' | '\'' | '+' | ' ')
}

/// Latin letters with diacritics lose them (the usual bank practice: a bank that supports only the
/// basic set converts them the same way); letters with no base letter are spelled out;
/// typographic marks become their plain form. Anything else (other scripts, '&', '@', '_', '€'…) has no faithful replacement
/// and is refused instead of guessed.
fn transliterate(c: char) -> Option<&'static str> {
    let plain = match c {
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'Æ' => "AE",
        'æ' => "ae",
        'Ç' | 'Ć' | 'Ĉ' | 'Ċ' | 'Č' => "C",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'Ď' | 'Đ' | 'Ð' => "D",
        'ď' | 'đ' | 'ð' => "d",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ĕ' | 'Ė' | 'Ę' | 'Ě' => "E",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'Ĝ' | 'Ğ' | 'Ġ' | 'Ģ' => "G",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'Ĥ' | 'Ħ' => "H",
        'ĥ' | 'ħ' => "h",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ĩ' | 'Ī' | 'Ĭ' | 'Į' | 'İ' => "I",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'Ĳ' => "IJ",
        'ĳ' => "ij",
        'Ĵ' => "J",
        'ĵ' => "j",
        'Ķ' => "K",
        'ķ' | 'ĸ' => "k",
        'Ĺ' | 'Ļ' | 'Ľ' | 'Ŀ' | 'Ł' => "L",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'Ñ' | 'Ń' | 'Ņ' | 'Ň' => "N",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' => "n",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ŏ' | 'Ő' => "O",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'Œ' => "OE",
        'œ' => "oe",
        'Ŕ' | 'Ŗ' | 'Ř' => "R",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'Ś' | 'Ŝ' | 'Ş' | 'Š' | 'Ș' => "S",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'Ţ' | 'Ť' | 'Ŧ' | 'Ț' => "T",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'Þ' => "TH",
        'þ' => "th",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ũ' | 'Ū' | 'Ŭ' | 'Ů' | 'Ű' | 'Ų' => "U",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'Ŵ' => "W",
        'ŵ' => "w",
        'Ý' | 'Ÿ' | 'Ŷ' => "Y",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'Ź' | 'Ż' | 'Ž' => "Z",
        'ź' | 'ż' | 'ž' => "z",
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{00B4}' | '`' => "'",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' => "-",
        '\u{00A0}' | '\u{202F}' => " ",
        _ => return None,
    };
    Some(plain)
}

/// An account element: `<tag><Id><IBAN>…</IBAN></Id></tag>`.
fn account(xml: &mut XmlWriter, tag: &'static str, iban: &Iban) {
    xml.open(tag, &[]);
    xml.open("Id", &[]);
    xml.leaf("IBAN", &[], iban.as_str());
    xml.close();
    xml.close();
}

/// One credit transfer.
fn transfer_element(xml: &mut XmlWriter, transfer: &CheckedTransfer<'_>) {
    xml.open("CdtTrfTxInf", &[]);
    xml.open("PmtId", &[]);
    xml.leaf("EndToEndId", &[], &transfer.end_to_end_id);
    xml.close();
    xml.open("Amt", &[]);
    xml.leaf("InstdAmt", &[("Ccy", "EUR")], &transfer.source.amount.amount().to_string());
    xml.close();
    // EPC usage rule: without a BIC the 'Creditor Agent' structure is left out.
    if let Some(bic) = &transfer.source.creditor_bic {
        xml.open("CdtrAgt", &[]);
        xml.open("FinInstnId", &[]);
        xml.leaf("BICFI", &[], bic.as_str());
        xml.close();
        xml.close();
    }
    xml.open("Cdtr", &[]);
    xml.leaf("Nm", &[], &transfer.creditor_name);
    xml.close();
    account(xml, "CdtrAcct", &transfer.source.creditor_iban);
    xml.open("Purp", &[]);
    xml.leaf("Cd", &[], "SALA");
    xml.close();
    if let Some(remittance) = &transfer.remittance {
        xml.open("RmtInf", &[]);
        xml.leaf("Ustrd", &[], remittance);
        xml.close();
    }
    xml.close();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_ligatures_become_basic_latin() {
        let name = latin_text("  Hélène Łukasz-Müßig Œuvre ", Field::DebtorName, NAME_MAX).unwrap();
        assert_eq!(name, "Helene Lukasz-Mussig OEuvre");
        assert_eq!(latin_text("Ștefan O’Brien – Ærø", Field::DebtorName, NAME_MAX).unwrap(), "Stefan O'Brien - AEro");
    }

    #[test]
    fn characters_without_a_faithful_replacement_are_refused() {
        for (text, character) in [("Smith & Co", '&'), ("Иван", 'И'), ("a_b", '_'), ("10 €", '€'), ("x\ny", '\n')]
        {
            assert_eq!(
                latin_text(text, Field::DebtorName, NAME_MAX),
                Err(SepaError::UnsupportedCharacter { field: Field::DebtorName, character }),
                "{text:?}"
            );
        }
    }

    #[test]
    fn length_is_measured_after_transliteration() {
        // 36 'ß' fit in 70 characters as typed, but not once each becomes "ss" (72).
        let text = "ß".repeat(36);
        assert_eq!(
            latin_text(&text, Field::DebtorName, NAME_MAX),
            Err(SepaError::TooLong { field: Field::DebtorName, length: 72, max: NAME_MAX })
        );
    }

    #[test]
    fn identifiers_are_checked_not_rewritten() {
        assert_eq!(identifier("PAY-2026-11/42", Field::MessageId).unwrap(), "PAY-2026-11/42");
        assert_eq!(
            identifier("paie-é", Field::MessageId),
            Err(SepaError::UnsupportedCharacter { field: Field::MessageId, character: 'é' })
        );
        for bad in ["/A", "A/", "A//B"] {
            assert_eq!(
                identifier(bad, Field::MessageId),
                Err(SepaError::SlashInIdentifier { field: Field::MessageId, value: bad.into() })
            );
        }
        assert_eq!(identifier("", Field::MessageId), Err(SepaError::Empty { field: Field::MessageId }));
        assert_eq!(
            identifier(&"A".repeat(36), Field::MessageId),
            Err(SepaError::TooLong { field: Field::MessageId, length: 36, max: ID_MAX })
        );
    }

    #[test]
    fn every_xml_special_character_is_escaped() {
        let out = crate::xml::escape("<a href=\"x\">O'Neil & co</a>");
        assert_eq!(out, "&lt;a href=&quot;x&quot;&gt;O&apos;Neil &amp; co&lt;/a&gt;");
    }

    #[test]
    fn the_epc_basic_set_is_exactly_the_rulebook_list() {
        let allowed: String = (' '..='~').filter(|c| is_epc_basic(*c)).filter(|c| !c.is_ascii_alphanumeric()).collect();
        assert_eq!(allowed, " '()+,-./:?");
    }
}
