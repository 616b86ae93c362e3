//! Migration `m0015_auth`; the doc of its struct below says what it changes and why.

use super::*;

/// Who may sign in and how: `accounts` (a person the office's identity provider
/// vouches for: their e-mail, role, the member they are if any, and the provider's
/// subject once they signed in), `sessions` (a signed-in browser: the SHA-256 of the
/// random id its cookie holds, so a stolen database holds no usable cookie, and the
/// CSRF token of its forms), `login_attempts` (a sign-in under way: state, nonce and
/// PKCE verifier, consumed once) and `api_tokens` (partner platforms and scripts:
/// the SHA-256 of a 256-bit random token, its role and member, revocable).
pub(super) struct M0015Auth;

impl MigrationName for M0015Auth {
    fn name(&self) -> &str {
        "m0015_auth"
    }
}

fn at(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).date_time().not_null().to_owned()
}

fn opt_at(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).date_time().null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for M0015Auth {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            table("accounts")
                .col(id("id").primary_key())
                .col(text("email"))
                .col(text("role"))
                .col(ColumnDef::new(Alias::new("member_id")).uuid().null())
                .col(opt_text("subject"))
                .col(at("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("accounts_email", "accounts", &["email"]).unique().to_owned()).await?;
        m.create_index(index("accounts_subject", "accounts", &["subject"]).unique().to_owned()).await?;
        m.create_table(
            table("sessions")
                .col(text("id_hash").primary_key())
                .col(id("account_id"))
                .col(text("csrf"))
                .col(ColumnDef::new(Alias::new("id_token")).text().not_null())
                .col(at("created_at"))
                .col(at("expires_at"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            table("login_attempts")
                .col(text("state").primary_key())
                .col(text("browser_hash"))
                .col(text("nonce"))
                .col(text("verifier"))
                .col(at("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            table("api_tokens")
                .col(id("id").primary_key())
                .col(text("name"))
                .col(text("role"))
                .col(ColumnDef::new(Alias::new("member_id")).uuid().null())
                .col(text("token_hash"))
                .col(at("created_at"))
                .col(opt_at("revoked_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("api_tokens_hash", "api_tokens", &["token_hash"]).unique().to_owned()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["api_tokens", "login_attempts", "sessions", "accounts"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        Ok(())
    }
}
