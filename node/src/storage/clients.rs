//! The clients repository: client rows in and out as `core::client::RegisteredClient`.
//!
//! A stored kind or country the core does not read is a damaged row
//! (`AppError::Corrupt` naming the value).

use super::entities::client;
use crate::error::AppError;
use partage_core::client::{Client, ClientKind, CountryCode, RegisteredClient};
use partage_core::ClientId;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait, PaginatorTrait, QueryOrder, QuerySelect,
};
use uuid::Uuid;

/// The core client of a client row (or of a buyer kept as a client row).
pub fn client_of(m: &client::Model) -> Result<Client, AppError> {
    Ok(Client {
        name: m.name.clone(),
        kind: ClientKind::parse(&m.kind).map_err(|_| AppError::Corrupt(format!("client kind '{}'", m.kind)))?,
        country: CountryCode::from_letters(&m.country)
            .map_err(|_| AppError::Corrupt(format!("country '{}'", m.country)))?,
        vat_number: m.vat_number.clone(),
        street: m.street.clone(),
        postal_code: m.postal_code.clone(),
        city: m.city.clone(),
        email: m.email.clone(),
    })
}

/// A client row as the core's record. An endpoint is both its parts or none.
pub fn registered_of(m: &client::Model) -> Result<RegisteredClient, AppError> {
    Ok(RegisteredClient {
        id: ClientId(m.id),
        client: client_of(m)?,
        endpoint: m.endpoint_scheme.clone().zip(m.endpoint_id.clone()),
    })
}

/// A client row, for the services that still read the entity (invoices, work...).
pub async fn row<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<client::Model, AppError> {
    client::Entity::find_by_id(id).one(c).await?.ok_or_else(|| AppError::not_found("client", id))
}

/// One client, or not found.
pub async fn get<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<RegisteredClient, AppError> {
    registered_of(&row(c, id).await?)
}

/// One client, its row locked for update (a correction).
pub async fn lock<C: ConnectionTrait>(c: &C, id: Uuid) -> Result<RegisteredClient, AppError> {
    let m = client::Entity::find_by_id(id)
        .lock_exclusive()
        .one(c)
        .await?
        .ok_or_else(|| AppError::not_found("client", id))?;
    registered_of(&m)
}

/// Clients, newest first; with the count of all pages.
pub async fn list<C: ConnectionTrait>(
    c: &C,
    offset: u64,
    limit: u64,
) -> Result<(Vec<RegisteredClient>, u64), AppError> {
    let total = client::Entity::find().count(c).await?;
    let rows = client::Entity::find().order_by_desc(client::Column::Id).offset(offset).limit(limit).all(c).await?;
    Ok((rows.iter().map(registered_of).collect::<Result<_, _>>()?, total))
}

fn columns(r: &RegisteredClient) -> client::ActiveModel {
    let c = &r.client;
    let (scheme, id) = r.endpoint.clone().unzip();
    client::ActiveModel {
        id: Set(r.id.0),
        name: Set(c.name.clone()),
        kind: Set(c.kind.as_str().into()),
        country: Set(c.country.as_str().into()),
        vat_number: Set(c.vat_number.clone()),
        street: Set(c.street.clone()),
        postal_code: Set(c.postal_code.clone()),
        city: Set(c.city.clone()),
        email: Set(c.email.clone()),
        endpoint_scheme: Set(scheme),
        endpoint_id: Set(id),
    }
}

/// Stores a new client.
pub async fn insert<C: ConnectionTrait>(c: &C, r: &RegisteredClient) -> Result<RegisteredClient, AppError> {
    registered_of(&columns(r).insert(c).await?)
}

/// Stores a client's record over its row.
pub async fn save<C: ConnectionTrait>(c: &C, r: &RegisteredClient) -> Result<RegisteredClient, AppError> {
    registered_of(&columns(r).update(c).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored() -> client::Model {
        client::Model {
            id: Uuid::nil(),
            name: "Théâtre du Parc".into(),
            kind: "business".into(),
            country: "BE".into(),
            vat_number: Some("BE0403170701".into()),
            street: "Rue de la Loi 3".into(),
            postal_code: "1000".into(),
            city: "Bruxelles".into(),
            email: None,
            endpoint_scheme: Some("0208".into()),
            endpoint_id: Some("0403170701".into()),
        }
    }

    #[test]
    fn a_client_row_reads_back_and_writes_back_the_same() {
        let r = registered_of(&stored()).unwrap();
        assert_eq!(r.client.kind, ClientKind::Business);
        assert_eq!(r.endpoint, Some(("0208".to_owned(), "0403170701".to_owned())));
        let row = columns(&r);
        assert_eq!(row.kind, Set("business".to_owned()));
        assert_eq!(row.country, Set("BE".to_owned()));
        assert_eq!(row.endpoint_id, Set(Some("0403170701".to_owned())));
    }

    #[test]
    fn an_unknown_stored_kind_or_country_is_corrupt_and_names_the_value() {
        let kind = client::Model { kind: "government".into(), ..stored() };
        match registered_of(&kind) {
            Err(AppError::Corrupt(what)) => assert_eq!(what, "client kind 'government'"),
            other => panic!("expected Corrupt, got {other:?}"),
        }
        let country = client::Model { country: "Belgium".into(), ..stored() };
        match registered_of(&country) {
            Err(AppError::Corrupt(what)) => assert_eq!(what, "country 'Belgium'"),
            other => panic!("expected Corrupt, got {other:?}"),
        }
    }
}
