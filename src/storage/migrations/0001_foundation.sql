-- 0001: offices, users, sessions, persons, assignments, consents, the audit log.
-- Never edit an applied migration: add a new numbered file instead.

CREATE TABLE offices (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    login TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('specialist', 'chief', 'admin')),
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    totp_secret TEXT,               -- reserved for two-factor (MHLW 6.0); unused yet
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX users_office ON users(office_id);

-- Server-side sessions: only the SHA-256 of the random token is stored.
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    token_hash TEXT NOT NULL UNIQUE,
    csrf_token TEXT NOT NULL,
    created_epoch INTEGER NOT NULL,
    last_seen_epoch INTEGER NOT NULL,
    ended INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Failed and successful logins, for lockout. The login is stored as typed (no password ever).
CREATE TABLE login_attempts (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL,
    at_epoch INTEGER NOT NULL,
    success INTEGER NOT NULL
);
CREATE INDEX login_attempts_login ON login_attempts(login, at_epoch);

-- 利用者: the person supported.
CREATE TABLE persons (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    name TEXT NOT NULL,
    kana TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    gender TEXT,
    address TEXT,
    phone TEXT,
    disability_kinds TEXT NOT NULL DEFAULT '[]',   -- JSON array
    support_level TEXT,
    support_level_valid_until TEXT,
    certificate_number TEXT,
    decision_period_start TEXT,
    decision_period_end TEXT,
    wishes TEXT,
    contacts TEXT NOT NULL DEFAULT '[]',           -- JSON array
    notes TEXT,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX persons_office ON persons(office_id, kana);

-- 担当: which specialists work on which person.
CREATE TABLE assignments (
    office_id INTEGER NOT NULL REFERENCES offices(id),
    person_id INTEGER NOT NULL REFERENCES persons(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    PRIMARY KEY (person_id, user_id)
);
CREATE INDEX assignments_user ON assignments(user_id);

-- 同意: consent to a purpose and to sharing with named agencies or sectors.
CREATE TABLE consents (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    person_id INTEGER NOT NULL REFERENCES persons(id),
    purpose TEXT NOT NULL,
    scope TEXT NOT NULL,                            -- JSON array
    given_by TEXT NOT NULL CHECK (given_by IN ('本人', '代理人')),
    given_by_name TEXT,
    given_on TEXT NOT NULL,
    expires_on TEXT,
    withdrawn_on TEXT,
    withdraw_reason TEXT,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX consents_person ON consents(person_id);

-- Append-only access log, hash-chained (SHA-256 of the previous hash and this row's fields).
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    office_id INTEGER,
    user_id INTEGER,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT,
    person_id INTEGER,
    request_id TEXT,
    client_addr TEXT,
    outcome TEXT NOT NULL DEFAULT 'ok',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_office ON audit_log(office_id, id);
CREATE INDEX audit_person ON audit_log(person_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
