-- 0014: sign-in hardening (issue #13, part B). The same schema as postgresql/0014_sign_in_hardening.sql.
-- Never edit an applied migration: add a new numbered file instead.

-- A one-time password set by an admin or chief must be changed before anything else.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
-- TOTP (RFC 6238): users.totp_secret (0001) holds the base32 secret once enrolment begins;
-- totp_enabled once a code confirmed it; totp_last_step stops a code being used twice.
ALTER TABLE users ADD COLUMN totp_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;
-- The office setting: chiefs and admins must use two-factor sign-in.
ALTER TABLE offices ADD COLUMN require_totp INTEGER NOT NULL DEFAULT 0;

-- Sign-in attempts refused because of a lockout or an address limit: counted per login (or
-- address) and 15-minute window instead of one audit row each. Not office data: the login may be
-- unknown, like login_attempts.
CREATE TABLE login_refusals (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('login', 'address')),
    subject TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    refusals INTEGER NOT NULL,
    last_epoch BIGINT NOT NULL,
    UNIQUE (kind, subject, window_start)
);

-- Accounts created or passwords reset by someone else: the office's chiefs get an alert.
CREATE TABLE account_events (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    kind TEXT NOT NULL CHECK (kind IN ('account_created', 'password_reset')),
    user_id INTEGER NOT NULL REFERENCES users(id),
    by_user_id BIGINT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX account_events_office_at ON account_events(office_id, at);

-- One-time recovery codes for two-factor sign-in, stored as SHA-256 of the code.
CREATE TABLE totp_recovery_codes (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    code_hash TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX totp_recovery_codes_user ON totp_recovery_codes(office_id, user_id);

-- The second step of a two-factor sign-in: the password was right, a code is still due. The
-- cookie carries a random token; only its SHA-256 is stored. Valid 5 minutes, used once.
CREATE TABLE totp_challenges (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    token_hash TEXT NOT NULL,
    created_epoch BIGINT NOT NULL,
    UNIQUE (office_id, token_hash)
);
CREATE INDEX totp_challenges_token ON totp_challenges(token_hash);
