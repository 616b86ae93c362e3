//! The browser sessions of HQ's pages, kept in memory: a session is a random 256-bit id
//! in the `hq_session` cookie, with its CSRF token and its expiry. Only the id's SHA-256
//! is kept, as the node keeps its secrets, so a dump of the memory gives no cookie.
//! A restart signs everyone out, which HQ's few operators can bear.

use rand::{Rng, SeedableRng};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// The cookie that carries the session id.
pub const COOKIE: &str = "hq_session";

/// How long a session lives after sign-in: a working day.
pub const LIFETIME: Duration = Duration::from_secs(8 * 60 * 60);

/// A live session: who, its CSRF token, which its forms must post back, and its end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    /// The token the sign-out form carries.
    pub csrf: String,
    /// Who signed in through the provider: the operator's e-mail; none after a token sign-in.
    pub operator: Option<String>,
    /// The admin token that opened the session, if one did: revoking it ends the session.
    pub token: Option<TokenRef>,
    /// The provider's ID token, the logout's `id_token_hint`; none after a token sign-in.
    pub id_token: Option<String>,
    /// When the session ends.
    expires: Instant,
}

/// The token a session was opened with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenRef {
    /// Its id, as stored.
    pub id: String,
    /// Its name, shown as who is signed in.
    pub name: String,
}

/// The live sessions, by the SHA-256 of their id.
#[derive(Default)]
pub struct Sessions {
    live: Mutex<HashMap<[u8; 32], Session>>,
}

/// 32 random bytes from the operating system's generator, as hex.
pub fn random_hex() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::StdRng::from_os_rng().fill(&mut bytes);
    hex::encode(bytes)
}

fn key(id: &str) -> [u8; 32] {
    Sha256::digest(id.as_bytes()).into()
}

impl Sessions {
    /// Opens a session of `operator` (or of `token`) at `now`; returns the id for the cookie
    /// and the session. The clock is an argument so that the tests can move it.
    pub fn open(
        &self,
        now: Instant,
        operator: Option<String>,
        token: Option<TokenRef>,
        id_token: Option<String>,
    ) -> (String, Session) {
        let id = random_hex();
        let session = Session { csrf: random_hex(), operator, token, id_token, expires: now + LIFETIME };
        let mut live = self.live.lock().unwrap_or_else(PoisonError::into_inner);
        // Ended sessions are dropped here, so memory holds only live ones.
        live.retain(|_, s| s.expires > now);
        live.insert(key(&id), session.clone());
        (id, session)
    }

    /// The session of `id` if it is live at `now`.
    pub fn find(&self, id: &str, now: Instant) -> Option<Session> {
        let live = self.live.lock().unwrap_or_else(PoisonError::into_inner);
        live.get(&key(id)).filter(|s| s.expires > now).cloned()
    }

    /// Ends the session of `id`; returns it if it was live.
    pub fn close(&self, id: &str) -> Option<Session> {
        self.live.lock().unwrap_or_else(PoisonError::into_inner).remove(&key(id))
    }

    /// Ends every session of the operator `email` (lower case), who was just removed.
    pub fn close_operator(&self, email: &str) -> usize {
        self.close_where(|s| s.operator.as_deref() == Some(email))
    }

    /// Ends every session opened with the token `id`, which was just revoked.
    pub fn close_token(&self, id: &str) -> usize {
        self.close_where(|s| s.token.as_ref().is_some_and(|t| t.id == id))
    }

    fn close_where(&self, ends: impl Fn(&Session) -> bool) -> usize {
        let mut live = self.live.lock().unwrap_or_else(PoisonError::into_inner);
        let before = live.len();
        live.retain(|_, s| !ends(s));
        before - live.len()
    }
}

/// The `Set-Cookie` value that gives the browser its session: never readable by a
/// script, never sent by another site's request, only over HTTPS.
pub fn set_cookie(id: &str) -> String {
    format!("{COOKIE}={id}; HttpOnly; SameSite=Strict; Secure; Path=/; Max-Age={}", LIFETIME.as_secs())
}

/// The `Set-Cookie` value that removes it.
pub fn clear_cookie() -> String {
    format!("{COOKIE}=; HttpOnly; SameSite=Strict; Secure; Path=/; Max-Age=0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_lives_eight_hours_and_not_a_second_more() {
        let sessions = Sessions::default();
        let start = Instant::now();
        let (id, session) = sessions.open(start, Some("ops".into()), None, None);
        assert_eq!(id.len(), 64, "256 bits as hex");
        assert_eq!(sessions.find(&id, start + LIFETIME - Duration::from_secs(1)), Some(session));
        assert_eq!(sessions.find(&id, start + LIFETIME), None);
    }

    #[test]
    fn a_closed_or_unknown_id_finds_nothing() {
        let sessions = Sessions::default();
        let now = Instant::now();
        let (id, _) = sessions.open(now, Some("ops".into()), None, None);
        let (other, _) = sessions.open(now, Some("ops".into()), None, None);
        assert_ne!(id, other);
        sessions.close(&id);
        assert_eq!(sessions.find(&id, now), None);
        assert!(sessions.find(&other, now).is_some());
        assert_eq!(sessions.find("0".repeat(64).as_str(), now), None);
    }

    #[test]
    fn removing_an_operator_or_revoking_a_token_ends_their_sessions_only() {
        let sessions = Sessions::default();
        let now = Instant::now();
        let token = |id: &str| Some(TokenRef { id: id.into(), name: "bootstrap".into() });
        let (ops, _) = sessions.open(now, Some("ops@group.example".into()), None, None);
        let (ops_again, _) = sessions.open(now, Some("ops@group.example".into()), None, None);
        let (eve, _) = sessions.open(now, Some("eve@group.example".into()), None, None);
        let (by_token, _) = sessions.open(now, None, token("t1"), None);
        let (by_other_token, _) = sessions.open(now, None, token("t2"), None);
        assert_eq!(sessions.close_operator("ops@group.example"), 2);
        assert_eq!(sessions.close_token("t1"), 1);
        assert_eq!(sessions.close_token("t1"), 0);
        for (id, live) in [(ops, false), (ops_again, false), (eve, true), (by_token, false), (by_other_token, true)] {
            assert_eq!(sessions.find(&id, now).is_some(), live);
        }
    }

    #[test]
    fn opening_a_session_drops_the_ended_ones() {
        let sessions = Sessions::default();
        let start = Instant::now();
        let _ = sessions.open(start, Some("ops".into()), None, None);
        let _ = sessions.open(start + LIFETIME + Duration::from_secs(1), Some("ops".into()), None, None);
        assert_eq!(sessions.live.lock().map(|l| l.len()).unwrap_or_default(), 1);
    }

    #[test]
    fn the_session_id_is_read_from_among_other_cookies_in_any_cookie_header() {
        use axum::http::{header, HeaderMap, HeaderValue};
        let headers = |values: &[&'static str]| {
            let mut h = HeaderMap::new();
            for v in values {
                h.append(header::COOKIE, HeaderValue::from_static(v));
            }
            h
        };
        let id = |values: &[&'static str]| crate::pages::session_id(&headers(values));
        assert_eq!(id(&["a=1; hq_session=abc; b=2"]), Some("abc".to_owned()));
        assert_eq!(id(&["a=1", "hq_session=abc"]), Some("abc".to_owned()), "HTTP/2 sends one header per cookie");
        assert_eq!(id(&["xhq_session=abc"]), None);
        assert_eq!(id(&[""]), None);
    }
}
