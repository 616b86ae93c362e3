//! Clients.

use super::history::{self, Subject};
use super::views::Page;
use crate::error::AppError;
use crate::storage::clients as repo;
use crate::storage::entities::client;
use partage_core::client::{Client, ClientKind, CountryCode, RegisteredClient};
use partage_core::pack::{CountryPack, PackError};
use partage_core::ClientId;
use sea_orm::ConnectionTrait;
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

/// The core view of a client row (or of an invoice's buyer kept as one).
pub fn to_core(m: &client::Model) -> Result<Client, AppError> {
    repo::client_of(m)
}

/// Loads a client row or says it does not exist, for the services that still read
/// the entity; this one reads `storage::clients`.
pub async fn load<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<client::Model, AppError> {
    repo::row(c, id).await
}

/// The names of some clients, by id, read in one query per thousand ids (a page's select).
pub async fn names<C: ConnectionTrait>(c: &C, ids: &[Uuid]) -> Result<Vec<(Uuid, String)>, AppError> {
    use crate::storage::entities::client;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(1_000) {
        out.extend(
            client::Entity::find()
                .select_only()
                .column(client::Column::Id)
                .column(client::Column::Name)
                .filter(client::Column::Id.is_in(chunk.iter().copied()))
                .into_tuple::<(Uuid, String)>()
                .all(c)
                .await?,
        );
    }
    Ok(out)
}

/// One client.
pub async fn get<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<RegisteredClient, AppError> {
    repo::get(c, id).await
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
) -> Result<RegisteredClient, AppError> {
    let Checked { core, scheme, endpoint } = check(pack, input)?;
    repo::insert(c, &RegisteredClient { id: ClientId::new(), client: core, endpoint: scheme.zip(endpoint) }).await
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

fn fields(r: &RegisteredClient) -> [(&'static str, Option<String>); 10] {
    let m = &r.client;
    let (scheme, id) = r.endpoint.clone().unzip();
    [
        ("name", Some(m.name.clone())),
        ("kind", Some(m.kind.as_str().to_owned())),
        ("country", Some(m.country.as_str().to_owned())),
        ("vat_number", m.vat_number.clone()),
        ("street", Some(m.street.clone())),
        ("postal_code", Some(m.postal_code.clone())),
        ("city", Some(m.city.clone())),
        ("email", m.email.clone()),
        ("endpoint_scheme", scheme),
        ("endpoint_id", id),
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
) -> Result<RegisteredClient, AppError> {
    let changes = history::merge_patch(patch, &EDITABLE)?;
    let row = repo::lock(c, id).await?;
    let stored = &row.client;
    let mut input = NewClient {
        name: stored.name.clone(),
        kind: stored.kind.as_str().to_owned(),
        country: stored.country.as_str().to_owned(),
        vat_number: stored.vat_number.clone(),
        street: stored.street.clone(),
        postal_code: stored.postal_code.clone(),
        city: stored.city.clone(),
        email: stored.email.clone(),
        endpoint: None,
    };
    let (mut scheme, mut endpoint_id) = row.endpoint.clone().unzip();
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
    let updated = repo::save(c, &RegisteredClient { id: row.id, client: core, endpoint: scheme.zip(endpoint) }).await?;
    history::record(c, Subject::Client, id, by, at, &history::diff(&before, &fields(&updated))).await?;
    Ok(updated)
}

/// Clients, newest first.
pub async fn list<C: ConnectionTrait>(c: &C, offset: u64, limit: u64) -> Result<Page<RegisteredClient>, AppError> {
    let (items, total) = repo::list(c, offset, limit).await?;
    Ok(Page { items, total, offset, limit })
}
