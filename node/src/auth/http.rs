//! The HTTP side of authentication: the middleware every API request goes through
//! (who is asking, then [`policy`] on the matched route), the admin's
//! `/api-tokens` and `/accounts` (staff accounts and their roles), and the browser's
//! `/auth/*` routes.

use super::policy::{self, MemberRule};
use super::{oidc, sessions, tokens, AuthError, AuthRefusal, Principal, Role};
use crate::error::AppError;
use crate::http::extract::{ApiJson, ApiPath, ApiQuery};
use crate::http::idempotency::Idempotent;
use crate::http::problem::Problem;
use crate::http::requests::Paging;
use crate::service::views::Page;
use crate::service::Node;
use axum::extract::{MatchedPath, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// The session cookie: a random id, HTTP-only, Secure, SameSite=Lax.
pub const SESSION_COOKIE: &str = "partage_session";
/// The cookie binding a sign-in under way to the browser that started it.
pub const LOGIN_COOKIE: &str = "partage_login";
/// The header a signed-in browser's unsafe API requests carry.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The token of an `Authorization: Bearer <token>` header. The scheme name is
/// case-insensitive (RFC 9110 §11.1, which replaced RFC 7235), so `bearer` and
/// `BEARER` are the same scheme.
pub fn bearer_token(value: &HeaderValue) -> Option<String> {
    let (scheme, token) = value.to_str().ok()?.trim_start().split_once(' ')?;
    let token = token.trim_matches(' ');
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_owned())
}

/// A cookie's value from the request's `Cookie` headers.
pub use partage_oidc::cookie;

fn set_cookie(name: &str, value: &str, path: &str, max_age: i64) -> HeaderValue {
    let text = format!("{name}={value}; Path={path}; Max-Age={max_age}; HttpOnly; Secure; SameSite=Lax");
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static("invalid=; Max-Age=0"))
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Who is asking: a bearer token first (a script's, sent on purpose), else the
/// session cookie, whose unsafe requests must carry the session's CSRF token.
async fn principal(node: &Node, headers: &HeaderMap, method: &Method) -> Result<Principal, AuthError> {
    let db = node.store.db();
    if let Some(token) = headers.get(header::AUTHORIZATION).and_then(bearer_token) {
        return tokens::authenticate_cached(db, &node.tokens, &token)
            .await?
            .ok_or_else(|| AuthRefusal::TokenUnknown.into());
    }
    let Some(cookie) = cookie(headers, SESSION_COOKIE) else { return Err(AuthRefusal::NoCredentials.into()) };
    let p = sessions::authenticate(db, &cookie, node.now()).await?.ok_or(AuthRefusal::SessionUnknown)?;
    if !is_safe(method) {
        let sent = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or_default();
        let expected = p.csrf.as_deref().unwrap_or_default();
        if expected.is_empty() || !super::constant_time_eq(sent.as_bytes(), expected.as_bytes()) {
            return Err(AuthRefusal::CsrfMissing { method: method.to_string() }.into());
        }
    }
    Ok(p)
}

/// The largest body a member's write is read to check its owner (the API's own limit).
const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// Checks the principal may make this request; a member's write comes back with its
/// body read and put back.
async fn authorize(node: &Node, p: &Principal, req: Request) -> Result<Request, AuthError> {
    let route = req.extensions().get::<MatchedPath>().map(|m| m.as_str().to_owned());
    // An unknown route answers its own 404 whoever asks.
    let Some(route) = route else { return Ok(req) };
    let method = req.method().clone();
    if p.role != Role::Member {
        return if policy::staff_may(p.role, &method, &route) {
            Ok(req)
        } else {
            Err(AuthRefusal::RoleForbidden { role: p.role, method: method.to_string(), route }.into())
        };
    }
    let forbidden =
        || AuthRefusal::RoleForbidden { role: Role::Member, method: method.to_string(), route: route.clone() };
    let rule = policy::member_rule(&method, &route).ok_or_else(forbidden)?;
    let member = p.member.ok_or_else(forbidden)?;
    let db = node.store.db();
    match rule {
        MemberRule::Open => Ok(req),
        MemberRule::Path(kind) => {
            let id = policy::path_param(&route, req.uri().path(), "id").unwrap_or_default().to_owned();
            policy::check_path(db, p, kind, &id).await?;
            Ok(req)
        }
        MemberRule::Filter => {
            let query = req.uri().query().unwrap_or_default();
            let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
            let value = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
            policy::check_named(db, member, value("member_id"), value("activity_id")).await?;
            Ok(req)
        }
        MemberRule::Body => {
            let (parts, body) = req.into_parts();
            let bytes = axum::body::to_bytes(body, BODY_LIMIT).await.map_err(|_| forbidden())?;
            let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
            let field = |k: &str| json.get(k).map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned));
            policy::check_named(db, member, field("member_id").as_deref(), field("activity_id").as_deref()).await?;
            Ok(Request::from_parts(parts, axum::body::Body::from(bytes)))
        }
    }
}

/// The middleware of every API route: health and the browser's `/auth/*` routes
/// are open; a platform's routes take the platform's own token, and only it; every
/// other route takes an API token or a session, then the role's check.
pub async fn require(State(node): State<Node>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if path == "/api/v1/health" || path.starts_with("/auth/") {
        return next.run(req).await;
    }
    if path.starts_with("/api/v1/platform/") {
        let presented = req.headers().get(header::AUTHORIZATION).and_then(bearer_token);
        let Some(token) = presented else {
            return Problem::new(StatusCode::UNAUTHORIZED, "no-token", "send Authorization: Bearer <platform token>")
                .into_response();
        };
        return match crate::service::platforms::by_token(node.store.db(), &token).await {
            Ok(Some(p)) => {
                req.extensions_mut().insert(crate::http::platforms::PlatformAuth(p));
                next.run(req).await
            }
            Ok(None) => AuthRefusal::TokenUnknown.into_response(),
            Err(e) => Problem::from(e).into_response(),
        };
    }
    let (headers, method) = (req.headers().clone(), req.method().clone());
    let p = match principal(&node, &headers, &method).await {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    match authorize(&node, &p, req).await {
        Ok(mut req) => {
            req.extensions_mut().insert(p);
            next.run(req).await
        }
        Err(e) => e.into_response(),
    }
}

/// What an admin asks for a new token.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewApiTokenRequest {
    /// What it is for (`Rides platform`, `nightly export`).
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub name: String,
    /// What it may do.
    pub role: Role,
    /// For the member role: the member it acts as.
    #[schema(pattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    pub member_id: Option<Uuid>,
}

/// Makes an API token; the answer is the only place its secret appears.
#[utoipa::path(post, path = "/api/v1/api-tokens", tag = "auth", request_body = NewApiTokenRequest,
    responses((status = 201, body = tokens::NewApiTokenView), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn create_token(
    State(node): State<Node>,
    Extension(by): Extension<Principal>,
    ApiJson(body): ApiJson<NewApiTokenRequest>,
) -> Result<Response, Problem> {
    let new = tokens::NewToken { name: body.name, role: body.role, member_id: body.member_id };
    let txn = node.store.write().await.map_err(crate::error::AppError::from)?;
    let made = tokens::create(&*txn, new, node.now(), &by.name).await?;
    txn.commit().await.map_err(crate::error::AppError::from)?;
    let location = format!("/api/v1/api-tokens/{}", made.token.id);
    let mut res = (StatusCode::CREATED, Json(made)).into_response();
    if let Ok(v) = HeaderValue::from_str(&location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    Ok(res)
}

/// Every API token, newest first, without their secrets.
#[utoipa::path(get, path = "/api/v1/api-tokens", tag = "auth",
    responses((status = 200, body = Vec<tokens::ApiTokenView>), (status = 403, body = Problem)), security(("bearer" = [])))]
pub async fn list_tokens(State(node): State<Node>) -> Result<Json<Vec<tokens::ApiTokenView>>, Problem> {
    Ok(Json(tokens::list(node.store.db()).await?))
}

/// Revokes an API token: it opens nothing from now on.
#[utoipa::path(delete, path = "/api/v1/api-tokens/{id}", tag = "auth", params(("id" = Uuid, Path, description = "The token's id")),
    responses((status = 204, description = "Revoked"), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn revoke_token(
    State(node): State<Node>,
    Extension(by): Extension<Principal>,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode, Problem> {
    let txn = node.store.write().await.map_err(crate::error::AppError::from)?;
    tokens::revoke(&*txn, id, node.now(), &by.name).await?;
    txn.commit().await.map_err(crate::error::AppError::from)?;
    node.tokens.forget_all();
    Ok(StatusCode::NO_CONTENT)
}

/// A staff account an admin adds.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAccountRequest {
    /// The e-mail the identity provider vouches for (not a member's: a member signs in as one).
    #[schema(min_length = 3, max_length = 254, pattern = "^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+$")]
    pub email: String,
    /// Its role: a member signs in with their member e-mail instead.
    pub role: StaffRole,
}

/// A staff account's new role.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleRequest {
    /// Advisor, admin or hq.
    pub role: StaffRole,
}

/// The roles of the office's staff.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum StaffRole {
    /// The whole office.
    Advisor,
    /// The whole office, tokens and accounts.
    Admin,
    /// Aggregate figures.
    Hq,
}

impl From<StaffRole> for Role {
    fn from(r: StaffRole) -> Role {
        match r {
            StaffRole::Advisor => Role::Advisor,
            StaffRole::Admin => Role::Admin,
            StaffRole::Hq => Role::Hq,
        }
    }
}

/// A staff account as answered: never a secret (the provider's subject is not shown either).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AccountView {
    /// Its id.
    pub id: Uuid,
    /// Its e-mail, lower case.
    pub email: String,
    /// Advisor, admin or hq.
    pub role: Role,
    /// Whether the person has signed in: the account is then linked to their identity at the provider.
    pub linked: bool,
    /// When it was added.
    pub created_at: NaiveDateTime,
}

impl From<sessions::StaffAccount> for AccountView {
    fn from(a: sessions::StaffAccount) -> AccountView {
        AccountView { id: a.id, email: a.email, role: a.role, linked: a.signed_in, created_at: a.created_at }
    }
}

/// Filters of the staff account list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AccountFilter {
    /// Only the accounts of this role.
    #[param(inline)]
    pub role: Option<StaffRole>,
    /// Items to skip (default 0).
    #[param(minimum = 0, maximum = 1_000_000_000)]
    pub offset: Option<u64>,
    /// Page size (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u64>,
}

/// The staff accounts (advisor, admin, hq) by e-mail, a page at a time; members' accounts
/// come from their member records and are not listed.
#[utoipa::path(get, path = "/api/v1/accounts", tag = "auth", params(AccountFilter),
    responses((status = 200, body = Page<AccountView>), (status = 403, body = Problem)), security(("bearer" = [])))]
pub async fn list_accounts(
    State(node): State<Node>,
    ApiQuery(f): ApiQuery<AccountFilter>,
) -> Result<Json<Page<AccountView>>, Problem> {
    let (offset, limit) = Paging { offset: f.offset, limit: f.limit }.bounds()?;
    let page = sessions::staff_page(node.store.db(), f.role.map(Role::from), offset, limit).await?;
    Ok(Json(Page {
        items: page.items.into_iter().map(AccountView::from).collect(),
        total: page.total,
        offset: page.offset,
        limit: page.limit,
    }))
}

/// One staff account.
#[utoipa::path(get, path = "/api/v1/accounts/{id}", tag = "auth", params(("id" = Uuid, Path, description = "The account's id")),
    responses((status = 200, body = AccountView), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn get_account(State(node): State<Node>, ApiPath(id): ApiPath<Uuid>) -> Result<Json<AccountView>, Problem> {
    Ok(Json(sessions::staff_account(node.store.db(), id).await?.into()))
}

/// Adds a staff account (advisor, admin, hq): its person signs in through the provider.
/// The audit log keeps who added it.
#[utoipa::path(post, path = "/api/v1/accounts", tag = "auth", request_body = NewAccountRequest, params(Idempotent),
    responses((status = 201, body = AccountView), (status = 403, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn create_account(
    State(node): State<Node>,
    Extension(by): Extension<Principal>,
    idempotent: Idempotent,
    ApiJson(body): ApiJson<NewAccountRequest>,
) -> Result<Response, Problem> {
    let now = node.now();
    idempotent
        .run(&node, &body, StatusCode::CREATED, async |txn| {
            let a = sessions::add_staff_recorded(txn, &body.email, body.role.into(), now, &by.name).await?;
            Ok(AccountView::from(sessions::StaffAccount::try_from(&a)?))
        })
        .await
}

/// Gives a staff account another staff role; its sessions have it at their next request.
/// The last admin stays admin (409 `last-admin`) and a member's account keeps its role
/// (409 `member-account-role-fixed`); the audit log keeps who changed it.
#[utoipa::path(put, path = "/api/v1/accounts/{id}/role", tag = "auth", request_body = RoleRequest,
    params(("id" = Uuid, Path, description = "The account's id")),
    responses((status = 200, body = AccountView), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn change_role(
    State(node): State<Node>,
    Extension(by): Extension<Principal>,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<RoleRequest>,
) -> Result<Json<AccountView>, Problem> {
    let txn = node.store.write().await.map_err(AppError::from)?;
    let a = sessions::change_role(&*txn, id, body.role.into(), node.now(), &by.name).await?;
    txn.commit().await.map_err(AppError::from)?;
    Ok(Json(a.into()))
}

/// The callback's query: the provider's code and the state, or its error.
#[derive(Debug, Deserialize)]
pub struct Callback {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

/// A logout form: its CSRF token (or the header).
#[derive(Debug, Deserialize)]
pub struct LogoutForm {
    csrf: Option<String>,
}

async fn login(State(node): State<Node>) -> Response {
    match oidc::start(&node.store, &node.settings.auth, node.now()).await {
        Ok((url, browser)) => {
            let mut res = Redirect::to(&url).into_response();
            res.headers_mut().append(header::SET_COOKIE, set_cookie(LOGIN_COOKIE, &browser, "/auth", 600));
            res
        }
        Err(e) => e.into_response(),
    }
}

async fn callback(State(node): State<Node>, headers: HeaderMap, Query(q): Query<Callback>) -> Response {
    if let Some(error) = q.error {
        let reason = match q.error_description {
            Some(d) => format!("{error} ({d})"),
            None => error,
        };
        return AuthRefusal::LoginRefused { reason }.into_response();
    }
    let (Some(code), Some(state)) = (q.code, q.state) else { return AuthRefusal::LoginUnknown.into_response() };
    let browser = cookie(&headers, LOGIN_COOKIE);
    let finished =
        oidc::finish(&node.store, &node.settings.auth, &state, &code, browser.as_deref(), node.now(), node.instant())
            .await;
    match finished {
        Ok(secret) => {
            let mut res = Redirect::to("/auth/session").into_response();
            let age = i64::from(node.settings.auth.session_hours) * 3600;
            res.headers_mut().append(header::SET_COOKIE, set_cookie(SESSION_COOKIE, &secret, "/", age));
            res.headers_mut().append(header::SET_COOKIE, set_cookie(LOGIN_COOKIE, "", "/auth", 0));
            res
        }
        Err(e) => e.into_response(),
    }
}

/// Who the browser is signed in as, and the CSRF token its forms and unsafe API
/// requests carry.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SessionView {
    /// The role.
    pub role: Role,
    /// The member, for the member role.
    pub member_id: Option<Uuid>,
    /// Send it as `X-CSRF-Token` (or the `csrf` form field) with every unsafe request.
    pub csrf: String,
}

async fn session(State(node): State<Node>, headers: HeaderMap) -> Response {
    let Some(c) = cookie(&headers, SESSION_COOKIE) else { return AuthRefusal::NoCredentials.into_response() };
    match sessions::authenticate(node.store.db(), &c, node.now()).await {
        Ok(Some(p)) => {
            let mut res = Json(SessionView { role: p.role, member_id: p.member, csrf: p.csrf.unwrap_or_default() })
                .into_response();
            res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            res
        }
        Ok(None) => AuthRefusal::SessionUnknown.into_response(),
        Err(e) => Problem::from(e).into_response(),
    }
}

async fn logout(State(node): State<Node>, headers: HeaderMap, body: axum::body::Bytes) -> Response {
    let Some(c) = cookie(&headers, SESSION_COOKIE) else { return AuthRefusal::NoCredentials.into_response() };
    let db = node.store.db();
    let p = match sessions::authenticate(db, &c, node.now()).await {
        Ok(Some(p)) => p,
        Ok(None) => return AuthRefusal::SessionUnknown.into_response(),
        Err(e) => return Problem::from(e).into_response(),
    };
    let form: LogoutForm = serde_urlencoded::from_bytes(&body).unwrap_or(LogoutForm { csrf: None });
    let sent = form.csrf.or_else(|| headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()).map(str::to_owned));
    let expected = p.csrf.unwrap_or_default();
    if !sent.is_some_and(|s| super::constant_time_eq(s.as_bytes(), expected.as_bytes())) {
        return AuthRefusal::CsrfMissing { method: "POST".into() }.into_response();
    }
    let closed = async {
        let txn = node.store.write().await?;
        let closed = sessions::close(&*txn, &c).await?;
        txn.commit().await?;
        Ok::<_, crate::error::AppError>(closed)
    };
    let closed = match closed.await {
        Ok(s) => s,
        Err(e) => return Problem::from(e).into_response(),
    };
    let target = match closed {
        Some(s) => match oidc::logout_url(&node.settings.auth, &s.id_token).await {
            Ok(Some(url)) => url,
            Ok(None) | Err(_) => "/auth/signed-out".to_owned(),
        },
        None => "/auth/signed-out".to_owned(),
    };
    let mut res = Redirect::to(&target).into_response();
    res.headers_mut().append(header::SET_COOKIE, set_cookie(SESSION_COOKIE, "", "/", 0));
    res
}

async fn signed_out() -> Response {
    let mut res = (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Signed out</title>\
         <p>You are signed out. <a href=\"/auth/login\">Sign in again</a>.</p></html>",
    )
        .into_response();
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// The browser's sign-in routes: `/auth/login`, `/auth/callback`, `/auth/session`,
/// `/auth/logout` (POST, with the session's CSRF token), `/auth/signed-out`.
pub fn routes() -> Router<Node> {
    Router::new()
        .route("/auth/login", get(login))
        .route("/auth/callback", get(callback))
        .route("/auth/session", get(session))
        .route("/auth/logout", post(logout))
        .route("/auth/signed-out", get(signed_out))
}
