//! Which state's social-security legislation applies to work done abroad, under the EU
//! coordination rules: Regulation (EC) No 883/2004 (the "basic Regulation"), Title II, and its
//! implementing Regulation (EC) No 987/2009, Title II. Country-neutral: states are ISO codes,
//! dates are arguments, amounts are `Money`.
//!
//! The rules applied, in the order [`decide`] tries them:
//!
//! 1. **Posting**, 883/2004 Art. 12(1): "A person who pursues an activity as an employed person
//!    in a Member State on behalf of an employer which normally carries out its activities there
//!    and who is posted by that employer to another Member State to perform work on that
//!    employer's behalf shall continue to be subject to the legislation of the first Member
//!    State, provided that the anticipated duration of such work does not exceed twenty-four
//!    months and that he is not sent to replace another person." (text read on gov.uk's HMRC
//!    manual NIM33075, which quotes the Regulation; EUR-Lex itself was not reached). 987/2009
//!    Art. 14(1) and (2) (read on european-employers.eu, quoting the Official Journal) say what
//!    "normally carries out its activities there" means (substantial activities, not purely
//!    internal management) and that a worker recruited to be posted must have been subject to
//!    the sending state's legislation immediately before. A cooperative employing its members in
//!    its own country meets the first by what it is; the second is assumed (the member works
//!    under the node's legislation), not checked here.
//! 2. **Pursuit of activity in two or more Member States**, 883/2004 Art. 13(1): a person who
//!    normally works in two or more states is subject (a) to the legislation of the state of
//!    residence if they pursue a substantial part of their activity there, (b)(i) otherwise to
//!    that of the state of the registered office or place of business of the undertaking
//!    employing them (cases (b)(ii)-(iv), several employers, do not arise: the cooperative is
//!    the one employer). Art. 13's wording was read in secondary sources only (Legal 500,
//!    Slovak ministry of labour, CJEU C-203/24 summaries), not on EUR-Lex.
//!    - "normally pursues" (987/2009 Art. 14(5)): simultaneously or in alternation, one or more
//!      separate activities in two or more states; 14(5b): marginal activities are disregarded
//!      for Art. 13 (the Practical Guide of the Administrative Commission puts the margin under
//!      5 % of working time and/or remuneration; 14(5), (5b) and (7) read in their Dutch version
//!      quoted by the Hoge Raad, ECLI:NL:PHR:2015:397).
//!    - "substantial part" (987/2009 Art. 14(8)): a quantitatively substantial part, not
//!      necessarily the major part; indicative criteria for an employed person: working time
//!      and/or remuneration; "a share of less than 25 % in respect of the criteria mentioned
//!      above shall be an indicator that a substantial part of the activities is not being
//!      pursued" (quoted by Legal 500; the CJEU, C-203/24 KN v SVB, 4 September 2025, held that
//!      only working time and remuneration count). Here a part is substantial when **either**
//!      its share of working time **or** its share of remuneration reaches 25 %: both under
//!      25 % is what the Regulation calls the indicator of "not substantial".
//!    - the period (987/2009 Art. 14(10)): the situation projected over the following 12
//!      calendar months (confirmed by the C-203/24 summaries; the paragraph itself was not
//!      read). The caller gives the work of that period; [`Situation`] says which.
//! 3. **Lex loci laboris**, 883/2004 Art. 11(3)(a): otherwise, the person working in a state is
//!    subject to its legislation (not read at its source here; the general rule every source
//!    above restates). When the declared work is marginal beside the one state where the member
//!    normally works, that state's legislation covers it (a person is subject to one legislation
//!    at a time, Art. 11(1)): a reading of the Practical Guide, not a text.
//!
//! The decision is the employer's assessment, to prepare the request: the A1 certificate is
//! issued by the competent institution (987/2009 Art. 15 for a posting, on the employer's
//! information; Art. 16 for work in two or more states, where the institution of the state of
//! residence determines the legislation, provisionally at first; neither article was read at
//! its source here). Outside the states applying the Regulation there is nothing to decide: a
//! bilateral agreement or national law governs, and [`decide`] refuses rather than guesses.

use crate::client::CountryCode;
use crate::money::{Currency, Money, Rate};
use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// States applying Regulation 883/2004: the 27 member states, the EEA states (Iceland,
/// Liechtenstein, Norway, by the EEA Agreement) and Switzerland (by the Agreement on the free
/// movement of persons, Annex II). The United Kingdom applies its own protocol since 2021 and is
/// not among them.
pub const COORDINATED_STATES: [&str; 31] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV",
    "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "IS", "LI", "NO", "CH",
];

/// Whether Regulation 883/2004 applies in `state`.
pub fn coordinated(state: CountryCode) -> bool {
    COORDINATED_STATES.contains(&state.as_str())
}

/// 883/2004 Art. 12(1): a posting lasts at most twenty-four months.
pub const POSTING_MONTHS: u32 = 24;

/// 987/2009 Art. 14(8): a share of 25 % of working time or remuneration is substantial.
pub fn substantial_share() -> Rate {
    Rate(Decimal::new(25, 2))
}

/// 987/2009 Art. 14(5b) and the Practical Guide: under 5 % of both working time and
/// remuneration, an activity is marginal and disregarded for Art. 13.
pub fn marginal_share() -> Rate {
    Rate(Decimal::new(5, 2))
}

/// 987/2009 Art. 14(10): the reference period is twelve calendar months.
pub const REFERENCE_MONTHS: u32 = 12;

/// The article a decision applies; its text is the article's reference as A1 forms print it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Article {
    /// 883/2004 Art. 11(3)(a): the state where the work is done.
    LexLociLaboris,
    /// 883/2004 Art. 12(1): a posted worker stays under the sending state's legislation.
    Posting,
    /// 883/2004 Art. 13(1)(a): work in two or more states, a substantial part in the state of residence.
    Residence,
    /// 883/2004 Art. 13(1)(b)(i): work in two or more states, no substantial part in the state
    /// of residence: the state of the employer's registered office.
    RegisteredOffice,
    /// 883/2004 Art. 16: an agreement between states derogating from Arts. 11-15 (an A1 may
    /// rest on one; [`decide`] never gives it).
    Agreement,
}

impl Article {
    /// Every article, in the order of the Regulation.
    pub const ALL: [Article; 5] =
        [Article::LexLociLaboris, Article::Posting, Article::Residence, Article::RegisteredOffice, Article::Agreement];

    /// The stable reference: `11(3)(a)`, `12(1)`, `13(1)(a)`, `13(1)(b)(i)`, `16(1)`.
    pub fn as_str(self) -> &'static str {
        match self {
            Article::LexLociLaboris => "11(3)(a)",
            Article::Posting => "12(1)",
            Article::Residence => "13(1)(a)",
            Article::RegisteredOffice => "13(1)(b)(i)",
            Article::Agreement => "16(1)",
        }
    }
}

impl fmt::Display for Article {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Article {
    type Err = LegislationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Article::ALL.into_iter().find(|a| a.as_str() == s).ok_or_else(|| LegislationError::UnknownArticle(s.into()))
    }
}

/// Why no legislation is decided.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LegislationError {
    /// The work is done in a state that does not apply Regulation 883/2004.
    #[error("{state} does not apply Regulation (EC) 883/2004: a bilateral agreement or national law decides")]
    OutsideCoordination {
        /// The state of work.
        state: CountryCode,
    },
    /// Amounts of work in different currencies cannot be weighed against each other.
    #[error("pay in {found} cannot be weighed against pay in {expected}")]
    Currency {
        /// The declared work's currency.
        expected: Currency,
        /// Another work's.
        found: Currency,
    },
    /// The declared work ends before it starts.
    #[error("the work ends on {last_day}, before it starts on {first_day}")]
    Period {
        /// First day.
        first_day: NaiveDate,
        /// Last day.
        last_day: NaiveDate,
    },
    /// A stored article reference is not one of [`Article::ALL`].
    #[error("'{0}' is not an article of Regulation 883/2004 that applies here")]
    UnknownArticle(String),
}

/// Work done or planned in one state over the reference period: its time and pay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkInState {
    /// Where the work is done.
    pub state: CountryCode,
    /// Hours worked.
    pub hours: Decimal,
    /// What the work pays (the same measure for every work: gross, or the budget it uses).
    pub pay: Money,
}

/// The work abroad the decision is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeclaredWork {
    /// Its time and pay, and where it is done.
    pub work: WorkInState,
    /// First day.
    pub first_day: NaiveDate,
    /// Last day (anticipated).
    pub last_day: NaiveDate,
    /// The worker is sent to replace another posted person (Art. 12(1) then does not apply).
    pub replaces_posted_worker: bool,
}

/// Everything the decision reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Situation {
    /// The member's state of residence (883/2004 Art. 1(j): habitual residence).
    pub residence: CountryCode,
    /// The state of the employer's registered office, where it normally carries out its activities.
    pub employer_state: CountryCode,
    /// The work being decided.
    pub declared: DeclaredWork,
    /// The member's other work over the reference period (987/2009 Art. 14(10): the 12 months
    /// projected; a caller that knows little of the future adds the 12 months before, as the
    /// Practical Guide allows, and says so). Its order does not matter.
    pub other_work: Vec<WorkInState>,
}

/// A share of the reference period's work in one state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Share {
    /// Of working time.
    pub time: Rate,
    /// Of remuneration.
    pub pay: Rate,
}

impl Share {
    /// 987/2009 Art. 14(8): substantial when working time or remuneration reaches 25 %.
    pub fn substantial(self) -> bool {
        self.time >= substantial_share() || self.pay >= substantial_share()
    }

    /// Marginal when both working time and remuneration are under 5 % (987/2009 Art. 14(5b)).
    pub fn marginal(self) -> bool {
        self.time < marginal_share() && self.pay < marginal_share()
    }

    /// The criterion that decides substantiality: the larger of time and pay.
    pub fn decisive(self) -> Rate {
        self.time.max(self.pay)
    }

    /// Whether the decisive share lies within `margin` of the 25 % line without having crossed
    /// it in the direction it moves: from below (`line − margin ≤ share < line`: a little more
    /// work in the state of residence makes it substantial) or from above (`line ≤ share <
    /// line + margin`: a little more work elsewhere makes it not).
    pub fn near_substantial_line(self, margin: Rate) -> bool {
        let line = substantial_share().0;
        let share = self.decisive().0;
        line - margin.0 <= share && share < line + margin.0
    }
}

/// The legislation decided and what it rests on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// The state whose legislation applies.
    pub state: CountryCode,
    /// The article applied.
    pub article: Article,
    /// The share of the reference period's work in the state of residence.
    pub residence_share: Share,
    /// Whether the 25 % line in the state of residence can change the legislation: only when
    /// the state of residence differs from the employer's and applies the Regulation (when they
    /// are the same, Art. 13(1)(a) and (b)(i) name the same state).
    pub line_matters: bool,
}

/// Decides the applicable legislation of a work abroad (see the module's documentation for
/// each rule and its source). Pure: the same situation, in whatever order its other work comes,
/// gives the same decision.
pub fn decide(situation: &Situation) -> Result<Decision, LegislationError> {
    let declared = &situation.declared;
    if declared.last_day < declared.first_day {
        return Err(LegislationError::Period { first_day: declared.first_day, last_day: declared.last_day });
    }
    let here = declared.work.state;
    if !coordinated(here) {
        return Err(LegislationError::OutsideCoordination { state: here });
    }
    let currency = declared.work.pay.currency();
    // Work outside the coordinated states is left out: the Regulation weighs activities in the
    // states it binds (whether a third country's work counts in the 25 % denominator is the
    // question of CJEU C-743/23, not followed here).
    let mut all: Vec<WorkInState> = vec![declared.work];
    for w in &situation.other_work {
        if w.pay.currency() != currency {
            return Err(LegislationError::Currency { expected: currency, found: w.pay.currency() });
        }
        if coordinated(w.state) {
            all.push(*w);
        }
    }
    let totals = per_state(&all);
    let others = per_state(&situation.other_work.iter().copied().filter(|w| coordinated(w.state)).collect::<Vec<_>>());
    let residence_share = share_of(&totals, situation.residence);
    let line_matters = situation.residence != situation.employer_state && coordinated(situation.residence);
    let decision = |state, article| Decision { state, article, residence_share, line_matters };

    // Art. 12(1): a posting from the employer's state, of at most 24 months, replacing no posted
    // person, by a worker who does not otherwise work in another state than the employer's
    // (the rest of the period's work abroad, if any, is marginal): else the work abroad is part
    // of a pattern of work in several states (987/2009 Art. 14(5) and (7)).
    let within_posting = declared
        .first_day
        .checked_add_months(Months::new(POSTING_MONTHS))
        .is_some_and(|limit| declared.last_day < limit);
    let abroad_otherwise = others
        .keys()
        .any(|state| *state != situation.employer_state && !share_of_total(&totals, &others, *state).marginal());
    if here != situation.employer_state && within_posting && !declared.replaces_posted_worker && !abroad_otherwise {
        return Ok(decision(situation.employer_state, Article::Posting));
    }

    // Art. 13(1): normally working in two or more states, marginal activities disregarded.
    let pursued: Vec<CountryCode> = totals.keys().copied().filter(|s| !share_of(&totals, *s).marginal()).collect();
    if pursued.len() >= 2 {
        if coordinated(situation.residence) && residence_share.substantial() {
            return Ok(decision(situation.residence, Article::Residence));
        }
        return Ok(decision(situation.employer_state, Article::RegisteredOffice));
    }

    // Art. 11(3)(a): the state where the work is done. When the declared work is itself
    // marginal beside the one state where the member normally works, that state's legislation
    // covers it (one legislation at a time, Art. 11(1); the marginal activity disregarded).
    let state = match pursued.as_slice() {
        [only] => *only,
        _ => here,
    };
    Ok(decision(state, Article::LexLociLaboris))
}

/// Hours and pay (as decimals in the one currency) per state.
fn per_state(work: &[WorkInState]) -> BTreeMap<CountryCode, (Decimal, Decimal)> {
    let mut out: BTreeMap<CountryCode, (Decimal, Decimal)> = BTreeMap::new();
    for w in work {
        let entry = out.entry(w.state).or_insert((Decimal::ZERO, Decimal::ZERO));
        entry.0 += w.hours.max(Decimal::ZERO);
        entry.1 += w.pay.amount().max(Decimal::ZERO);
    }
    out
}

/// A state's share of all the work in `totals`.
fn share_of(totals: &BTreeMap<CountryCode, (Decimal, Decimal)>, state: CountryCode) -> Share {
    share_of_total(totals, totals, state)
}

/// A state's work in `part` as a share of all the work in `totals`.
fn share_of_total(
    totals: &BTreeMap<CountryCode, (Decimal, Decimal)>,
    part: &BTreeMap<CountryCode, (Decimal, Decimal)>,
    state: CountryCode,
) -> Share {
    let (hours, pay) = totals.values().fold((Decimal::ZERO, Decimal::ZERO), |(h, p), (dh, dp)| (h + dh, p + dp));
    let (own_hours, own_pay) = part.get(&state).copied().unwrap_or((Decimal::ZERO, Decimal::ZERO));
    let ratio = |own: Decimal, all: Decimal| Rate(if all.is_zero() { Decimal::ZERO } else { own / all });
    Share { time: ratio(own_hours, hours), pay: ratio(own_pay, pay) }
}

/// An A1 portable document: the certificate of the legislation applicable to its holder
/// (987/2009 Art. 19(2)), issued by the competent institution of the state whose legislation
/// applies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct A1Certificate {
    /// The state whose institution issued it (and whose legislation it certifies).
    pub issuing_state: CountryCode,
    /// The article it rests on.
    pub article: Article,
    /// First day it covers.
    pub valid_from: NaiveDate,
    /// Last day it covers.
    pub valid_until: NaiveDate,
    /// Its number, as the institution gave it.
    pub reference: String,
}

impl A1Certificate {
    /// Whether it certifies `state`'s legislation for every day from `first_day` to `last_day`.
    pub fn covers(&self, state: CountryCode, first_day: NaiveDate, last_day: NaiveDate) -> bool {
        self.issuing_state == state && self.valid_from <= first_day && last_day <= self.valid_until
    }
}

/// Whether one of `certificates` certifies the decided legislation over the whole work.
pub fn a1_in_force(
    certificates: &[A1Certificate],
    state: CountryCode,
    first_day: NaiveDate,
    last_day: NaiveDate,
) -> bool {
    certificates.iter().any(|c| c.covers(state, first_day, last_day))
}

/// The reference period the node weighs a work of `first_day` against: the twelve months before
/// it and the twelve from it (987/2009 Art. 14(10) projects the next twelve; the past twelve stand
/// for the pattern a node cannot know of the future), as `[from, until)`.
pub fn reference_period(first_day: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        first_day.checked_sub_months(Months::new(REFERENCE_MONTHS))?,
        first_day.checked_add_months(Months::new(REFERENCE_MONTHS))?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cc(s: &str) -> CountryCode {
        CountryCode::parse(s).unwrap()
    }

    fn eur(amount: i64) -> Money {
        Money::from_minor(amount * 100, Currency::EUR)
    }

    fn work(state: &str, hours: i64, pay: i64) -> WorkInState {
        WorkInState { state: cc(state), hours: Decimal::from(hours), pay: eur(pay) }
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn abroad(state: &str, hours: i64, pay: i64, first: &str, last: &str) -> DeclaredWork {
        DeclaredWork {
            work: work(state, hours, pay),
            first_day: day(first),
            last_day: day(last),
            replaces_posted_worker: false,
        }
    }

    fn situation(residence: &str, declared: DeclaredWork, other: Vec<WorkInState>) -> Situation {
        Situation { residence: cc(residence), employer_state: cc("BE"), declared, other_work: other }
    }

    /// A Belgian resident, employed by the Belgian cooperative, plays three days in Lille and
    /// otherwise works only in Belgium: a posting (Art. 12(1)), Belgian legislation.
    #[test]
    fn a_short_gig_abroad_of_a_worker_otherwise_at_home_is_a_posting() {
        let s = situation("BE", abroad("FR", 24, 900, "2026-03-02", "2026-03-04"), vec![work("BE", 600, 20_000)]);
        let d = decide(&s).unwrap();
        assert_eq!((d.state, d.article), (cc("BE"), Article::Posting));
        assert!(!d.line_matters, "resident in the employer's state: the 25 % line changes nothing");
    }

    /// The same gig, the first work the member ever declares: still a posting (no other work to
    /// make it a pattern of work in several states).
    #[test]
    fn a_first_work_abroad_is_a_posting() {
        let d = decide(&situation("BE", abroad("FR", 8, 300, "2026-03-02", "2026-03-02"), vec![])).unwrap();
        assert_eq!((d.state, d.article), (cc("BE"), Article::Posting));
    }

    /// Work abroad planned for 24 months and a day exceeds Art. 12(1)'s limit: with no other
    /// work, the state of work's legislation (Art. 11(3)(a)).
    #[test]
    fn work_abroad_of_more_than_24_months_is_not_a_posting() {
        let s = situation("BE", abroad("FR", 3000, 90_000, "2026-01-01", "2028-01-01"), vec![]);
        let d = decide(&s).unwrap();
        assert_eq!((d.state, d.article), (cc("FR"), Article::LexLociLaboris));
        // 2026-01-01 to 2027-12-31 is exactly 24 months: a posting.
        let s = situation("BE", abroad("FR", 3000, 90_000, "2026-01-01", "2027-12-31"), vec![]);
        assert_eq!(decide(&s).unwrap().article, Article::Posting);
    }

    /// Replacing a posted person is excluded by Art. 12(1) itself.
    #[test]
    fn replacing_a_posted_worker_is_not_a_posting() {
        let mut declared = abroad("FR", 40, 1500, "2026-03-02", "2026-03-06");
        declared.replaces_posted_worker = true;
        let d = decide(&situation("BE", declared, vec![])).unwrap();
        assert_eq!((d.state, d.article), (cc("FR"), Article::LexLociLaboris));
    }

    /// A Belgian resident who works regularly in France (300 h of 1,000 before this gig) works
    /// in two states (Art. 13(1)); resident in Belgium with 70 % of the time there: Belgium,
    /// 13(1)(a).
    #[test]
    fn regular_work_in_two_states_with_a_substantial_part_at_home_is_the_residence_state() {
        let s = situation(
            "BE",
            abroad("FR", 8, 300, "2026-03-02", "2026-03-02"),
            vec![work("BE", 700, 21_000), work("FR", 292, 8_700)],
        );
        let d = decide(&s).unwrap();
        assert_eq!((d.state, d.article), (cc("BE"), Article::Residence));
        assert_eq!(d.residence_share.time, Rate(Decimal::new(7, 1)));
    }

    /// A French resident working for the Belgian cooperative, 80 % in Belgium and 20 % in France
    /// (time and pay): France is not substantial (under 25 % on both criteria), so the state of
    /// the registered office, Belgium (13(1)(b)(i)).
    #[test]
    fn work_in_two_states_without_a_substantial_part_at_home_is_the_registered_office() {
        let s = situation(
            "FR",
            abroad("FR", 40, 1_000, "2026-03-02", "2026-03-06"),
            vec![work("BE", 800, 20_000), work("FR", 160, 4_000)],
        );
        let d = decide(&s).unwrap();
        assert_eq!((d.state, d.article), (cc("BE"), Article::RegisteredOffice));
        assert_eq!(d.residence_share.time, Rate(Decimal::new(2, 1)));
        assert!(d.line_matters);
        assert!(d.residence_share.near_substantial_line(Rate(Decimal::new(5, 2))), "20 % is 5 points under");
        assert!(!d.residence_share.near_substantial_line(Rate(Decimal::new(4, 2))), "but not 4");
    }

    /// The same French resident whose pay in France reaches 25 % though time stays at 20 %:
    /// either criterion makes the part substantial (987/2009 Art. 14(8): "working time and/or
    /// remuneration"), so France (13(1)(a)).
    #[test]
    fn a_quarter_of_the_pay_at_home_is_substantial_even_with_less_time() {
        let s = situation(
            "FR",
            abroad("FR", 40, 2_000, "2026-03-02", "2026-03-06"),
            vec![work("BE", 800, 15_000), work("FR", 160, 3_000)],
        );
        let d = decide(&s).unwrap();
        assert_eq!(d.residence_share.pay, substantial_share());
        assert_eq!((d.state, d.article), (cc("FR"), Article::Residence));
    }

    /// A Belgian resident who did one day in Germany last year (under 5 % of time and pay) and
    /// now goes to France for a week: the German day is marginal (987/2009 Art. 14(5b)), so the
    /// French week is a posting, not a pattern of work in several states.
    #[test]
    fn a_marginal_activity_elsewhere_does_not_prevent_a_posting() {
        let s = situation(
            "BE",
            abroad("FR", 40, 1_500, "2026-03-02", "2026-03-06"),
            vec![work("BE", 1_000, 30_000), work("DE", 8, 250)],
        );
        assert_eq!(decide(&s).unwrap().article, Article::Posting);
    }

    /// A French resident working for the Belgian cooperative almost only in France, sent one day
    /// to Germany to replace a posted colleague (so not a posting): the German day is marginal
    /// (under 5 % of time and pay), so the member normally works in France alone, whose
    /// legislation covers the day (Art. 11(3)(a), one legislation at a time).
    #[test]
    fn a_marginal_work_abroad_that_is_not_a_posting_follows_the_state_of_normal_work() {
        let mut declared = abroad("DE", 8, 200, "2026-03-02", "2026-03-02");
        declared.replaces_posted_worker = true;
        let d = decide(&situation("FR", declared, vec![work("FR", 1_000, 25_000)])).unwrap();
        assert_eq!((d.state, d.article), (cc("FR"), Article::LexLociLaboris));
    }

    /// Work in a state outside the coordination (the United States, the United Kingdom) is not
    /// decided by the Regulation.
    #[test]
    fn work_outside_the_coordinated_states_is_refused() {
        let s = situation("BE", abroad("US", 8, 300, "2026-03-02", "2026-03-02"), vec![]);
        assert_eq!(decide(&s), Err(LegislationError::OutsideCoordination { state: cc("US") }));
        let s = situation("BE", abroad("GB", 8, 300, "2026-03-02", "2026-03-02"), vec![]);
        assert!(matches!(decide(&s), Err(LegislationError::OutsideCoordination { .. })));
    }

    #[test]
    fn pay_in_another_currency_is_refused() {
        let mut other = work("SE", 8, 300);
        other.pay = Money::from_minor(30_000, Currency::SEK);
        let s = situation("BE", abroad("FR", 8, 300, "2026-03-02", "2026-03-02"), vec![other]);
        assert!(matches!(decide(&s), Err(LegislationError::Currency { .. })));
    }

    #[test]
    fn articles_read_back_from_their_reference() {
        for a in Article::ALL {
            assert_eq!(a.as_str().parse::<Article>(), Ok(a));
        }
        assert!("13(2)".parse::<Article>().is_err());
    }

    /// An A1 covers the decided state over the whole work, not a part of it.
    #[test]
    fn an_a1_covers_its_state_over_its_whole_period_only() {
        let a1 = A1Certificate {
            issuing_state: cc("BE"),
            article: Article::Posting,
            valid_from: day("2026-03-01"),
            valid_until: day("2026-03-31"),
            reference: "A1-2026-1".into(),
        };
        assert!(a1.covers(cc("BE"), day("2026-03-02"), day("2026-03-31")));
        assert!(!a1.covers(cc("BE"), day("2026-03-30"), day("2026-04-01")), "runs past its end");
        assert!(!a1.covers(cc("FR"), day("2026-03-02"), day("2026-03-03")), "another state's legislation");
        assert!(a1_in_force(std::slice::from_ref(&a1), cc("BE"), day("2026-03-01"), day("2026-03-01")));
    }

    #[test]
    fn the_25_percent_line_is_near_from_both_sides_within_the_margin() {
        let share = |p: i64| Share { time: Rate(Decimal::new(p, 2)), pay: Rate(Decimal::ZERO) };
        let margin = Rate(Decimal::new(5, 2));
        assert!(!share(19).near_substantial_line(margin));
        assert!(share(20).near_substantial_line(margin));
        assert!(share(24).near_substantial_line(margin));
        assert!(share(25).near_substantial_line(margin), "just substantial: a little less work at home crosses");
        assert!(share(29).near_substantial_line(margin));
        assert!(!share(30).near_substantial_line(margin));
    }

    fn state() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec!["BE", "FR", "DE", "NL", "LU"])
    }

    fn other_work() -> impl Strategy<Value = Vec<WorkInState>> {
        prop::collection::vec((state(), 0i64..400, 0i64..20_000).prop_map(|(s, h, p)| work(s, h, p)), 0..8)
    }

    proptest! {
        /// The decision never depends on the order the work periods come in.
        #[test]
        fn the_decision_does_not_depend_on_the_order_of_the_work(
            residence in state(), here in state(), hours in 1i64..200, pay in 1i64..10_000,
            other in other_work(), seed in any::<u64>(),
        ) {
            let declared = abroad(here, hours, pay, "2026-03-02", "2026-03-09");
            let s = situation(residence, declared, other.clone());
            let mut shuffled = other;
            // A deterministic permutation from the seed.
            let n = shuffled.len();
            for i in (1..n).rev() {
                let j = usize::try_from(seed.rotate_left(u32::try_from(i).unwrap()) % u64::try_from(i + 1).unwrap()).unwrap();
                shuffled.swap(i, j);
            }
            let t = situation(residence, declared, shuffled);
            prop_assert_eq!(decide(&s), decide(&t));
        }

        /// More work in the state of residence never takes the legislation away from it.
        #[test]
        fn more_work_at_home_keeps_the_residence_legislation(
            residence in state(), here in state(), hours in 1i64..200, pay in 1i64..10_000,
            other in other_work(), more_hours in 1i64..400, more_pay in 1i64..20_000,
        ) {
            let s = situation(residence, abroad(here, hours, pay, "2026-03-02", "2026-03-09"), other);
            let d = decide(&s).unwrap();
            prop_assume!(d.state == s.residence);
            let mut more = s.clone();
            more.other_work.push(work(residence, more_hours, more_pay));
            prop_assert_eq!(decide(&more).unwrap().state, s.residence);
        }

        /// The state decided is always the state of work, of residence or of the employer, and
        /// under Art. 13 it is the residence exactly when the residence's share is substantial.
        #[test]
        fn the_decision_names_one_of_the_states_the_rules_name(
            residence in state(), here in state(), hours in 1i64..200, pay in 1i64..10_000, other in other_work(),
        ) {
            let s = situation(residence, abroad(here, hours, pay, "2026-03-02", "2026-03-09"), other);
            let d = decide(&s).unwrap();
            prop_assert!(
                [s.residence, s.employer_state, s.declared.work.state].contains(&d.state)
                    || (d.article == Article::LexLociLaboris && s.other_work.iter().any(|w| w.state == d.state))
            );
            match d.article {
                Article::Residence => prop_assert!(d.residence_share.substantial() && d.state == s.residence),
                Article::RegisteredOffice => prop_assert!(!d.residence_share.substantial() && d.state == s.employer_state),
                Article::Posting => prop_assert_eq!(d.state, s.employer_state),
                // Where the work is done, or the one state where the member normally works.
                Article::LexLociLaboris => prop_assert!(
                    d.state == s.declared.work.state || s.other_work.iter().any(|w| w.state == d.state)
                ),
                Article::Agreement => prop_assert!(false, "never decided"),
            }
        }
    }
}
