//! The enterprise court of the seat, named in the document's language.
//!
//! The Code of companies and associations art. 2:20 asks a company's invoices and letters for
//! "RPM"/"RPR"/"RJP" followed by the seat of the court it is registered with; the node
//! configures that court once (`entity.court`, e.g. "Bruxelles"), so a Dutch or German
//! document would otherwise name a Brussels court in French. Where the court's town has
//! another name in the document's language ("Bruxelles", "Brussel", "Brüssel") the pack prints
//! that one; a court this table does not know prints as configured, and so does English,
//! which has no legal standing in Belgium and whose line keeps the register's French and Dutch
//! words.
//!
//! Sources: the nine enterprise courts, one per court of appeal's area, as the courts' own
//! German page names them: "Antwerpen, flämischsprachiges Brüssel, französischsprachiges
//! Brüssel, Löwen, Gent, Eupen, Lüttich, Hennegau und Wallonisch-Brabant"
//! (https://www.rechtbanken-tribunaux.be/de/gerichte-und-gerichtsh%C3%B6fe/unternehmensgericht).
//! Their French and Dutch names, and the seats of the divisions whose French and Dutch names
//! differ (Mons/Bergen, Namur/Namen, Nivelles/Nijvel, Tournai/Doornik, Arlon/Aarlen, Huy/Hoei,
//! Bruges/Brugge, Courtrai/Kortrijk, Ypres/Ieper, Ostende/Oostende, Termonde/Dendermonde,
//! Audenarde/Oudenaarde, Malines/Mechelen, Tongres/Tongeren), are the towns' official names in
//! Belgium's two main languages; they were not re-read against the Judicial Code's annex on
//! judicial districts. German names a division's seat by its local name except where German
//! has its own established name (Brügge, Ostende); those German names were not checked
//! against the Belgisches Staatsblatt's German translation of that annex either.

/// (French, Dutch, German) names of a court's seat.
const COURTS: [(&str, &str, &str); 22] = [
    ("Anvers", "Antwerpen", "Antwerpen"),
    ("Bruxelles", "Brussel", "Brüssel"),
    ("Louvain", "Leuven", "Löwen"),
    ("Gand", "Gent", "Gent"),
    ("Eupen", "Eupen", "Eupen"),
    ("Liège", "Luik", "Lüttich"),
    ("Hainaut", "Henegouwen", "Hennegau"),
    ("Brabant wallon", "Waals-Brabant", "Wallonisch-Brabant"),
    ("Mons", "Bergen", "Mons"),
    ("Namur", "Namen", "Namur"),
    ("Nivelles", "Nijvel", "Nivelles"),
    ("Tournai", "Doornik", "Tournai"),
    ("Arlon", "Aarlen", "Arlon"),
    ("Huy", "Hoei", "Huy"),
    ("Bruges", "Brugge", "Brügge"),
    ("Courtrai", "Kortrijk", "Kortrijk"),
    ("Ypres", "Ieper", "Ieper"),
    ("Ostende", "Oostende", "Ostende"),
    ("Termonde", "Dendermonde", "Dendermonde"),
    ("Audenarde", "Oudenaarde", "Oudenaarde"),
    ("Malines", "Mechelen", "Mechelen"),
    ("Tongres", "Tongeren", "Tongeren"),
];

/// A name compared without case, accents or surrounding spaces: "Liege" is "Liège".
fn key(name: &str) -> String {
    name.trim()
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' | 'É' | 'È' => 'e',
            'ü' | 'Ü' => 'u',
            'ö' | 'Ö' => 'o',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The court `configured` in `language` (a BCP 47 tag: `fr`, `nl-BE`, `de`): its name there
/// when the table knows the court, else the configured text as it is. English, and any
/// language other than French, Dutch and German, keep the configured text.
pub fn court_in(configured: &str, language: &str) -> String {
    let primary = language.trim().split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
    let wanted = key(configured);
    let known = COURTS.iter().find(|(fr, nl, de)| [fr, nl, de].iter().any(|n| key(n) == wanted));
    match (known, primary.as_str()) {
        (Some((fr, _, _)), "fr") => (*fr).to_owned(),
        (Some((_, nl, _)), "nl") => (*nl).to_owned(),
        (Some((_, _, de)), "de") => (*de).to_owned(),
        _ => configured.trim().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_court_is_named_in_the_documents_language_whatever_language_it_was_configured_in() {
        assert_eq!(court_in("Bruxelles", "nl"), "Brussel");
        assert_eq!(court_in("Bruxelles", "de"), "Brüssel");
        assert_eq!(court_in("Brussel", "fr-BE"), "Bruxelles");
        assert_eq!(court_in("Lüttich", "fr"), "Liège");
        assert_eq!(court_in("Liege", "de"), "Lüttich");
        assert_eq!(court_in(" luik ", "de"), "Lüttich");
        assert_eq!(court_in("Mons", "nl"), "Bergen");
        assert_eq!(court_in("Namur", "nl"), "Namen");
        assert_eq!(court_in("Leuven", "de"), "Löwen");
        assert_eq!(court_in("Gand", "nl"), "Gent");
        assert_eq!(court_in("Eupen", "fr"), "Eupen");
    }

    #[test]
    fn an_unknown_court_or_another_language_prints_as_configured() {
        assert_eq!(court_in("Liège, division Namur", "de"), "Liège, division Namur");
        assert_eq!(court_in("Paris", "fr"), "Paris");
        assert_eq!(court_in("Bruxelles", "en"), "Bruxelles");
        assert_eq!(court_in("Brussel", "it"), "Brussel");
    }

    #[test]
    fn every_court_is_known_by_each_of_its_names() {
        for (fr, nl, de) in COURTS {
            for name in [fr, nl, de] {
                assert_eq!(court_in(name, "fr"), fr);
                assert_eq!(court_in(name, "nl"), nl);
                assert_eq!(court_in(name, "de"), de);
            }
        }
    }
}
