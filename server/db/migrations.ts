// Numbered schema migrations. The index + 1 is the schema version stored in PRAGMA user_version.
// Never edit a released migration: add a new one.
export const MIGRATIONS: readonly string[] = [
  /* 1: the initial schema */ `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    email TEXT,
    email_verified INTEGER NOT NULL DEFAULT 0,
    given_name TEXT,
    family_name TEXT,
    display_name TEXT,
    picture TEXT,
    is_admin INTEGER NOT NULL DEFAULT 0,
    disabled INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL DEFAULT 'console',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX users_email ON users(email COLLATE NOCASE) WHERE email IS NOT NULL;

  CREATE TABLE groups (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    display_name TEXT,
    source TEXT NOT NULL DEFAULT 'console',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE group_members (
    group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, user_id)
  );
  CREATE INDEX group_members_user ON group_members(user_id);

  CREATE TABLE user_claims (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (user_id, name)
  );

  CREATE TABLE group_claims (
    group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (group_id, name)
  );

  CREATE TABLE passkeys (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    public_key BLOB NOT NULL,
    counter INTEGER NOT NULL DEFAULT 0,
    transports TEXT NOT NULL DEFAULT '[]',
    aaguid TEXT,
    backup_eligible INTEGER NOT NULL DEFAULT 0,
    backed_up INTEGER NOT NULL DEFAULT 0,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER
  );
  CREATE INDEX passkeys_user ON passkeys(user_id);

  CREATE TABLE clients (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    secret_hash TEXT,
    redirect_uris TEXT NOT NULL,
    post_logout_redirect_uris TEXT NOT NULL DEFAULT '[]',
    skip_consent INTEGER NOT NULL DEFAULT 0,
    require_pkce INTEGER NOT NULL DEFAULT 0,
    native INTEGER NOT NULL DEFAULT 0,
    id_token_alg TEXT NOT NULL DEFAULT 'RS256',
    launch_url TEXT,
    source TEXT NOT NULL DEFAULT 'console',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE client_allowed_groups (
    client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    PRIMARY KEY (client_id, group_id)
  );

  CREATE TABLE one_time_tokens (
    token_hash TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('setup', 'login')),
    user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
  );

  CREATE TABLE browser_sessions (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    auth_method TEXT NOT NULL,
    authenticated_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    ip TEXT,
    user_agent TEXT
  );
  CREATE INDEX browser_sessions_user ON browser_sessions(user_id);

  CREATE TABLE webauthn_challenges (
    id TEXT PRIMARY KEY,
    challenge TEXT NOT NULL,
    purpose TEXT NOT NULL,
    user_id TEXT,
    expires_at INTEGER NOT NULL
  );

  CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    event TEXT NOT NULL,
    user_id TEXT,
    client_id TEXT,
    ip TEXT,
    details TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX audit_events_at ON audit_events(at);
  CREATE INDEX audit_events_user ON audit_events(user_id, at);

  CREATE TABLE settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );

  CREATE TABLE signing_keys (
    kid TEXT PRIMARY KEY,
    alg TEXT NOT NULL,
    encrypted_jwk BLOB NOT NULL,
    created_at INTEGER NOT NULL
  );

  -- A rowid table: payloads are ~1 KB, which a WITHOUT ROWID b-tree stores less efficiently.
  CREATE TABLE oidc_state (
    model TEXT NOT NULL,
    id TEXT NOT NULL,
    payload TEXT NOT NULL,
    grant_id TEXT,
    uid TEXT,
    user_code TEXT,
    account_id TEXT,
    expires_at INTEGER,
    consumed_at INTEGER,
    UNIQUE (model, id)
  );
  -- The provider's look-ups are indexed. Every token write maintains each index, so the rare sweeps
  -- (the purge timer, signing someone out everywhere) scan instead.
  CREATE INDEX oidc_state_grant ON oidc_state(grant_id) WHERE grant_id IS NOT NULL;
  CREATE INDEX oidc_state_uid ON oidc_state(uid) WHERE uid IS NOT NULL;
  CREATE INDEX oidc_state_user_code ON oidc_state(user_code) WHERE user_code IS NOT NULL;
  `,
  /* 2: API keys, per-client token lifetimes, provisioning drift tracking */ `
  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at INTEGER
  );

  ALTER TABLE clients ADD COLUMN access_token_ttl INTEGER;
  ALTER TABLE clients ADD COLUMN refresh_token_ttl INTEGER;

  -- What the provisioning file last said about a record, and whether the console changed it since.
  ALTER TABLE users ADD COLUMN provisioned_hash TEXT;
  ALTER TABLE users ADD COLUMN console_edited_at INTEGER;
  ALTER TABLE groups ADD COLUMN provisioned_hash TEXT;
  ALTER TABLE groups ADD COLUMN console_edited_at INTEGER;
  ALTER TABLE clients ADD COLUMN provisioned_hash TEXT;
  ALTER TABLE clients ADD COLUMN console_edited_at INTEGER;
  `,
  /* 3: the provider's state sealed: rows found by keyed hashes of their ids, payloads encrypted */ `
  -- The old rows are sealed at the next start, which has the encryption key (oidc/adapter.ts).
  ALTER TABLE oidc_state RENAME TO oidc_state_unsealed;
  DROP INDEX oidc_state_grant;
  DROP INDEX oidc_state_uid;
  DROP INDEX oidc_state_user_code;
  CREATE TABLE oidc_state (
    model TEXT NOT NULL,
    id_hash BLOB NOT NULL,
    payload BLOB NOT NULL,
    grant_id TEXT,
    uid_hash BLOB,
    user_code_hash BLOB,
    account_id TEXT,
    client_id TEXT,
    expires_at INTEGER,
    consumed_at INTEGER,
    UNIQUE (model, id_hash)
  );
  CREATE INDEX oidc_state_grant ON oidc_state(grant_id) WHERE grant_id IS NOT NULL;
  CREATE INDEX oidc_state_uid ON oidc_state(uid_hash) WHERE uid_hash IS NOT NULL;
  CREATE INDEX oidc_state_user_code ON oidc_state(user_code_hash) WHERE user_code_hash IS NOT NULL;

  -- Keys that sign the provider's cookies (newest first signs; all verify), sealed like signing keys.
  CREATE TABLE cookie_keys (
    id TEXT PRIMARY KEY,
    encrypted_key BLOB NOT NULL,
    created_at INTEGER NOT NULL
  );
  `,
  /* 4: grants beyond the browser sign-in, back-channel logout, claims shaped per client, custom scopes */ `
  ALTER TABLE clients ADD COLUMN client_credentials INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE clients ADD COLUMN device_flow INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE clients ADD COLUMN machine_scopes TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE clients ADD COLUMN audiences TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE clients ADD COLUMN require_par INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE clients ADD COLUMN backchannel_logout_uri TEXT;
  ALTER TABLE clients ADD COLUMN claim_policy TEXT NOT NULL DEFAULT '{}';

  -- Scopes the owner defines: a name apps may request, the sentence the consent screen shows, the claims it releases.
  CREATE TABLE custom_scopes (
    name TEXT PRIMARY KEY,
    description TEXT NOT NULL,
    claims TEXT NOT NULL DEFAULT '[]',
    source TEXT NOT NULL DEFAULT 'console',
    provisioned_hash TEXT,
    console_edited_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  `,
  /* 5: forward-auth: protected apps, their sessions and sign-in codes; people's app passwords */ `
  -- Apps behind a reverse proxy that asks Gatehouse before every request (forward-auth).
  CREATE TABLE protected_apps (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    hosts TEXT NOT NULL DEFAULT '[]',
    path_prefixes TEXT NOT NULL DEFAULT '[]',
    bypass_paths TEXT NOT NULL DEFAULT '[]',
    identity_headers TEXT NOT NULL DEFAULT '{}',
    session_ttl INTEGER,
    source TEXT NOT NULL DEFAULT 'console',
    provisioned_hash TEXT,
    console_edited_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE protected_app_allowed_groups (
    app_id TEXT NOT NULL REFERENCES protected_apps(id) ON DELETE CASCADE,
    group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    PRIMARY KEY (app_id, group_id)
  );

  -- A person's session at one protected app. It lives inside the Gatehouse sign-in it came from:
  -- ending that browser session (sign-out, sign out everywhere, a disabled person) ends it too.
  CREATE TABLE forward_auth_sessions (
    id_hash TEXT PRIMARY KEY,
    app_id TEXT NOT NULL REFERENCES protected_apps(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    browser_session_hash TEXT NOT NULL REFERENCES browser_sessions(id_hash) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX forward_auth_sessions_browser ON forward_auth_sessions(browser_session_hash);
  CREATE INDEX forward_auth_sessions_user ON forward_auth_sessions(user_id);

  -- Single-use codes that carry a sign-in at Gatehouse over to a protected app's own host.
  CREATE TABLE forward_auth_codes (
    code_hash TEXT PRIMARY KEY,
    app_id TEXT NOT NULL REFERENCES protected_apps(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    browser_session_hash TEXT NOT NULL REFERENCES browser_sessions(id_hash) ON DELETE CASCADE,
    return_to TEXT NOT NULL,
    state_hash TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  );

  -- Passwords a person makes for one device or script (HTTP Basic at a protected app); only hashes are kept.
  CREATE TABLE app_passwords (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    app_id TEXT NOT NULL REFERENCES protected_apps(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    last_used_ip TEXT,
    UNIQUE (user_id, name)
  );
  `,
  /* 6: when a passkey can't be used: sign-in approved on another device, recovery codes, emailed codes, alerts */ `
  -- A sign-in waiting for a person to approve it on another device. The code shown (and in the QR code)
  -- only finds the request; the waiting browser also holds a secret of its own, which never leaves it.
  -- Both are stored as keyed hashes.
  CREATE TABLE other_device_requests (
    id TEXT PRIMARY KEY,
    user_code_hash BLOB NOT NULL UNIQUE,
    wait_secret_hash BLOB NOT NULL,
    interaction_uid TEXT,
    client_id TEXT,
    requester_ip TEXT,
    requester_user_agent TEXT,
    status TEXT NOT NULL DEFAULT 'pending',
    user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
    decided_at INTEGER,
    decided_ip TEXT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX other_device_requests_expiry ON other_device_requests(expires_at);

  -- Single-use recovery codes, a set per person; only keyed hashes are kept.
  CREATE TABLE recovery_codes (
    code_hash BLOB PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    used_at INTEGER,
    used_ip TEXT
  );
  CREATE INDEX recovery_codes_user ON recovery_codes(user_id);

  -- Short codes sent by email: to sign in, or to confirm a new address (kept in email until confirmed).
  CREATE TABLE email_codes (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    code_hash BLOB NOT NULL,
    email TEXT NOT NULL,
    -- Keyed hash of what binds the code to the browser that asked: a nonce cookie (sign-in) or its session (a change).
    browser_hash BLOB NOT NULL,
    -- The app sign-in that asked for a sign-in code; null for the account's sign-in and for a change.
    interaction_uid TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
  );
  CREATE INDEX email_codes_user ON email_codes(user_id, purpose);

  -- The browsers and systems a person has signed in from, so a sign-in from a new one can be told to them.
  CREATE TABLE sign_in_devices (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    device_key TEXT NOT NULL,
    first_seen_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, device_key)
  );

  -- Which emailed alerts a person wants.
  ALTER TABLE users ADD COLUMN alert_new_passkey INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE users ADD COLUMN alert_new_device INTEGER NOT NULL DEFAULT 1;
  `,
  /* 7: years of safety: signing keys that rotate, secrets carried over from Pocket ID */ `
  -- A signing key signs from signs_from (null: from when it was made) until a newer key of its algorithm
  -- signs; it stays published until retires_at (null: not yet scheduled), then it is deleted.
  ALTER TABLE signing_keys ADD COLUMN signs_from INTEGER;
  ALTER TABLE signing_keys ADD COLUMN retires_at INTEGER;

  -- Secrets accepted beside the current one, each until it expires ([{"hash", "expiresAt"}]): the extra
  -- secrets of a client moved in from Pocket ID. A new secret ends them.
  ALTER TABLE clients ADD COLUMN extra_secrets TEXT NOT NULL DEFAULT '[]';
  `,
  /* 8: the pages people see: pictures, app logos, languages, their sessions */ `
  -- The language a person chose (en, de, fr; null: their browser's), for the emails sent to them.
  ALTER TABLE users ADD COLUMN language TEXT;

  -- When a browser session was last used, for the person's list of where they are signed in.
  ALTER TABLE browser_sessions ADD COLUMN last_seen_at INTEGER;
  -- The provider's session signed in in the same browser (the lookup hash of its uid), so ending one
  -- browser's session from the list ends both.
  ALTER TABLE browser_sessions ADD COLUMN provider_session_uid_hash BLOB;

  -- A person's picture, resized and re-encoded by Gatehouse; url_token names it in its public URL and
  -- changes with every new picture, so apps that cache it see the change.
  CREATE TABLE user_pictures (
    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    url_token TEXT NOT NULL UNIQUE,
    content_type TEXT NOT NULL,
    image BLOB NOT NULL,
    updated_at INTEGER NOT NULL
  );

  -- An app's logo: uploaded in the console or the built-in one of the template it was made from.
  CREATE TABLE client_logos (
    client_id TEXT PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,
    url_token TEXT NOT NULL UNIQUE,
    content_type TEXT NOT NULL,
    image BLOB NOT NULL,
    updated_at INTEGER NOT NULL
  );
  -- The template a client was made from (null: made blank or by a provisioning file), so the console can
  -- offer its built-in logo again after another was uploaded or removed.
  ALTER TABLE clients ADD COLUMN template_id TEXT;
  `,
  /* 9: the purge of the provider's expired rows, and a person's sessions and apps, found without reading the whole table */ `
  CREATE INDEX oidc_state_expiry ON oidc_state(expires_at) WHERE expires_at IS NOT NULL;
  CREATE INDEX oidc_state_account ON oidc_state(account_id) WHERE account_id IS NOT NULL;
  `,
];
