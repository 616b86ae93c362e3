//! Clients.

use super::views::{ClientView, Page};
use crate::error::AppError;
use crate::storage::entities::client;
use partage_core::client::{Client, ClientKind, CountryCode};
use partage_core::ClientId;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait, PaginatorTrait, QueryOrder, QuerySelect,
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

/// Registers a client after checking what invoicing relies on.
pub async fn create<C: ConnectionTrait>(c: &C, input: NewClient) -> Result<ClientView, AppError> {
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
            (Some(s), Some(id.trim().to_owned()))
        }
        Some((s, _)) => {
            return Err(AppError::invalid(
                "endpoint_scheme",
                format!("'{s}' is not a Peppol EAS code (four digits, e.g. 0208)"),
            ))
        }
        None => (None, None),
    };
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

/// Clients, newest first.
pub async fn list<C: ConnectionTrait>(c: &C, offset: u64, limit: u64) -> Result<Page<ClientView>, AppError> {
    let total = client::Entity::find().count(c).await?;
    let rows = client::Entity::find().order_by_desc(client::Column::Id).offset(offset).limit(limit).all(c).await?;
    Ok(Page { items: rows.into_iter().map(view).collect(), total, offset, limit })
}
