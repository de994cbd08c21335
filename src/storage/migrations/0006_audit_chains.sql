-- 0006: one audit chain per office, so reads can be audited in batches and, on PostgreSQL,
-- offices never wait on each other's chain. The chain of before (one for the whole database)
-- ends at the cut-over row recorded here; every office's chain starts from its hash.
-- The same schema as postgresql/0006_audit_chains.sql.
CREATE TABLE audit_chain_start (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_id INTEGER NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_chain_start (id, last_id, last_hash)
SELECT 1, COALESCE(MAX(id), 0),
       COALESCE((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1),
                '0000000000000000000000000000000000000000000000000000000000000000')
FROM audit_log;

-- The cut-over row is history: never changed.
CREATE TRIGGER audit_chain_start_no_update BEFORE UPDATE ON audit_chain_start
BEGIN
    SELECT RAISE(ABORT, 'audit_chain_start is append-only');
END;
CREATE TRIGGER audit_chain_start_no_delete BEFORE DELETE ON audit_chain_start
BEGIN
    SELECT RAISE(ABORT, 'audit_chain_start is append-only');
END;
