//! The Plan comptable général (PCG, règlement ANC n° 2014-03 relatif au plan comptable
//! général, livre II "liste des comptes", as amended by règlement ANC n° 2022-06 in force for
//! years opened from 1 January 2025): where each of the journal's accounts is kept, for
//! statements and the trial balance. Sub-accounts are used where the PCG lists one for
//! exactly that purpose (44571, 4421, 4282, 4562), the class-3 digit account otherwise.

use partage_core::ledger::AccountKind;

/// The PCG account of `kind`.
pub fn account(kind: AccountKind) -> &'static str {
    match kind {
        // 1013 Capital souscrit – appelé, versé: members' paid shares.
        AccountKind::ShareCapital => "1013",
        // A reserve for risks the fee finances, like the Belgian pack's provision:
        // 151 Provisions pour risques.
        AccountKind::GuaranteeFund => "151",
        AccountKind::ClientReceivables => "411",
        // 4562 Apporteurs – capital appelé, non versé.
        AccountKind::SharesReceivable => "4562",
        // 44571 TVA collectée.
        AccountKind::VatPayable => "44571",
        // Owed to the member as salary or expenses: 467 Autres comptes débiteurs ou créditeurs.
        AccountKind::ActivityBudget => "467",
        // 512 Banques.
        AccountKind::Bank => "512",
        // 706 Prestations de services.
        AccountKind::FeeIncome => "706",
        // 4421 Prélèvements à la source (impôt sur le revenu).
        AccountKind::WithholdingTaxPayable => "4421",
        // 431 Sécurité sociale (URSSAF).
        AccountKind::SocialSecurityPayable => "431",
        // 421 Personnel – rémunérations dues.
        AccountKind::WagesPayable => "421",
        // 4282 Dettes provisionnées pour congés à payer.
        AccountKind::HolidayPayProvision => "4282",
        // 758 Produits divers de gestion courante.
        AccountKind::PayrollMargin => "758",
        // 451 Groupe: the PCG's current account with the other entities of a group, debited
        // with what the entity advanced to them and credited with what they made available to
        // it (PCG, fonctionnement des comptes, compte 451). One account takes both sides; the
        // balance sheet shows a debit balance among other receivables, a credit one among
        // other debts. So both of the journal's inter-office accounts are kept in 451.
        AccountKind::DueFromOffices | AccountKind::DueToOffices => "451",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_account_has_its_own_pcg_number_in_its_class() {
        let numbers: std::collections::BTreeSet<&str> = AccountKind::ALL.into_iter().map(account).collect();
        // 451 Groupe keeps both sides of the inter-office accounts; every other account is its own.
        assert_eq!(numbers.len(), AccountKind::ALL.len() - 1);
        assert_eq!(account(AccountKind::DueFromOffices), "451");
        assert_eq!(account(AccountKind::DueToOffices), "451");
        for kind in AccountKind::ALL {
            let n = account(kind);
            assert!(n.len() >= 3 && n.bytes().all(|b| b.is_ascii_digit()), "{kind:?}: {n}");
        }
        // Class 4 for third parties, 5 for cash, 7 for income, 1 for equity and provisions.
        assert_eq!(account(AccountKind::ClientReceivables), "411");
        assert_eq!(account(AccountKind::VatPayable), "44571");
        assert_eq!(account(AccountKind::WagesPayable), "421");
        assert_eq!(account(AccountKind::SocialSecurityPayable), "431");
        assert_eq!(account(AccountKind::WithholdingTaxPayable), "4421");
        assert_eq!(account(AccountKind::Bank), "512");
        assert!(account(AccountKind::FeeIncome).starts_with('7'));
        assert!(account(AccountKind::ShareCapital).starts_with('1'));
    }
}
