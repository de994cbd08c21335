-- 0013: the audit chain is keyed (HMAC-SHA-256, key outside the database: DIR/keys/audit.key or
-- --audit-key FILE). Each row names the key it was hashed with (key_id; 0 = the unkeyed SHA-256 of
-- before). Rows up to the cut-over recorded here keep their unkeyed hashes; every row after it is
-- keyed, continuing each office's chain from its head (docs/decisions/0013-keyed-audit-chain.md).
-- The same schema as postgresql/0013_audit_keys.sql.
ALTER TABLE audit_log ADD COLUMN key_id INTEGER NOT NULL DEFAULT 0;

CREATE TABLE audit_key_start (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_id INTEGER NOT NULL
);
INSERT INTO audit_key_start (id, last_id) SELECT 1, COALESCE(MAX(id), 0) FROM audit_log;

-- The cut-over row is history: never changed.
CREATE TRIGGER audit_key_start_no_update BEFORE UPDATE ON audit_key_start
BEGIN
    SELECT RAISE(ABORT, 'audit_key_start is append-only');
END;
CREATE TRIGGER audit_key_start_no_delete BEFORE DELETE ON audit_key_start
BEGIN
    SELECT RAISE(ABORT, 'audit_key_start is append-only');
END;
