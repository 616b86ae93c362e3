//! Everything the office holds about one member, for the member to read and take away
//! (GDPR Art. 15, right of access, and Art. 20, portability: "in a structured, commonly
//! used and machine-readable format"): identity, payroll details, history of
//! corrections, activities, invoices, work declarations, contracts, A1 certificates, payslips, expense
//! claims and the account statement of every year since they applied.
//!
//! It reads through the same service functions as the API's routes, so the export
//! shows what the member sees elsewhere, no more and no less; the CSV is the same
//! document flattened, one row per value (`section,record,field,value`), so it needs
//! no schema of its own and nothing is left out.

use super::contracts::ContractFilter;
use super::payroll_lists::PayslipFilter;
use super::views::{
    ActivityView, ContractView, ExpenseClaimView, InvoiceView, MemberAccountView, MemberView, Page, PayrollDetailsView,
    PayslipView, RecordChangeView, WorkDeclarationView,
};
use super::work::DeclarationFilter;
use super::{activities, contracts, expenses, history, invoices, member_account, members, payroll_lists, work, Node};
use crate::csv::push_record;
use crate::error::AppError;
use chrono::{Datelike, NaiveDate};
use partage_core::period::Month;
use sea_orm::ConnectionTrait;
use serde::Serialize;
use serde_json::Value;
use std::future::Future;
use utoipa::ToSchema;
use uuid::Uuid;

/// Rows read per query while collecting a list (the services' largest page).
const CHUNK: u64 = 500;

/// Everything about one member (GDPR Art. 15 and 20).
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberDataView {
    /// When the export was made (the node's clock, UTC, RFC 3339).
    pub exported_at: String,
    /// The member: identity, status, shares, address.
    pub member: MemberView,
    /// Bank and household details used for payslips, when recorded.
    pub payroll_details: Option<PayrollDetailsView>,
    /// Corrections of the member's record: who changed what, when.
    pub history: Vec<RecordChangeView>,
    /// Their activities with budgets.
    pub activities: Vec<ActivityView>,
    /// Every invoice of their activities, drafts included.
    pub invoices: Vec<InvoiceView>,
    /// Their work declarations.
    pub work_declarations: Vec<WorkDeclarationView>,
    /// Their contracts with their hiring declarations.
    pub contracts: Vec<ContractView>,
    /// The A1 certificates recorded for their work abroad (Regulation 987/2009 Art. 19(2)).
    pub a1_certificates: Vec<super::views::A1CertificateView>,
    /// Their payslips with every line.
    pub payslips: Vec<PayslipView>,
    /// Their expense claims.
    pub expense_claims: Vec<ExpenseClaimView>,
    /// The account statement, one per calendar year from the year they applied to this one.
    pub statements: Vec<MemberAccountView>,
}

/// Reads every page of a list (a member's lists are short, but never cut one off).
async fn all<T, F, Fut>(mut page: F) -> Result<Vec<T>, AppError>
where
    F: FnMut(u64) -> Fut,
    Fut: Future<Output = Result<Page<T>, AppError>>,
{
    let mut out = Vec::new();
    loop {
        let p = page(out.len() as u64).await?;
        let got = p.items.len();
        out.extend(p.items);
        if got == 0 || out.len() as u64 >= p.total {
            return Ok(out);
        }
    }
}

/// Collects everything about `member` as of `today`.
pub async fn collect<C: ConnectionTrait>(
    c: &C,
    node: &Node,
    member: Uuid,
    today: NaiveDate,
) -> Result<MemberDataView, AppError> {
    let record = members::get(c, member).await?;
    let view = MemberView::try_from(&record)?;
    let payroll_details = match members::payroll_details(c, member).await {
        Ok(p) => Some(PayrollDetailsView::from(p)),
        Err(AppError::NotFound { .. }) => None,
        Err(e) => return Err(e),
    };
    let history = history::list(c, history::Subject::Member, member).await?;
    let activities = all(|o| activities::list(c, node, Some(member), o, CHUNK)).await?;
    let ids: Vec<Uuid> = activities.iter().map(|a| a.activity.id.0).collect();
    let mut invoice_list = Vec::new();
    let mut claims = Vec::new();
    for a in &ids {
        invoice_list.extend(all(|o| invoices::list(c, node, Some(*a), None, o, CHUNK)).await?);
        claims.extend(all(|o| expenses::list(c, Some(*a), None, o, CHUNK)).await?);
    }
    let declarations = DeclarationFilter { member_id: Some(member), ..Default::default() };
    let work_declarations = all(|o| work::list_declarations(c, node.zone, &declarations, o, CHUNK)).await?;
    let contract_filter = ContractFilter { member_id: Some(member), ..Default::default() };
    let contract_list = all(|o| contracts::list(c, &contract_filter, o, CHUNK)).await?;
    let a1_certificates = super::abroad::list_a1(c, member).await?;
    let payslip_filter = PayslipFilter { member_id: Some(member), ..Default::default() };
    let payslips = all(|o| payroll_lists::payslips(c, node, &payslip_filter, o, CHUNK)).await?;
    let mut statements = Vec::new();
    for year in view.applied_on.year()..=today.year() {
        let (Some(from), Some(to)) = (Month::new(year, 1), Month::new(year, 12)) else { continue };
        statements.push(member_account::statement(c, node, member, from, to).await?);
    }
    Ok(MemberDataView {
        exported_at: node.instant().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        member: view,
        payroll_details,
        history,
        activities: activities.into_iter().map(ActivityView::from).collect(),
        invoices: invoice_list,
        work_declarations,
        contracts: contract_list,
        a1_certificates,
        payslips,
        expense_claims: claims,
        statements,
    })
}

/// The export flattened to CSV (RFC 4180): `section,record,field,value`, one row per
/// value, where `record` is the item's position in its section and `field` the JSON
/// path inside it (`lines.0.unit_price`), so every value of the JSON is a row.
pub fn csv(data: &MemberDataView) -> Result<String, AppError> {
    let json = serde_json::to_value(data).map_err(|e| AppError::Corrupt(format!("export: {e}")))?;
    let mut out = String::new();
    push_record(&mut out, ["section", "record", "field", "value"]);
    let Value::Object(sections) = json else { return Ok(out) };
    for (section, value) in &sections {
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    flatten(&mut out, section, &i.to_string(), "", item);
                }
            }
            other => flatten(&mut out, section, "", "", other),
        }
    }
    Ok(out)
}

fn flatten(out: &mut String, section: &str, record: &str, path: &str, value: &Value) {
    let join = |key: &str| if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") };
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                flatten(out, section, record, &join(k), v);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                flatten(out, section, record, &join(&i.to_string()), v);
            }
        }
        Value::Null => push_record(out, [section, record, path, ""]),
        Value::String(s) => push_record(out, [section, record, path, s.as_str()]),
        other => push_record(out, [section, record, path, other.to_string().as_str()]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_json_value_becomes_one_csv_row_named_by_its_path() {
        let mut out = String::new();
        let v = json!({"number": "2026-1", "lines": [{"unit_price": "10.00"}], "paid": true, "date": null});
        flatten(&mut out, "invoices", "0", "", &v);
        let rows: Vec<&str> = out.lines().collect();
        assert!(rows.contains(&"invoices,0,number,2026-1"), "{out}");
        assert!(rows.contains(&"invoices,0,lines.0.unit_price,10.00"), "{out}");
        assert!(rows.contains(&"invoices,0,paid,true"), "{out}");
        assert!(rows.contains(&"invoices,0,date,"), "{out}");
        assert_eq!(rows.len(), 4);
    }

    #[test]
    fn a_value_that_looks_like_a_formula_is_neutralised() {
        let mut out = String::new();
        flatten(&mut out, "member", "", "", &json!({"last_name": "=HYPERLINK(\"x\")"}));
        assert!(!out.contains(",=HYPERLINK"), "{out}");
    }
}
