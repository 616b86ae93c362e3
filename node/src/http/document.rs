//! Finishing the OpenAPI document generated from the handlers' annotations, in
//! one place rather than in seventy annotations: every error a route can answer,
//! as the `application/problem+json` it is; unique operation ids; what the
//! node's date-times really look like. (The `Idempotency-Key` header is
//! documented by the `Idempotent` extractor of the handlers that read it.)

use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The media type of every error (RFC 9457).
const PROBLEM: &str = "application/problem+json";

/// Why each status is answered, for the statuses every route of a kind can give.
const STANDARD: [(&str, &str); 7] = [
    ("400", "Malformed JSON, id, query parameter or Idempotency-Key; `field` names it"),
    ("401", "No token, or not the right one"),
    ("403", "The role may not do this, a member asked for another member's record, or a signed-in browser sent no CSRF token"),
    ("404", "No such resource"),
    ("413", "The body is over the node's limit"),
    ("415", "The body is not sent as application/json"),
    ("422", "A value is wrong or out of its range; `field` names it"),
];

/// The node's date-times: the legal local time of the node, without offset.
const LOCAL_DATE_TIME: &str = "Local date and time of the node's legal time zone (Europe/Brussels for a \
Belgian node), written `YYYY-MM-DDTHH:MM:SS` without offset (ISO 8601 local time).";

/// Applies every finishing step to the generated document.
pub fn finish(doc: &mut Value) {
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else { return };
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    for item in paths.values() {
        for op in operations(item) {
            if let Some(id) = op.get("operationId").and_then(Value::as_str) {
                *ids.entry(id.to_owned()).or_default() += 1;
            }
        }
    }
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else { continue };
        for (method, op) in item.iter_mut() {
            if !is_method(method) {
                continue;
            }
            let Some(op) = op.as_object_mut() else { continue };
            rename_if_shared(op, path, &ids);
            session_too(op, path);
            errors(op);
            location(op);
        }
    }
    wire_dates(doc);
    if let Some(schemas) = doc.pointer_mut("/components/schemas").and_then(Value::as_object_mut) {
        for schema in schemas.values_mut() {
            local_date_times(schema);
            no_nul(schema);
        }
    }
}

fn is_method(key: &str) -> bool {
    matches!(key, "get" | "put" | "post" | "delete" | "patch" | "head" | "options" | "trace")
}

fn operations(item: &Value) -> impl Iterator<Item = &Value> {
    item.as_object().into_iter().flat_map(|m| m.iter().filter(|(k, _)| is_method(k)).map(|(_, v)| v))
}

/// `get` names nine handlers (members::get, invoices::get...): a shared id
/// becomes `get_invoices`, `pay_members_shares_payments`, from the path without
/// its parameters, so clients generated from the document get distinct names.
fn rename_if_shared(op: &mut Map<String, Value>, path: &str, ids: &BTreeMap<String, usize>) {
    let Some(id) = op.get("operationId").and_then(Value::as_str).map(str::to_owned) else { return };
    if ids.get(&id).copied().unwrap_or(0) < 2 {
        return;
    }
    let noun: Vec<String> = path
        .trim_start_matches("/api/v1/")
        .split('/')
        .map(|s| s.replace(['-', '.'], "_"))
        // `sepa_expense_claims`, not `sepa_expense_claims_sepa`.
        .filter(|s| !s.starts_with('{') && !s.is_empty() && *s != id)
        .collect();
    op.insert("operationId".into(), Value::from(format!("{id}_{}", noun.join("_"))));
}

fn has_param(op: &Map<String, Value>, place: &str) -> bool {
    op.get("parameters")
        .and_then(Value::as_array)
        .is_some_and(|ps| ps.iter().any(|p| p.get("in") == Some(&Value::from(place))))
}

fn problem_response(description: &str) -> Value {
    json!({"description": description, "content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}}})
}

/// Error responses are problem documents, and every status a route can give is listed.
fn errors(op: &mut Map<String, Value>) {
    let path_params = has_param(op, "path");
    let query_params = has_param(op, "query");
    let headers = has_param(op, "header");
    let body = op.contains_key("requestBody");
    let secured = op.get("security").and_then(Value::as_array).is_some_and(|s| !s.is_empty());
    let Some(responses) = op.entry("responses").or_insert_with(|| json!({})).as_object_mut() else { return };
    for (status, response) in responses.iter_mut() {
        if !(status.starts_with('4') || status.starts_with('5')) {
            continue;
        }
        if let Some(content) = response.get_mut("content").and_then(Value::as_object_mut) {
            if let Some(schema) = content.remove("application/json") {
                content.insert(PROBLEM.into(), schema);
            }
        }
    }
    for (status, why) in STANDARD {
        let applies = match status {
            "400" => path_params || query_params || headers || body,
            "401" | "403" => secured,
            "404" => path_params,
            "413" | "415" => body,
            // An Idempotency-Key reused for another request is a 422 too.
            _ => query_params || body || headers,
        };
        if applies && !responses.contains_key(status) {
            responses.insert(status.into(), problem_response(why));
        }
    }
}

/// A route a token opens is also open to a signed-in browser's session, but a
/// platform's own routes, which take the platform's token only.
fn session_too(op: &mut Map<String, Value>, path: &str) {
    if path.starts_with("/api/v1/platform/") {
        return;
    }
    if let Some(security) = op.get_mut("security").and_then(Value::as_array_mut) {
        if security.iter().any(|s| s.get("bearer").is_some()) && !security.iter().any(|s| s.get("session").is_some()) {
            security.push(json!({"session": []}));
        }
    }
}

/// Every 201 says where the new resource is.
fn location(op: &mut Map<String, Value>) {
    if let Some(created) = op.get_mut("responses").and_then(|r| r.get_mut("201")).and_then(Value::as_object_mut) {
        created.insert(
            "headers".into(),
            json!({"Location": {"description": "Path of the resource made", "schema": {"type": "string"}}}),
        );
    }
}

/// What the node takes as a date on the wire: `YYYY-MM-DD` with a year from 1900 to
/// 2199 (`service::bounds::wire`), so that no year 0215 or 10000 gets in.
const WIRE_DATE: &str = "^(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

/// Every `format: date` of the document, in bodies and parameters alike, states the
/// years the node takes: the format alone would promise any year from 0000 to 9999.
fn wire_dates(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if map.get("format").and_then(Value::as_str) == Some("date") && !map.contains_key("pattern") {
                map.insert("pattern".into(), Value::String(WIRE_DATE.into()));
            }
            map.values_mut().for_each(wire_dates);
        }
        Value::Array(items) => items.iter_mut().for_each(wire_dates),
        _ => {}
    }
}

/// The node writes its date-times without offset (they are local times of
/// its legal zone); `format: date-time` (RFC 3339) would promise an offset. The few
/// instants written in UTC with their `Z` (when a record was made or received) state their
/// own pattern and keep their format.
fn local_date_times(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if map.get("format").and_then(Value::as_str) == Some("date-time") && !map.contains_key("pattern") {
                map.remove("format");
                map.insert("pattern".into(), Value::from("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?$"));
                let said = map.get("description").and_then(Value::as_str).unwrap_or_default().to_owned();
                let description =
                    if said.is_empty() { LOCAL_DATE_TIME.to_owned() } else { format!("{said} {LOCAL_DATE_TIME}") };
                map.insert("description".into(), Value::from(description));
            }
            for v in map.values_mut() {
                local_date_times(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(local_date_times),
        _ => {}
    }
}

/// The document as this node serves it: every `currency` field takes only the
/// node's currency (a node books in one), which a static document cannot know.
pub fn for_currency(doc: &Value, currency: &str) -> Value {
    let mut doc = doc.clone();
    if let Some(schemas) = doc.pointer_mut("/components/schemas").and_then(Value::as_object_mut) {
        for schema in schemas.values_mut() {
            let Some(currency_field) = schema.pointer_mut("/properties/currency").and_then(Value::as_object_mut) else {
                continue;
            };
            if currency_field.contains_key("pattern") {
                currency_field.remove("pattern");
                currency_field.insert("enum".into(), json!([currency]));
            }
        }
    }
    doc
}

/// The pattern every language field and parameter is annotated with: a static
/// document cannot know the pack's languages.
const ANY_LANGUAGE: &str = "^[a-z]{2}$";

/// The document as this node serves it: every language field or parameter takes
/// only the languages of the node's pack (the handlers refuse the others, naming
/// the field).
pub fn for_languages(mut doc: Value, languages: &[&str]) -> Value {
    fn narrow(schema: &mut Value, pattern: &str) {
        match schema {
            Value::Object(map) => {
                if map.get("pattern").and_then(Value::as_str) == Some(ANY_LANGUAGE) {
                    map.insert("pattern".into(), Value::from(pattern));
                }
                map.values_mut().for_each(|v| narrow(v, pattern));
            }
            Value::Array(items) => items.iter_mut().for_each(|v| narrow(v, pattern)),
            _ => {}
        }
    }
    narrow(&mut doc, &format!("^({})$", languages.join("|")));
    doc
}

/// Text never holds the NUL character: PostgreSQL cannot store it, so the node
/// refuses it in every body (`extract.rs`). Free text says so with a pattern;
/// patterns listing their characters exclude it already.
fn no_nul(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            let string = match map.get("type") {
                Some(Value::String(t)) => t == "string",
                Some(Value::Array(ts)) => ts.iter().any(|t| t == "string"),
                _ => false,
            };
            if string && !map.contains_key("format") && !map.contains_key("enum") {
                let pattern = match map.get("pattern").and_then(Value::as_str) {
                    None => Some("^[^\\u0000]*$"),
                    // "Some text": at least one visible character, and no NUL.
                    Some("\\S") => Some("^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$"),
                    Some(_) => None,
                };
                if let Some(p) = pattern {
                    map.insert("pattern".into(), Value::from(p));
                }
            }
            for v in map.values_mut() {
                no_nul(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(no_nul),
        _ => {}
    }
}
