//! The Belgian minimum chart of accounts (PCMN / MAR, royal decree of 21 October 2018
//! implementing the Code of companies and associations): where each of the journal's
//! accounts is kept, for statements and the trial balance.

use partage_core::ledger::AccountKind;

/// The PCMN class or account of `kind`.
pub fn account(kind: AccountKind) -> &'static str {
    match kind {
        AccountKind::ShareCapital => "100",
        // A reserve financed by its share of the fee: provisions for risks and charges.
        AccountKind::GuaranteeFund => "160",
        AccountKind::ClientReceivables => "400",
        AccountKind::SharesReceivable => "416",
        AccountKind::VatPayable => "451",
        // Owed to the member as salary or expenses: other debts.
        AccountKind::ActivityBudget => "489",
        AccountKind::Bank => "550",
        AccountKind::FeeIncome => "700",
        AccountKind::WithholdingTaxPayable => "453",
        AccountKind::SocialSecurityPayable => "454",
        AccountKind::WagesPayable => "455",
        AccountKind::HolidayPayProvision => "456",
        // Other operating income.
        AccountKind::PayrollMargin => "740",
        // What another office of the group owes: the PCMN has no current account with group
        // companies in class 4 (only class 28's long-term claims on affiliated enterprises), so
        // a claim due within the year is an other receivable, 41, 416 Créances diverses /
        // Diverse vorderingen, and a debt a miscellaneous one, 48, 489 Autres dettes diverses /
        // Andere diverse schulden. 416 and 489 themselves already keep the members' unpaid
        // shares and the budgets, so each gets a subdivision of its own, as the minimum chart
        // lets a company subdivide its accounts; the annual accounts' notes then show them as
        // amounts on affiliated enterprises.
        AccountKind::DueFromOffices => "4161",
        AccountKind::DueToOffices => "4891",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_account_has_its_own_pcmn_number_of_three_digits() {
        let numbers: std::collections::BTreeSet<&str> = AccountKind::ALL.into_iter().map(account).collect();
        assert_eq!(numbers.len(), AccountKind::ALL.len());
        let offices = [AccountKind::DueFromOffices, AccountKind::DueToOffices].map(account);
        assert!(
            numbers
                .iter()
                .filter(|n| !offices.contains(n))
                .all(|n| n.len() == 3 && n.bytes().all(|b| b.is_ascii_digit())),
            "{numbers:?}"
        );
        // The inter-office accounts: subdivisions of other receivables (41) and miscellaneous debts (48).
        assert_eq!(offices, ["4161", "4891"]);
        assert_eq!(account(AccountKind::Bank), "550");
        assert_eq!(account(AccountKind::ActivityBudget), "489");
    }
}
