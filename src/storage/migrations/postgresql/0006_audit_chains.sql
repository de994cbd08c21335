-- 0006 (PostgreSQL): one audit chain per office, so reads can be audited in batches and offices
-- never wait on each other's chain (audit::Append locks only its office's chain). Ids come from a
-- sequence (global and increasing; gaps are harmless, the chain is by hash).
-- The same schema as ../0006_audit_chains.sql (SQLite).
CREATE TABLE audit_chain_start (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_id BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_chain_start (id, last_id, last_hash)
SELECT 1, COALESCE(MAX(id), 0),
       COALESCE((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1),
                '0000000000000000000000000000000000000000000000000000000000000000')
FROM audit_log;

CREATE SEQUENCE audit_log_id_seq;
SELECT setval('audit_log_id_seq', COALESCE((SELECT MAX(id) FROM audit_log), 0) + 1, false);

CREATE TRIGGER audit_chain_start_no_update BEFORE UPDATE OR DELETE ON audit_chain_start
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_chain_start_no_truncate BEFORE TRUNCATE ON audit_chain_start
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
