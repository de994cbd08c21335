-- 0013 (PostgreSQL): the audit chain is keyed (HMAC-SHA-256, key on the application host:
-- --audit-key FILE). Each row names the key it was hashed with (key_id; 0 = the unkeyed SHA-256 of
-- before). Rows up to the cut-over recorded here keep their unkeyed hashes; every row after it is
-- keyed, continuing each office's chain from its head (docs/decisions/0013-keyed-audit-chain.md).
-- The same schema as ../0013_audit_keys.sql (SQLite).
ALTER TABLE audit_log ADD COLUMN key_id BIGINT NOT NULL DEFAULT 0;

CREATE TABLE audit_key_start (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_id BIGINT NOT NULL
);
INSERT INTO audit_key_start (id, last_id) SELECT 1, COALESCE(MAX(id), 0) FROM audit_log;

CREATE TRIGGER audit_key_start_no_update BEFORE UPDATE OR DELETE ON audit_key_start
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_key_start_no_truncate BEFORE TRUNCATE ON audit_key_start
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
