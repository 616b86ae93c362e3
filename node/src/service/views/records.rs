//! Views of the domain records the services return (`storage/` reads them): the
//! handlers build the response bodies here, so a body's shape is decided in one place.

use super::{ActivityView, AddressView, ClientView, MemberView, Page, PayrollDetailsView, SharesView};
use crate::error::AppError;
use crate::service::activities::ActivityBudget;
use crate::service::members::mask_iban;
use partage_core::client::RegisteredClient;
use partage_core::member::{Member, PayrollProfile};

impl<T> Page<T> {
    /// The same page with each item turned into its view.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
            offset: self.offset,
            limit: self.limit,
        }
    }

    /// The same page with each item turned into its view, or the first error.
    pub fn try_map<U, E>(self, f: impl FnMut(T) -> Result<U, E>) -> Result<Page<U>, E> {
        Ok(Page {
            items: self.items.into_iter().map(f).collect::<Result<_, _>>()?,
            total: self.total,
            offset: self.offset,
            limit: self.limit,
        })
    }
}

impl TryFrom<&Member> for MemberView {
    type Error = AppError;

    /// Fails only if the capital held overflows, which stored counts cannot reach.
    fn try_from(m: &Member) -> Result<MemberView, AppError> {
        let reg = &m.shares;
        Ok(MemberView {
            id: m.id.0,
            first_name: m.first_name.clone(),
            last_name: m.last_name.clone(),
            email: m.email.clone(),
            language: m.language.clone(),
            status: m.status.as_str().into(),
            votes: m.status.votes(),
            shares: SharesView {
                nominal: reg.nominal.amount().to_string(),
                currency: reg.nominal.currency().code().into(),
                subscribed: reg.subscribed,
                paid: reg.paid,
                held: reg.held(),
                unpaid: reg.unpaid(),
                capital: reg.capital()?.amount().to_string(),
            },
            applied_on: m.applied_on,
            admitted_on: m.admitted_on,
            left_on: m.left_on,
            identity_recorded: m.identity.is_some(),
            address: m.address.clone().map(|a| AddressView {
                street: a.street,
                postal_code: a.postal_code,
                city: a.city,
                country: a.country,
            }),
            nationality: m.nationality.map(|n| n.as_str().to_owned()),
        })
    }
}

impl TryFrom<Member> for MemberView {
    type Error = AppError;

    fn try_from(m: Member) -> Result<MemberView, AppError> {
        MemberView::try_from(&m)
    }
}

impl From<PayrollProfile> for PayrollDetailsView {
    fn from(p: PayrollProfile) -> PayrollDetailsView {
        let h = p.household;
        PayrollDetailsView {
            member_id: p.member_id.0,
            iban: p.iban.map(|i| mask_iban(i.as_str())),
            family: h.situation.as_str().into(),
            children: h.children,
            disabled_children: h.disabled_children,
            dependants_over_65: h.dependants_over_65,
            other_dependants: h.other_dependants,
            disabled: h.disabled,
            partner_disabled: h.partner_disabled,
        }
    }
}

impl From<RegisteredClient> for ClientView {
    fn from(r: RegisteredClient) -> ClientView {
        let (endpoint_scheme, endpoint_id) = r.endpoint.unzip();
        let c = r.client;
        ClientView {
            id: r.id.0,
            name: c.name,
            kind: c.kind.as_str().into(),
            country: c.country.as_str().into(),
            vat_number: c.vat_number,
            street: c.street,
            postal_code: c.postal_code,
            city: c.city,
            email: c.email,
            endpoint_scheme,
            endpoint_id,
        }
    }
}

impl From<ActivityBudget> for ActivityView {
    fn from(ActivityBudget { activity: a, budget }: ActivityBudget) -> ActivityView {
        ActivityView {
            id: a.id.0,
            member_id: a.member_id.0,
            sector: a.sector.kind().into(),
            sub_sector: a.sector.sub_sector().map(str::to_owned),
            name: a.name,
            status: a.status.as_str().into(),
            opened_on: a.opened_on,
            budget: budget.amount().to_string(),
            currency: budget.currency().code().into(),
        }
    }
}
