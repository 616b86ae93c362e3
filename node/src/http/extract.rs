//! Wrappers around axum's extractors so that their rejections are problem+json
//! naming the field at fault and the form it expects ("birth_date: expected a
//! date as YYYY-MM-DD, got '10/12/2026'"), never only a parser's words.
//!
//! The expected form is read from the OpenAPI document built from the same
//! types, so it stays true when a field changes.

use super::problem::{echo, Problem};
use crate::service::errors::Args;
use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequest, FromRequestParts, MatchedPath, RawPathParams, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_path_to_error::Segment;

/// Where a request's fields are declared in the OpenAPI document.
struct Route {
    path: Option<String>,
    method: String,
}

impl Route {
    fn of(method: &Method, matched: Option<&MatchedPath>) -> Route {
        Route { path: matched.map(|m| m.as_str().to_owned()), method: method.as_str().to_ascii_lowercase() }
    }

    fn operation(&self) -> Option<&'static Value> {
        let path = self.path.as_deref()?;
        document().get("paths")?.get(path)?.get(&self.method)
    }

    /// The schema of parameter `name` in `place` (`query` or `path`).
    fn parameter(&self, place: &str, name: &str) -> Option<&'static Value> {
        let params = self.operation()?.get("parameters")?.as_array()?;
        let p = params
            .iter()
            .find(|p| p.get("in") == Some(&Value::from(place)) && p.get("name") == Some(&Value::from(name)))?;
        p.get("schema").map(resolve)
    }

    /// The schema of the body field at `path`.
    fn body_field(&self, path: &[Segment]) -> Option<&'static Value> {
        let mut s =
            resolve(self.operation()?.get("requestBody")?.get("content")?.get("application/json")?.get("schema")?);
        for segment in path {
            s = resolve(match segment {
                Segment::Map { key } => s.get("properties")?.get(key)?,
                Segment::Seq { .. } => s.get("items")?,
                Segment::Enum { .. } | Segment::Unknown => return None,
            });
        }
        Some(s)
    }
}

/// The OpenAPI document, to look up what a field expects.
fn document() -> &'static Value {
    super::openapi()
}

/// Follows `$ref` and skips the `null` branch of an optional field.
fn resolve(mut s: &'static Value) -> &'static Value {
    // References do not nest deeper than a few levels; the bound keeps a
    // self-referencing schema from looping.
    for _ in 0..8 {
        if let Some(name) = s.get("$ref").and_then(Value::as_str).and_then(|r| r.rsplit('/').next()) {
            match document().get("components").and_then(|c| c.get("schemas")).and_then(|c| c.get(name)) {
                Some(target) => s = target,
                None => return s,
            }
        } else if let Some(alternatives) = s.get("oneOf").or_else(|| s.get("anyOf")).and_then(Value::as_array) {
            match alternatives.iter().find(|a| a.get("type") != Some(&Value::from("null"))) {
                Some(a) => s = a,
                None => return s,
            }
        } else {
            return s;
        }
    }
    s
}

/// The form a schema takes, for a person: "a date as YYYY-MM-DD".
fn expected(s: &Value) -> Option<Form> {
    let ty = match s.get("type") {
        Some(Value::String(t)) => Some(t.as_str()),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).find(|t| *t != "null"),
        _ => None,
    };
    let format = s.get("format").and_then(Value::as_str);
    Some(match (format, ty) {
        (Some("date"), _) => ("form-date", vec![]),
        (Some("date-time"), _) => ("form-date-time", vec![]),
        (Some("uuid"), _) => ("form-uuid", vec![]),
        (_, Some("integer")) => {
            let min = s.get("minimum").and_then(Value::as_i64);
            let max = s.get("maximum").and_then(Value::as_i64);
            match (min, max) {
                (Some(a), Some(b)) => ("form-integer-between", vec![("min", a.to_string()), ("max", b.to_string())]),
                (Some(a), None) => ("form-integer-from", vec![("min", a.to_string())]),
                _ => ("form-integer", vec![]),
            }
        }
        (_, Some("boolean")) => ("form-boolean", vec![]),
        (_, Some("array")) => ("form-array", vec![]),
        (_, Some("object")) => ("form-object", vec![]),
        (_, Some("string")) => {
            // Descriptions show the form between backquotes: "The month, `YYYY-MM`."
            let description = s.get("description").and_then(Value::as_str).unwrap_or_default();
            match description.split('`').nth(1) {
                Some(form) if !form.is_empty() => ("form-string-like", vec![("example", form.to_owned())]),
                _ => ("form-string", vec![]),
            }
        }
        _ => return None,
    })
}

/// A parser's message without serde_json's "at line 1 column 30".
fn plain(message: &str) -> &str {
    message.split(" at line ").next().unwrap_or(message)
}

/// `parent.name`, or `name` at the root.
fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() || parent == "." {
        name.to_owned()
    } else {
        format!("{parent}.{name}")
    }
}

/// The name between the first pair of backquotes of a serde message.
fn quoted(message: &str) -> Option<&str> {
    message.split('`').nth(1)
}

/// A form a value must take: its catalogue message (`form-date`...) and the values it quotes.
type Form = (&'static str, Args);

/// The problem for a field that does not fit: which field, the form expected,
/// the value sent (cut short). With the form known, the detail is the catalogue's, so it is
/// written in the request's language; a parser's own words stay English.
fn field_problem(
    status: StatusCode,
    code: &str,
    field: &str,
    form: Option<Form>,
    got: Option<String>,
    message: &str,
) -> Problem {
    let Some((form, form_args)) = form else {
        let detail = match got {
            Some(got) => format!("{field}: {message}, got {got}"),
            None => format!("{field}: {message}"),
        };
        return Problem::new(status, code, detail).with_field(field);
    };
    let (id, args) = match got {
        Some(got) => ("field-expected-got", vec![("field", field.to_owned()), ("got", got)]),
        None => ("field-expected", vec![("field", field.to_owned())]),
    };
    Problem::from_catalogue(status, code, id, args, vec![("form", form, form_args)], || format!("{field}: {message}"))
        .with_field(field)
}

/// Whether the request says its body is JSON (`application/json` or `+json`).
fn is_json(headers: &HeaderMap) -> bool {
    let Some(mime) = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) else { return false };
    let essence = mime.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// The value at a serde path in a JSON document.
fn value_at<'a>(mut v: &'a Value, path: &[Segment]) -> Option<&'a Value> {
    for segment in path {
        v = match segment {
            Segment::Map { key } => v.get(key)?,
            Segment::Seq { index } => v.get(index)?,
            Segment::Enum { .. } | Segment::Unknown => return None,
        };
    }
    Some(v)
}

/// A JSON value echoed in a message, cut short.
fn echo_json(v: &Value) -> String {
    match v {
        Value::String(s) => echo(s),
        other => echo(&other.to_string()),
    }
}

/// A JSON body; malformed JSON or a wrong field gives a problem document.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = Problem;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let route = Route::of(req.method(), req.extensions().get::<MatchedPath>());
        if !is_json(req.headers()) {
            return Err(Problem::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "not-json",
                "send the body as JSON with Content-Type: application/json",
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                Problem::new(StatusCode::PAYLOAD_TOO_LARGE, "body-too-large", "the body is larger than the node takes")
            } else {
                Problem::new(StatusCode::BAD_REQUEST, "bad-body", format!("the body could not be read: {e}"))
            }
        })?;
        if let Some(problem) = nul_problem(&bytes) {
            return Err(problem);
        }
        let mut de = serde_json::Deserializer::from_slice(&bytes);
        let value = serde_path_to_error::deserialize::<_, T>(&mut de).map_err(|e| body_problem(&route, &bytes, &e))?;
        de.end().map_err(|e| malformed(&e))?;
        Ok(ApiJson(value))
    }
}

/// PostgreSQL cannot store the NUL character in text (SQLite can): a string
/// holding one is refused here, naming its field, rather than failing in the
/// database. JSON can only carry it escaped, so a body without `\u0000` has none.
fn nul_problem(bytes: &[u8]) -> Option<Problem> {
    let escaped = bytes.windows(6).any(|w| w.eq_ignore_ascii_case(b"\\u0000"));
    if !escaped {
        return None;
    }
    let value: Value = serde_json::from_slice(bytes).ok()?;
    let field = nul_path(&value, String::new())?;
    let field = if field.is_empty() { "body".to_owned() } else { field };
    let detail = format!("{field}: text must not contain the NUL character (\\u0000)");
    Some(Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body", detail).with_field(field))
}

/// Where in a JSON value a string (or a key) holds a NUL character.
fn nul_path(v: &Value, at: String) -> Option<String> {
    match v {
        Value::String(s) => s.contains('\0').then_some(at),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, x)| nul_path(x, format!("{at}[{i}]"))),
        Value::Object(map) => map.iter().find_map(|(k, x)| {
            let here = join(&at, k);
            if k.contains('\0') {
                Some(here)
            } else {
                nul_path(x, here)
            }
        }),
        _ => None,
    }
}

fn malformed(e: &serde_json::Error) -> Problem {
    let reason = plain(&e.to_string()).to_owned();
    let (line, column) = (e.line(), e.column());
    let fallback = || format!("the body is not valid JSON: {reason} (line {line}, column {column})");
    // The parser's reason stays in its English; where it stopped is said in the request's language.
    let args = vec![("reason", reason.clone()), ("line", line.to_string()), ("column", column.to_string())];
    Problem::from_catalogue(StatusCode::BAD_REQUEST, "malformed-json", "malformed-json", args, vec![], fallback)
}

fn body_problem(route: &Route, bytes: &[u8], e: &serde_path_to_error::Error<serde_json::Error>) -> Problem {
    use serde_json::error::Category;
    if matches!(e.inner().classify(), Category::Syntax | Category::Eof | Category::Io) {
        return malformed(e.inner());
    }
    let message = e.inner().to_string();
    let message = plain(&message);
    let path: Vec<Segment> = e.path().iter().cloned().collect();
    let parent = e.path().to_string();
    let invalid = StatusCode::UNPROCESSABLE_ENTITY;
    if message.starts_with("missing field") {
        let name = quoted(message).unwrap_or_default();
        let field = join(&parent, name);
        let mut full = path.clone();
        full.push(Segment::Map { key: name.to_owned() });
        let args = vec![("field", field.clone())];
        let p = match route.body_field(&full).and_then(expected) {
            Some((form, form_args)) => {
                let nested = vec![("form", form, form_args)];
                Problem::from_catalogue(invalid, "invalid-body", "field-required-form", args, nested, || {
                    format!("{field}: required")
                })
            }
            None => Problem::from_catalogue(invalid, "invalid-body", "field-required", args, vec![], || {
                format!("{field}: required")
            }),
        };
        return p.with_field(field);
    }
    if message.starts_with("unknown field") {
        // The path already ends with the unknown key.
        let name = quoted(message).unwrap_or_default();
        let known = matches!(path.last(), Some(Segment::Map { key }) if key == name);
        let field = if known { parent.clone() } else { join(&parent, name) };
        // serde lists the fields it takes between backquotes after the unknown one's.
        let fields: Vec<&str> = message.split('`').skip(3).step_by(2).collect();
        let fallback = || format!("{field}: not a field of this request");
        let p = if fields.is_empty() {
            Problem::from_catalogue(
                invalid,
                "invalid-body",
                "field-unknown-none",
                vec![("field", field.clone())],
                vec![],
                fallback,
            )
        } else {
            let listed = fields.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ");
            let args = vec![("field", field.clone()), ("fields", listed)];
            Problem::from_catalogue(invalid, "invalid-body", "field-unknown", args, vec![], fallback)
        };
        return p.with_field(field);
    }
    if path.is_empty() {
        return Problem::new(invalid, "invalid-body", format!("the body does not fit: {message}")).with_field("body");
    }
    let sent: Option<Value> = serde_json::from_slice(bytes).ok();
    let got = sent.as_ref().and_then(|v| value_at(v, &path)).map(echo_json);
    let form = route.body_field(&path).and_then(expected);
    field_problem(invalid, "invalid-body", &parent, form, got, message)
}

/// Path parameters; a malformed id gives a problem document.
pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(ApiPath(v)),
            Err(rejection) => {
                let route = Route::of(&parts.method, parts.extensions.get::<MatchedPath>());
                let raw: Vec<(String, String)> = RawPathParams::from_request_parts(parts, state)
                    .await
                    .map(|p| p.iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect())
                    .unwrap_or_default();
                Err(path_problem(&route, &raw, &rejection))
            }
        }
    }
}

fn path_problem(route: &Route, raw: &[(String, String)], rejection: &PathRejection) -> Problem {
    use axum::extract::path::ErrorKind;
    let generic =
        || Problem::new(StatusCode::BAD_REQUEST, "bad-id", format!("the path is not valid: {}", rejection.body_text()));
    let PathRejection::FailedToDeserializePathParams(e) = rejection else { return generic() };
    let only = || match raw {
        [(k, _)] => Some(k.clone()),
        _ => None,
    };
    let key = match e.kind() {
        ErrorKind::ParseErrorAtKey { key, .. }
        | ErrorKind::DeserializeError { key, .. }
        | ErrorKind::InvalidUtf8InPathParam { key } => Some(key.clone()),
        ErrorKind::ParseErrorAtIndex { index, .. } => raw.get(*index).map(|(k, _)| k.clone()),
        _ => only(),
    };
    let Some(field) = key else { return generic() };
    let got = raw.iter().find(|(k, _)| *k == field).map(|(_, v)| echo(v));
    let form = route.parameter("path", &field).and_then(expected);
    field_problem(StatusCode::BAD_REQUEST, "bad-id", &field, form, got, "not valid")
}

/// Query parameters; a wrong one gives a problem document.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize::<_, T>(de).map(ApiQuery).map_err(|e| {
            let route = Route::of(&parts.method, parts.extensions.get::<MatchedPath>());
            let message = e.inner().to_string();
            let field = match quoted(&message) {
                Some(name) if message.starts_with("missing field") || message.starts_with("unknown field") => {
                    name.to_owned()
                }
                _ => e.path().to_string(),
            };
            let got = form_urlencoded::parse(query.as_bytes()).find(|(k, _)| *k == field).map(|(_, v)| echo(&v));
            let form = route.parameter("query", &field).and_then(expected);
            field_problem(StatusCode::BAD_REQUEST, "bad-query", &field, form, got, &message)
        })
    }
}
