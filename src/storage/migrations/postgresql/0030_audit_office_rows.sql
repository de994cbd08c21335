-- 0030 (issue 8): how many rows each office's audit chain has, kept with the chain. GET /audit/head
-- answered it with COUNT(*) over the office's whole log (millions of rows in a busy office, every
-- call); audit::AppendAll now adds a transaction's rows to its offices' counts before the
-- transaction commits, in the same transaction. Office 0 holds the rows of no office. The whole
-- log's head (audit-heads.log, `audit verify`) still counts the rows themselves.
-- The same schema as ../0030_audit_office_rows.sql.
CREATE TABLE audit_office_rows (
    office_id BIGINT NOT NULL PRIMARY KEY,
    row_count BIGINT NOT NULL
);
INSERT INTO audit_office_rows (office_id, row_count)
SELECT COALESCE(office_id, 0), COUNT(*) FROM audit_log GROUP BY COALESCE(office_id, 0);
