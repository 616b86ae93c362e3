//! Work declarations.

use sea_orm::entity::prelude::*;

/// A member's declaration of work.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "work_declarations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub activity_id: Uuid,
    pub member_id: Uuid,
    pub client_id: Option<Uuid>,
    pub function: String,
    pub place: String,
    pub work_country: String,
    pub risks: String,
    pub worker_category: String,
    pub budget_minor: i64,
    pub currency: String,
    pub status: String,
    pub return_reason: Option<String>,
    pub contract_id: Option<Uuid>,
    pub submitted_at: DateTime,
    pub decided_at: Option<DateTime>,
    /// per_performance or stabilised_monthly: the contract validation makes.
    pub contract_kind: String,
    /// The fixed-term contract's motive: the case of the pack's list (m0020), none for an
    /// open-ended contract, a country that asks none, or a row made before.
    pub motive_code: Option<String>,
    /// The replaced worker's name, for a replacement.
    pub motive_replaced_name: Option<String>,
    /// The replaced worker's job, for a replacement.
    pub motive_replaced_job: Option<String>,
    /// The sector of a customary fixed-term contract.
    pub motive_sector: Option<String>,
    /// The motive's free-text detail.
    pub motive_detail: Option<String>,
    /// The worker's place in the collective agreement's classification, as given (m0022); none
    /// when not given or on a row made before.
    pub classification: Option<String>,
    /// The state whose social-security legislation applies (Regulation 883/2004, m0026); none
    /// on a row made before or for work at home with no work abroad to weigh.
    pub legislation_state: Option<String>,
    /// The article applied: `11(3)(a)`, `12(1)`, `13(1)(a)` or `13(1)(b)(i)`.
    pub legislation_article: Option<String>,
    /// The member's state of residence the decision assumed.
    pub residence_state: Option<String>,
    /// Their share of working time there over the reference period, as decimal text (`0.2`).
    pub residence_time_share: Option<String>,
    /// Their share of pay there, as decimal text.
    pub residence_pay_share: Option<String>,
    /// The worker is sent to replace another posted person (Art. 12(1) then does not apply).
    pub replaces_posted_worker: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
