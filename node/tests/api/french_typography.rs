//! French spacing in the node's French catalogues: a no-break space before `:` and inside « »,
//! a narrow one before `;` `?` `!`, so no page or problem breaks a line before the sign.

use partage_pack_conformance::typography::french_spacing_faults;

const FRENCH: [(&str, &str); 2] = [
    ("node/locales/fr/pages.ftl", include_str!("../../locales/fr/pages.ftl")),
    ("node/locales/fr/problems.ftl", include_str!("../../locales/fr/problems.ftl")),
];

#[test]
fn french_strings_keep_the_sign_on_the_line_of_its_word() {
    let faults: Vec<String> =
        FRENCH.iter().flat_map(|(file, text)| french_spacing_faults(file, text)).map(|f| f.to_string()).collect();
    assert!(faults.is_empty(), "French spacing:\n{}", faults.join("\n"));
}
