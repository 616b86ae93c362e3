//! Clients.

use super::history::{self, Subject};
use super::views::{ClientView, Page};
use crate::error::AppError;
use crate::storage::entities::client;
use partage_core::client::{Client, ClientKind, CountryCode};
use partage_core::pack::{CountryPack, PackError};
use partage_core::ClientId;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

/// What registering a client takes.
#[derive(Debug, Clone)]
pub struct NewClient {
    /// Name.
    pub name: String,
    /// business or consumer.
    pub kind: String,
    /// ISO 3166 country.
    pub country: String,
    /// VAT number.
    pub vat_number: Option<String>,
    /// Street.
    pub street: String,
    /// Postal code.
    pub postal_code: String,
    /// City.
    pub city: String,
    /// Email.
    pub email: Option<String>,
    /// Peppol endpoint (scheme, id).
    pub endpoint: Option<(String, String)>,
}

/// The API view of a client row.
pub fn view(m: client::Model) -> ClientView {
    ClientView {
        id: m.id,
        name: m.name,
        kind: m.kind,
        country: m.country,
        vat_number: m.vat_number,
        street: m.street,
        postal_code: m.postal_code,
        city: m.city,
        email: m.email,
        endpoint_scheme: m.endpoint_scheme,
        endpoint_id: m.endpoint_id,
    }
}

/// The core view of a client row.
pub fn to_core(m: &client::Model) -> Result<Client, AppError> {
    Ok(Client {
        name: m.name.clone(),
        kind: ClientKind::parse(&m.kind).map_err(|_| AppError::Corrupt(format!("client kind '{}'", m.kind)))?,
        country: super::country(&m.country)?,
        vat_number: m.vat_number.clone(),
        street: m.street.clone(),
        postal_code: m.postal_code.clone(),
        city: m.city.clone(),
        email: m.email.clone(),
    })
}

/// Loads a client row or says it does not exist.
pub async fn load<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<client::Model, AppError> {
    client::Entity::find_by_id(id).one(c).await?.ok_or_else(|| AppError::not_found("client", id))
}

/// Checks the client's electronic address as the pack's e-invoice network does: a typo
/// here would make every e-invoice to the client undeliverable.
fn check_endpoint_id(pack: &dyn CountryPack, scheme: &str, id: &str) -> Result<(), AppError> {
    pack.check_electronic_address(scheme, id).map_err(|e| match e {
        PackError::InvalidIdentifier { message, .. } => AppError::invalid("endpoint_id", message),
        other => AppError::from(other),
    })
}

/// A client's fields once checked, ready to store.
struct Checked {
    core: Client,
    scheme: Option<String>,
    endpoint: Option<String>,
}

/// The checks of a client, the same on registration and on correction.
fn check(pack: &dyn CountryPack, input: NewClient) -> Result<Checked, AppError> {
    let vat_number = input
        .vat_number
        .map(|v| v.chars().filter(|ch| !ch.is_whitespace() && *ch != '.').collect::<String>().to_uppercase())
        .filter(|v| !v.is_empty());
    let core = Client {
        name: input.name.trim().into(),
        kind: ClientKind::parse(&input.kind)?,
        country: CountryCode::parse(input.country.trim())?,
        vat_number,
        street: input.street.trim().into(),
        postal_code: input.postal_code.trim().into(),
        city: input.city.trim().into(),
        email: input.email.map(|e| e.trim().to_owned()).filter(|e| !e.is_empty()),
    };
    core.validate()?;
    for (field, value) in [("street", &core.street), ("postal_code", &core.postal_code), ("city", &core.city)] {
        if value.is_empty() {
            return Err(AppError::invalid(field, "must not be empty: the invoice shows the client's address"));
        }
    }
    let (scheme, endpoint) = match input.endpoint {
        Some((s, id)) if s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()) && !id.trim().is_empty() => {
            check_endpoint_id(pack, &s, id.trim())?;
            (Some(s), Some(id.trim().to_owned()))
        }
        Some((s, _)) => {
            return Err(AppError::invalid(
                "endpoint_scheme",
                format!("'{s}' is not a Peppol EAS code (four digits, e.g. 9925)"),
            ))
        }
        None => (None, None),
    };
    Ok(Checked { core, scheme, endpoint })
}

/// Registers a client after checking what invoicing relies on.
pub async fn create<C: ConnectionTrait>(
    c: &C,
    pack: &dyn CountryPack,
    input: NewClient,
) -> Result<ClientView, AppError> {
    let Checked { core, scheme, endpoint } = check(pack, input)?;
    let row = client::ActiveModel {
        id: Set(ClientId::new().0),
        name: Set(core.name),
        kind: Set(core.kind.as_str().into()),
        country: Set(core.country.as_str().into()),
        vat_number: Set(core.vat_number),
        street: Set(core.street),
        postal_code: Set(core.postal_code),
        city: Set(core.city),
        email: Set(core.email),
        endpoint_scheme: Set(scheme),
        endpoint_id: Set(endpoint),
    }
    .insert(c)
    .await?;
    Ok(view(row))
}

/// The fields a correction may change (all of a client's but its id).
pub const EDITABLE: [&str; 10] = [
    "name",
    "kind",
    "country",
    "vat_number",
    "street",
    "postal_code",
    "city",
    "email",
    "endpoint_scheme",
    "endpoint_id",
];

fn fields(m: &client::Model) -> [(&'static str, Option<String>); 10] {
    [
        ("name", Some(m.name.clone())),
        ("kind", Some(m.kind.clone())),
        ("country", Some(m.country.clone())),
        ("vat_number", m.vat_number.clone()),
        ("street", Some(m.street.clone())),
        ("postal_code", Some(m.postal_code.clone())),
        ("city", Some(m.city.clone())),
        ("email", m.email.clone()),
        ("endpoint_scheme", m.endpoint_scheme.clone()),
        ("endpoint_id", m.endpoint_id.clone()),
    ]
}

/// Corrects a client with a JSON merge patch of its fields, checked as on
/// registration, and keeps the change in its history. Issued invoices keep the
/// buyer as it stood when they were issued (`invoice_buyers`).
pub async fn patch<C: ConnectionTrait>(
    c: &C,
    pack: &dyn CountryPack,
    id: Uuid,
    patch: &serde_json::Value,
    by: &str,
    at: chrono::NaiveDateTime,
) -> Result<ClientView, AppError> {
    let changes = history::merge_patch(patch, &EDITABLE)?;
    let row = client::Entity::find_by_id(id)
        .lock_exclusive()
        .one(c)
        .await?
        .ok_or_else(|| AppError::not_found("client", id))?;
    let mut input = NewClient {
        name: row.name.clone(),
        kind: row.kind.clone(),
        country: row.country.clone(),
        vat_number: row.vat_number.clone(),
        street: row.street.clone(),
        postal_code: row.postal_code.clone(),
        city: row.city.clone(),
        email: row.email.clone(),
        endpoint: None,
    };
    let (mut scheme, mut endpoint_id) = (row.endpoint_scheme.clone(), row.endpoint_id.clone());
    for (field, value) in changes {
        let required = |v: Option<String>| v.ok_or_else(|| AppError::invalid(field.clone(), "cannot be removed"));
        match field.as_str() {
            "name" => input.name = required(value)?,
            "kind" => input.kind = required(value)?,
            "country" => input.country = required(value)?,
            "street" => input.street = required(value)?,
            "postal_code" => input.postal_code = required(value)?,
            "city" => input.city = required(value)?,
            "vat_number" => input.vat_number = value,
            "email" => input.email = value,
            "endpoint_scheme" => scheme = value,
            _ => endpoint_id = value,
        }
    }
    input.endpoint = match (scheme, endpoint_id) {
        (Some(s), Some(e)) => Some((s, e)),
        (None, None) => None,
        _ => {
            return Err(AppError::invalid(
                "endpoint_id",
                "endpoint_scheme and endpoint_id are given or removed together",
            ))
        }
    };
    let Checked { core, scheme, endpoint } = check(pack, input)?;
    let before = fields(&row);
    let mut active = row.into_active_model();
    active.name = Set(core.name);
    active.kind = Set(core.kind.as_str().into());
    active.country = Set(core.country.as_str().into());
    active.vat_number = Set(core.vat_number);
    active.street = Set(core.street);
    active.postal_code = Set(core.postal_code);
    active.city = Set(core.city);
    active.email = Set(core.email);
    active.endpoint_scheme = Set(scheme);
    active.endpoint_id = Set(endpoint);
    let updated = active.update(c).await?;
    history::record(c, Subject::Client, id, by, at, &history::diff(&before, &fields(&updated))).await?;
    Ok(view(updated))
}

/// Clients, newest first.
pub async fn list<C: ConnectionTrait>(c: &C, offset: u64, limit: u64) -> Result<Page<ClientView>, AppError> {
    let total = client::Entity::find().count(c).await?;
    let rows = client::Entity::find().order_by_desc(client::Column::Id).offset(offset).limit(limit).all(c).await?;
    Ok(Page { items: rows.into_iter().map(view).collect(), total, offset, limit })
}
