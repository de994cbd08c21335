-- 0018: PostgreSQL only (postgresql/0018_transfer_keys.sql makes the keys of the 0016/0017 tables
-- follow the transfer rules of 0015). SQLite checks foreign keys at each statement with the same
-- columns on both sides of a transfer, so nothing changes here; the number stays in step.
SELECT 1;
