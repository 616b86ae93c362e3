// The OpenID Connect provider the node's and HQ's tests sign in through: the npm
// package oidc-provider (OpenID Certified), with its development login and consent
// forms, which the tests fill in with reqwest (partage_oidc::testing). Any login is
// accepted; the login is the account id and its e-mail address, so a test signs in as
// whom it names. Two clients: the node (`partage`, at http://partage.test) and HQ
// (`partage-hq`, at http://hq.partage.test); the tests carry each redirect themselves.
//
// Usage: node provider.mjs <port> <issuer_file>
// Writes its issuer to <issuer_file> once it serves, so that every test process of a
// run shares it; it exits after a minute without a request.
import { renameSync, writeFileSync } from 'node:fs';
import Provider from 'oidc-provider';

// stdout carries one line, "listening <issuer>", read by the tests; the provider's own
// notices go to stderr.
for (const level of ['log', 'info', 'warn', 'debug']) {
  console[level] = (...args) => process.stderr.write(`${args.join(' ')}\n`);
}

const [port, issuerFile] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    ['partage', 'partage-test-secret-0123456789abcdef', 'http://partage.test'],
    ['partage-hq', 'partage-hq-test-secret-0123456789abcdef', 'http://hq.partage.test'],
  ].map(([id, secret, site]) => ({
    client_id: id,
    client_secret: secret,
    redirect_uris: [`${site}/auth/callback`],
    post_logout_redirect_uris: [`${site}/auth/signed-out`],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  })),
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  scopes: ['openid', 'email'],
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: id, email_verified: true };
      },
    };
  },
  // The tests run on plain HTTP on 127.0.0.1.
  cookies: { keys: ['partage-test-cookie-key'] },
});
provider.proxy = false;

// No orphan: a minute without a request and the provider is gone.
let idle;
const arm = () => {
  clearTimeout(idle);
  idle = setTimeout(() => process.exit(0), 60_000);
};
provider.use(async (ctx, next) => {
  arm();
  await next();
});
arm();

provider.listen(Number(port), '127.0.0.1', () => {
  writeFileSync(`${issuerFile}.tmp`, issuer);
  renameSync(`${issuerFile}.tmp`, issuerFile);
});
