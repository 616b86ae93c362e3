//! Routes for payroll simulations and the pack's parameters.

use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::problem::Problem;
use super::requests::{ParametersQuery, SimulationRequest};
use crate::error::AppError;
use crate::service::views::{ParameterEntryView, ParametersView, SimulationView};
use crate::service::{coefficient_schedule, simulations, Node};
use axum::extract::State;
use axum::Json;

/// Simulates a monthly payslip from a gross, a budget or a net. Nothing is stored.
#[utoipa::path(post, path = "/api/v1/simulations", tag = "payroll", request_body = SimulationRequest,
    responses((status = 200, body = SimulationView), (status = 422, body = Problem)), security(("bearer" = [])))]
pub async fn simulate(
    State(node): State<Node>,
    ApiJson(body): ApiJson<SimulationRequest>,
) -> Result<Json<SimulationView>, Problem> {
    let input = body.into_input(node.currency(), node.pack.languages())?;
    // A contract made today would be computed at today's coefficient: so is the simulation.
    let coefficient = coefficient_schedule::coefficient_on(node.store.db(), &node, node.today()).await?;
    Ok(Json(simulations::simulate(node.pack.as_ref(), &node.settings, &input, Some(coefficient))?))
}

/// The pack's parameters in force on a date, each with its validity and source.
#[utoipa::path(get, path = "/api/v1/packs/{country}/parameters", tag = "payroll",
    params(("country" = String, Path, description = "Country code, e.g. be"), ParametersQuery),
    responses((status = 200, body = ParametersView), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn parameters(
    State(node): State<Node>,
    ApiPath(country): ApiPath<String>,
    ApiQuery(q): ApiQuery<ParametersQuery>,
) -> Result<Json<ParametersView>, Problem> {
    if !country.eq_ignore_ascii_case(node.pack.country().as_str()) {
        return Err(AppError::not_found("country pack", country).into());
    }
    let date = q.date.unwrap_or_else(|| node.today());
    let views = node.pack.parameters(date).map_err(AppError::from)?;
    Ok(Json(ParametersView {
        country: node.pack.country().to_string(),
        date,
        parameters: views
            .into_iter()
            .map(|v| ParameterEntryView {
                name: v.name,
                description: v.description,
                value: v.value,
                from: v.from,
                until: v.until,
                source: v.source,
            })
            .collect(),
    }))
}
