//! Which role reaches which route, checked on every request before its handler:
//! admins everything; advisors the whole office but API tokens, accounts and settings; hq the
//! aggregate figures only; a member the routes listed in [`member_rule`], and through
//! them only their own records (the path's record, a list's filter, a write's
//! `member_id`/`activity_id` resolved to their owner). A route missing from the
//! tables is refused: a new route is closed until it is listed here.

use super::{AuthError, AuthRefusal, Principal, Role};
use crate::storage::entities::{
    activity, contract, credit_note, expense_claim, hiring_declaration, invoice, order_form, payslip, work_declaration,
};
use axum::http::Method;
use sea_orm::{ConnectionTrait, EntityTrait};
use uuid::Uuid;

/// A record a member may own, named by a path's `{id}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owned {
    /// The member themself.
    Member,
    /// An activity.
    Activity,
    /// An invoice (through its activity).
    Invoice,
    /// A credit note (through its invoice).
    CreditNote,
    /// A payslip.
    Payslip,
    /// A contract.
    Contract,
    /// A hiring declaration (through its contract).
    HiringDeclaration,
    /// A work declaration.
    WorkDeclaration,
    /// An expense claim.
    ExpenseClaim,
    /// An order form (through its activity).
    OrderForm,
}

impl Owned {
    fn name(self) -> &'static str {
        match self {
            Owned::Member => "member",
            Owned::Activity => "activity",
            Owned::Invoice => "invoice",
            Owned::CreditNote => "credit note",
            Owned::Payslip => "payslip",
            Owned::Contract => "contract",
            Owned::HiringDeclaration => "hiring declaration",
            Owned::WorkDeclaration => "work declaration",
            Owned::ExpenseClaim => "expense claim",
            Owned::OrderForm => "order form",
        }
    }
}

/// How a member's request on a route is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberRule {
    /// Open to any member (simulations, the pack's parameters, this document).
    Open,
    /// The path's `{id}` must be one of their records.
    Path(Owned),
    /// A list: its `member_id` or `activity_id` filter must be theirs, and one is required.
    Filter,
    /// A write: its body's `member_id` and `activity_id` must be theirs, and one is required.
    Body,
}

/// The rule of a member's request on a route, or `None`: not for members.
pub fn member_rule(method: &Method, route: &str) -> Option<MemberRule> {
    use MemberRule::*;
    let get = *method == Method::GET;
    let post = *method == Method::POST;
    let put = *method == Method::PUT;
    Some(match route.strip_prefix("/api/v1")? {
        "/openapi.json" | "/packs/{country}/parameters" if get => Open,
        "/simulations" if post => Open,
        "/members/{id}"
        | "/members/{id}/account"
        | "/members/{id}/account.csv"
        | "/members/{id}/data"
        | "/members/{id}/data.csv"
        | "/members/{id}/history"
        | "/members/{id}/payroll"
        | "/members/{id}/a1-certificates"
            if get =>
        {
            Path(Owned::Member)
        }
        "/members/{id}/payroll" | "/members/{id}/identity" if put => Path(Owned::Member),
        "/activities" | "/invoices" | "/payslips" | "/contracts" | "/work-declarations" | "/expense-claims" if get => {
            Filter
        }
        // A member records their own signed order forms; the fund's lending limit still holds.
        "/activities" | "/invoices" | "/work-declarations" | "/expense-claims" | "/order-forms" if post => Body,
        "/activities/{id}" | "/activities/{id}/statement" if get => Path(Owned::Activity),
        "/invoices/{id}" | "/invoices/{id}/pdf" | "/invoices/{id}/peppol.xml" if get => Path(Owned::Invoice),
        "/credit-notes/{id}/pdf" | "/credit-notes/{id}/peppol.xml" if get => Path(Owned::CreditNote),
        "/payslips/{id}" | "/payslips/{id}/pdf" if get => Path(Owned::Payslip),
        "/contracts/{id}" | "/contracts/{id}/pdf" | "/contracts/{id}/true-ups" if get => Path(Owned::Contract),
        "/hiring-declarations/{id}" if get => Path(Owned::HiringDeclaration),
        "/work-declarations/{id}" if get => Path(Owned::WorkDeclaration),
        "/expense-claims/{id}" | "/expense-claims/{id}/receipt" if get => Path(Owned::ExpenseClaim),
        // A member attaches the receipt of their own claim; the service refuses it once decided.
        "/expense-claims/{id}/receipt" if put => Path(Owned::ExpenseClaim),
        "/order-forms/{id}" if get => Path(Owned::OrderForm),
        // A member issues their own draft, as Smart's members send their invoices themselves:
        // the number, the entry and the fund's share follow the same rules as the office's.
        "/invoices/{id}/issue" if post => Path(Owned::Invoice),
        _ => return None,
    })
}

/// Whether a staff role reaches a route at all.
pub fn staff_may(role: Role, method: &Method, route: &str) -> bool {
    let admin_only = route.starts_with("/api/v1/api-tokens")
        || route.starts_with("/api/v1/accounts")
        || route.starts_with("/api/v1/settings")
        // What other nodes sent and this one did not apply: retried or dismissed by an admin.
        || route.starts_with("/api/v1/federation")
        // Money that left or reached the bank between offices: recorded by an admin.
        || route == "/api/v1/ledger/inter-office/{office}/settlements";
    match role {
        Role::Admin => true,
        Role::Advisor => !admin_only,
        // Figures of the whole office, no one's personal data.
        Role::Hq => {
            *method == Method::GET
                && matches!(
                    route,
                    "/api/v1/openapi.json"
                        | "/api/v1/packs/{country}/parameters"
                        | "/api/v1/guarantee-fund"
                        | "/api/v1/ledger/trial-balance"
                )
        }
        Role::Member => false,
    }
}

/// The member who owns a record, or `None` when there is no such record (the
/// handler then answers its own 404).
pub async fn owner<C: ConnectionTrait>(c: &C, kind: Owned, id: Uuid) -> Result<Option<Uuid>, sea_orm::DbErr> {
    async fn of_activity<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<Option<Uuid>, sea_orm::DbErr> {
        Ok(activity::Entity::find_by_id(id).one(c).await?.map(|a| a.member_id))
    }
    async fn of_invoice<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<Option<Uuid>, sea_orm::DbErr> {
        match invoice::Entity::find_by_id(id).one(c).await? {
            Some(i) => of_activity(c, i.activity_id).await,
            None => Ok(None),
        }
    }
    Ok(match kind {
        Owned::Member => Some(id),
        Owned::Activity => of_activity(c, id).await?,
        Owned::Invoice => of_invoice(c, id).await?,
        Owned::CreditNote => match credit_note::Entity::find_by_id(id).one(c).await? {
            Some(n) => of_invoice(c, n.invoice_id).await?,
            None => None,
        },
        Owned::Payslip => payslip::Entity::find_by_id(id).one(c).await?.map(|p| p.member_id),
        Owned::Contract => contract::Entity::find_by_id(id).one(c).await?.map(|k| k.member_id),
        Owned::HiringDeclaration => match hiring_declaration::Entity::find_by_id(id).one(c).await? {
            Some(h) => contract::Entity::find_by_id(h.contract_id).one(c).await?.map(|k| k.member_id),
            None => None,
        },
        Owned::WorkDeclaration => work_declaration::Entity::find_by_id(id).one(c).await?.map(|w| w.member_id),
        Owned::ExpenseClaim => expense_claim::Entity::find_by_id(id).one(c).await?.map(|e| e.member_id),
        Owned::OrderForm => match order_form::Entity::find_by_id(id).one(c).await? {
            Some(o) => of_activity(c, o.activity_id).await?,
            None => None,
        },
    })
}

/// The value of `{name}` in `path` matched against `route`.
pub fn path_param<'a>(route: &str, path: &'a str, name: &str) -> Option<&'a str> {
    let want = format!("{{{name}}}");
    route.split('/').zip(path.split('/')).find(|(r, _)| *r == want).map(|(_, p)| p)
}

/// Checks that the ids a member names (`member_id`, `activity_id`) are theirs;
/// at least one must be named.
pub async fn check_named<C: ConnectionTrait>(
    c: &C,
    member: Uuid,
    member_id: Option<&str>,
    activity_id: Option<&str>,
) -> Result<(), AuthError> {
    if member_id.is_none() && activity_id.is_none() {
        return Err(AuthRefusal::OwnFilterRequired { member }.into());
    }
    if let Some(m) = member_id {
        if m.parse::<Uuid>().ok() != Some(member) {
            return Err(AuthRefusal::NotYours { what: "member", id: m.to_owned() }.into());
        }
    }
    if let Some(a) = activity_id {
        let owned = match a.parse::<Uuid>() {
            Ok(id) => owner(c, Owned::Activity, id).await? == Some(member),
            Err(_) => false,
        };
        if !owned {
            return Err(AuthRefusal::NotYours { what: "activity", id: a.to_owned() }.into());
        }
    }
    Ok(())
}

/// Checks a path-named record is the member's. A record that does not exist passes,
/// so the handler answers its usual 404 (ids are random UUIDs: nothing is learnt).
pub async fn check_path<C: ConnectionTrait>(
    c: &C,
    principal: &Principal,
    kind: Owned,
    id: &str,
) -> Result<(), AuthError> {
    let Some(member) = principal.member else {
        return Err(AuthRefusal::NotYours { what: kind.name(), id: id.to_owned() }.into());
    };
    let Ok(uuid) = id.parse::<Uuid>() else { return Ok(()) };
    match owner(c, kind, uuid).await? {
        Some(owner) if owner != member => Err(AuthRefusal::NotYours { what: kind.name(), id: id.to_owned() }.into()),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_members_route_table_opens_their_records_and_nothing_of_the_office() {
        assert_eq!(member_rule(&Method::GET, "/api/v1/invoices/{id}"), Some(MemberRule::Path(Owned::Invoice)));
        assert_eq!(member_rule(&Method::GET, "/api/v1/invoices"), Some(MemberRule::Filter));
        assert_eq!(member_rule(&Method::POST, "/api/v1/invoices"), Some(MemberRule::Body));
        assert_eq!(member_rule(&Method::POST, "/api/v1/order-forms"), Some(MemberRule::Body));
        assert_eq!(member_rule(&Method::POST, "/api/v1/invoices/{id}/issue"), Some(MemberRule::Path(Owned::Invoice)));
        for method in [Method::GET, Method::PUT] {
            assert_eq!(
                member_rule(&method, "/api/v1/expense-claims/{id}/receipt"),
                Some(MemberRule::Path(Owned::ExpenseClaim))
            );
        }
        for (method, route) in [
            (Method::POST, "/api/v1/invoices/{id}/cancel"),
            (Method::POST, "/api/v1/invoices/{id}/payments"),
            (Method::GET, "/api/v1/members"),
            (Method::POST, "/api/v1/payroll-runs"),
            (Method::GET, "/api/v1/ledger/trial-balance"),
            (Method::POST, "/api/v1/work-declarations/{id}/validate"),
            (Method::POST, "/api/v1/expense-claims/{id}/validate"),
            (Method::POST, "/api/v1/order-forms/{id}/invoiced"),
            (Method::DELETE, "/api/v1/expense-claims/{id}/receipt"),
            (Method::GET, "/api/v1/api-tokens"),
            (Method::PATCH, "/api/v1/members/{id}"),
        ] {
            assert_eq!(member_rule(&method, route), None, "{method} {route}");
        }
    }

    #[test]
    fn hq_sees_aggregates_and_advisors_no_tokens() {
        assert!(staff_may(Role::Hq, &Method::GET, "/api/v1/guarantee-fund"));
        assert!(!staff_may(Role::Hq, &Method::GET, "/api/v1/members"));
        assert!(!staff_may(Role::Hq, &Method::POST, "/api/v1/simulations"));
        assert!(staff_may(Role::Advisor, &Method::POST, "/api/v1/payroll-runs"));
        assert!(!staff_may(Role::Advisor, &Method::POST, "/api/v1/api-tokens"));
        assert!(staff_may(Role::Admin, &Method::DELETE, "/api/v1/api-tokens/{id}"));
    }

    #[test]
    fn staff_read_the_inter_office_accounts_and_only_admins_settle_them() {
        let (read, settle) = ("/api/v1/ledger/inter-office", "/api/v1/ledger/inter-office/{office}/settlements");
        assert!(staff_may(Role::Advisor, &Method::GET, read));
        assert!(staff_may(Role::Advisor, &Method::GET, "/api/v1/ledger/inter-office/{office}"));
        assert!(staff_may(Role::Admin, &Method::POST, settle));
        assert!(!staff_may(Role::Advisor, &Method::POST, settle));
        assert!(!staff_may(Role::Hq, &Method::GET, read));
        assert_eq!(member_rule(&Method::GET, read), None);
    }

    #[test]
    fn only_admins_list_add_and_change_staff_accounts_the_fee_and_the_coefficient() {
        let routes = [
            (Method::GET, "/api/v1/accounts"),
            (Method::POST, "/api/v1/accounts"),
            (Method::GET, "/api/v1/accounts/{id}"),
            (Method::PUT, "/api/v1/accounts/{id}/role"),
            (Method::GET, "/api/v1/settings/fee"),
            (Method::POST, "/api/v1/settings/fee/changes"),
            (Method::GET, "/api/v1/settings/coefficient/changes"),
            (Method::POST, "/api/v1/settings/coefficient/changes"),
        ];
        for (method, route) in &routes {
            assert!(staff_may(Role::Admin, method, route), "{method} {route}");
            assert!(!staff_may(Role::Advisor, method, route), "{method} {route}");
            assert!(!staff_may(Role::Hq, method, route), "{method} {route}");
            assert_eq!(member_rule(method, route), None, "{method} {route}");
        }
    }

    #[test]
    fn a_path_parameter_is_read_where_the_route_names_it() {
        assert_eq!(path_param("/api/v1/invoices/{id}/pdf", "/api/v1/invoices/abc/pdf", "id"), Some("abc"));
        assert_eq!(path_param("/api/v1/invoices", "/api/v1/invoices", "id"), None);
    }
}
