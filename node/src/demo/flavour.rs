//! What makes a demo office look like its country: names, cities, clients' VAT numbers,
//! members' national numbers, VAT rates and worker kinds. The demo's operations are the
//! same in every country; only this data changes, chosen by `node.country`.

use chrono::NaiveDate;
use rand::rngs::StdRng;
use rand::Rng;
use rust_decimal::Decimal;

/// A country's demo data.
pub(super) struct Flavour {
    /// ISO 3166 code of the office's country (clients, work places, addresses).
    pub country: &'static str,
    pub women: &'static [&'static str],
    pub men: &'static [&'static str],
    pub surnames: &'static [&'static str],
    /// (postal code, city).
    pub cities: &'static [(&'static str, &'static str)],
    /// Kinds of business clients, before their city.
    pub businesses: &'static [&'static str],
    /// Members' languages, five draws.
    pub languages: [&'static str; 5],
    /// Countries of foreign business clients (reverse charge), four draws.
    pub foreign: [&'static str; 4],
    /// The courier platform: name, street, postal code, city.
    pub platform: (&'static str, &'static str, &'static str, &'static str),
    /// VAT rates in percent: standard, and the reduced one some artistic work takes.
    pub standard_vat: Decimal,
    pub reduced_vat: Decimal,
    /// A valid VAT number of a business of the country.
    pub vat_number: fn(&mut StdRng) -> String,
    /// The i-th member's national identification number and birth date.
    pub national_number: fn(usize) -> (String, NaiveDate),
    /// Members' home streets: (street, postal code, city).
    pub streets: &'static [(&'static str, &'static str, &'static str)],
    /// Worker kinds of declared work, of platform couriers and of stabilised contracts;
    /// None: the pack's payroll categories (all, the first, the first).
    pub categories: Option<([&'static str; 3], &'static str, &'static str)>,
    /// Where the stage directors of stabilised contracts work.
    pub capital: &'static str,
    /// The i-th member's IBAN, of a bank of the country.
    pub iban: fn(usize) -> String,
    /// The motive (code of the pack's list, detail) of declared per-performance work; None where
    /// the country asks none.
    pub motive: Option<(&'static str, &'static str)>,
    /// The motive (code, detail) the platform couriers' hourly contracts state, given at their
    /// enrolment; None where the country asks none.
    pub platform_motive: Option<(&'static str, &'static str)>,
    /// The worker's classification in the collective agreement (declared work, platform
    /// couriers, stabilised contracts), where the country prints it (France: R3243-1, 4°).
    pub classification: Option<[&'static str; 3]>,
}

impl Flavour {
    /// The demo data of `country`; Belgium's for a country without its own.
    pub fn of(country: &str) -> &'static Flavour {
        match country {
            "FR" => &FRANCE,
            _ => &BELGIUM,
        }
    }
}

/// A valid Belgian VAT number: BE0 + 7 digits + 2 check digits (97 - n mod 97).
pub(super) fn be_vat(rng: &mut StdRng) -> String {
    let base: u64 = rng.random_range(2_000_000..9_999_999);
    let check = 97 - (base % 97);
    format!("BE0{base:07}{check:02}")
}

fn luhn_check_digit(body: &str) -> u32 {
    // The digit that makes the Luhn sum of body + digit a multiple of 10.
    let sum: u32 = body
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

/// A valid French VAT number: FR + key + a nine-digit company number whose last digit is its
/// Luhn check, the key being (12 + 3 × (number mod 97)) mod 97.
pub(super) fn fr_vat(rng: &mut StdRng) -> String {
    let body = format!("{:08}", rng.random_range(30_000_000..99_999_999u32));
    let number = format!("{body}{}", luhn_check_digit(&body));
    let n: u64 = number.parse().unwrap_or(0);
    format!("FR{:02}{number}", (12 + 3 * (n % 97)) % 97)
}

/// The RIB key of a French bank account: 97 − ((89 × bank + 15 × branch + 3 × account) mod 97),
/// the account's letters read as digits (A and J as 1, B, K and S as 2...), as the Banque de
/// France's RIB (relevé d'identité bancaire) defines it.
pub(super) fn rib_key(bank: &str, branch: &str, account: &str) -> Option<u64> {
    let digits = |text: &str| -> Option<u64> {
        text.chars().try_fold(0u64, |acc, c| {
            let d = match c {
                '0'..='9' => c.to_digit(10),
                'A'..='I' => Some(u32::from(c) - u32::from('A') + 1),
                'J'..='R' => Some(u32::from(c) - u32::from('J') + 1),
                'S'..='Z' => Some(u32::from(c) - u32::from('S') + 2),
                _ => None,
            }?;
            acc.checked_mul(10)?.checked_add(u64::from(d))
        })
    };
    let sum = (89 * (digits(bank)? % 97) + 15 * (digits(branch)? % 97) + 3 * (digits(account)? % 97)) % 97;
    Some(97 - sum)
}

/// The i-th French member's IBAN: FR, the ISO 13616 check digits, then the RIB (bank 30006,
/// branch 00001, an 11-digit account number from `i` and its RIB key).
pub(super) fn fr_iban(i: usize) -> String {
    let account = format!("{:011}", 40_000_000_000u64 + u64::try_from(i).unwrap_or(0));
    let (bank, branch) = ("30006", "00001");
    let key = rib_key(bank, branch, &account).unwrap_or(0);
    let bban = format!("{bank}{branch}{account}{key:02}");
    // ISO 13616: move "FR00" to the end, letters to numbers (F = 15, R = 27), mod 97.
    let m = format!("{bban}152700").bytes().fold(0u64, |acc, b| (acc * 10 + u64::from(b - b'0')) % 97);
    format!("FR{:02}{bban}", 98 - m)
}

/// The i-th French member's social security number and birth date: sex, year and month of
/// birth, born in Paris 11e (75 111), an order number, and the key 97 − (number mod 97).
pub(super) fn fr_national_number(i: usize) -> (String, NaiveDate) {
    let day = u64::try_from(i / 997).unwrap_or(0);
    let order = u64::try_from(i % 997).unwrap_or(0) + 1;
    let base = NaiveDate::from_ymd_opt(1980, 1, 1).unwrap_or_default();
    let birth = base.checked_add_days(chrono::Days::new(day % 7_000)).unwrap_or(base);
    let sex = if i.is_multiple_of(2) { 2 } else { 1 };
    let head = format!("{sex}{}75111{order:03}", birth.format("%y%m"));
    let n: u64 = head.parse().unwrap_or(0);
    (format!("{head}{:02}", 97 - n % 97), birth)
}

static BELGIUM: Flavour = Flavour {
    country: "BE",
    women: &[
        "Emma",
        "Olivia",
        "Louise",
        "Mila",
        "Alice",
        "Juliette",
        "Elena",
        "Marie",
        "Sofia",
        "Lina",
        "Nora",
        "Camille",
        "Anna",
        "Lucie",
        "Fien",
        "Noor",
        "Charlotte",
        "Sarah",
        "Lena",
        "Ines",
    ],
    men: &[
        "Noah", "Arthur", "Louis", "Liam", "Lucas", "Adam", "Jules", "Victor", "Gabriel", "Mohamed", "Finn", "Leon",
        "Hugo", "Nathan", "Thomas", "Milan", "Vic", "Wout", "Lars", "Rayan",
    ],
    surnames: &[
        "Peeters",
        "Janssens",
        "Maes",
        "Jacobs",
        "Mertens",
        "Willems",
        "Claes",
        "Goossens",
        "Wouters",
        "De Smet",
        "Dubois",
        "Lambert",
        "Dupont",
        "Martin",
        "Simon",
        "Laurent",
        "Leclercq",
        "Renard",
        "Hermans",
        "Vermeulen",
        "El Amrani",
        "Benali",
        "Nowak",
        "Rossi",
    ],
    cities: &[
        ("1000", "Bruxelles"),
        ("2000", "Antwerpen"),
        ("9000", "Gent"),
        ("4000", "Liège"),
        ("1060", "Saint-Gilles"),
        ("3000", "Leuven"),
        ("6000", "Charleroi"),
        ("8000", "Brugge"),
        ("5000", "Namur"),
        ("7000", "Mons"),
        ("3500", "Hasselt"),
        ("1348", "Louvain-la-Neuve"),
    ],
    businesses: &["Théâtre", "Centre culturel", "Studio", "Festival", "Agence", "Brasserie", "Asbl", "Bureau"],
    languages: ["fr", "nl", "nl", "fr", "en"],
    foreign: ["FR", "NL", "DE", "LU"],
    platform: ("Rapido Delivery SRL", "Boulevard du Midi 12", "1000", "Bruxelles"),
    standard_vat: Decimal::from_parts(21, 0, 0, false, 0),
    reduced_vat: Decimal::from_parts(6, 0, 0, false, 0),
    vat_number: be_vat,
    national_number: crate::drill::national_number,
    streets: &[
        ("Rue Haute", "1000", "Bruxelles"),
        ("Chaussée de Gand", "1080", "Molenbeek-Saint-Jean"),
        ("Avenue Louise", "1050", "Ixelles"),
        ("Kerkstraat", "1020", "Laken"),
    ],
    categories: Some((["white-collar", "artist", "manual"], "manual", "white-collar")),
    capital: "Bruxelles",
    iban: crate::drill::iban,
    motive: None,
    platform_motive: None,
    classification: None,
};

static FRANCE: Flavour = Flavour {
    country: "FR",
    women: &[
        "Louise", "Jade", "Ambre", "Emma", "Alice", "Rose", "Anna", "Lina", "Mia", "Léa", "Chloé", "Inès", "Camille",
        "Manon", "Zoé", "Juliette", "Lucie", "Sarah", "Nour", "Agathe",
    ],
    men: &[
        "Gabriel", "Raphaël", "Léo", "Louis", "Maël", "Noah", "Jules", "Arthur", "Adam", "Lucas", "Hugo", "Sacha",
        "Gabin", "Nathan", "Paul", "Mohamed", "Tom", "Théo", "Yanis", "Victor",
    ],
    surnames: &[
        "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent", "Simon",
        "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard", "Benali", "Nguyen",
        "Da Silva", "Haddad",
    ],
    cities: &[
        ("75011", "Paris"),
        ("69001", "Lyon"),
        ("13001", "Marseille"),
        ("59000", "Lille"),
        ("33000", "Bordeaux"),
        ("44000", "Nantes"),
        ("34000", "Montpellier"),
        ("31000", "Toulouse"),
        ("67000", "Strasbourg"),
        ("35000", "Rennes"),
        ("84000", "Avignon"),
        ("93200", "Saint-Denis"),
    ],
    businesses: &["Théâtre", "Compagnie", "Studio", "Festival", "Agence", "Scène nationale", "Association", "Bureau"],
    languages: ["fr", "fr", "fr", "fr", "en"],
    foreign: ["BE", "NL", "DE", "LU"],
    platform: ("Rapido Livraison SAS", "12 rue de la Roquette", "75011", "Paris"),
    standard_vat: Decimal::from_parts(20, 0, 0, false, 0),
    // 5.5 %: the rate of admission to live performances (CGI art. 278-0 bis, F).
    reduced_vat: Decimal::from_parts(55, 0, 0, false, 1),
    vat_number: fr_vat,
    national_number: fr_national_number,
    streets: &[
        ("rue Oberkampf", "75011", "Paris"),
        ("rue de la République", "69002", "Lyon"),
        ("cours Julien", "13006", "Marseille"),
        ("rue Nationale", "59000", "Lille"),
    ],
    // The general regime's kinds only: the pack refuses artists from May 2025, a rate of theirs
    // being unsourced, and the demo pays the last weeks.
    categories: Some((["non-cadre", "cadre", "non-cadre"], "non-cadre", "non-cadre")),
    capital: "Paris",
    iban: fr_iban,
    // A client's one-off order is a temporary increase of the cooperative's activity (Code du
    // travail L1242-2, 2°), stated precisely as L1242-12 asks.
    motive: Some(("activity_increase", "prestation ponctuelle commandée par un client de l'activité")),
    // The couriers' shifts are the platform's orders of deliveries, the same case.
    platform_motive: Some(("activity_increase", "courses de livraison commandées par la plateforme partenaire")),
    // Illustrative positions in a classification grid (the demo's agreements are not read):
    // the payslip and contract then show the line R3243-1, 4° asks for filled in.
    classification: Some(["Niveau 2, échelon 1", "Niveau 1, échelon 1", "Cadre, niveau 5"]),
};

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn french_demo_numbers_carry_their_check_digits() {
        let mut rng = StdRng::seed_from_u64(1);
        for _ in 0..50 {
            let vat = fr_vat(&mut rng);
            let number: u64 = vat[4..].parse().unwrap();
            assert_eq!(vat[2..4].parse::<u64>().unwrap(), (12 + 3 * (number % 97)) % 97, "{vat}");
        }
        let (n, birth) = fr_national_number(1000);
        assert_eq!(n.len(), 15);
        let head: u64 = n[..13].parse().unwrap();
        assert_eq!(n[13..].parse::<u64>().unwrap(), 97 - head % 97);
        assert_eq!(&n[1..5], birth.format("%y%m").to_string());
    }

    /// The RIB key against two published RIBs: the French example of the SWIFT IBAN registry
    /// (FR14 2004 1010 0505 0001 3M02 606: bank 20041, branch 01005, account 0500013M026, key 06)
    /// and the demo office's own account (FR76 3000 6000 0112 3456 7890 189, key 89).
    #[test]
    fn the_rib_key_matches_published_ribs() {
        assert_eq!(rib_key("20041", "01005", "0500013M026"), Some(6));
        assert_eq!(rib_key("30006", "00001", "12345678901"), Some(89));
        assert_eq!(rib_key("30006", "00001", "1234567890!"), None);
    }

    #[test]
    fn french_demo_ibans_are_french_with_both_check_digits() {
        for i in [0, 1, 96, 97, 21_999] {
            let iban = fr_iban(i);
            assert!(iban.starts_with("FR") && iban.len() == 27, "{iban}");
            // ISO 13616 mod 97 (core's parser checks it) and the RIB key of the last two digits.
            let parsed = partage_core::bank::Iban::parse(&iban).unwrap();
            assert_eq!(parsed.country_code(), "FR");
            let key: u64 = iban[25..].parse().unwrap();
            assert_eq!(rib_key(&iban[4..9], &iban[9..14], &iban[14..25]), Some(key), "{iban}");
        }
        assert_ne!(fr_iban(1), fr_iban(2));
    }
}
