-- 0024 (issue 8): the SQLite migration of this number lets the trigram index answer queries of one
-- or two characters. PostgreSQL needs no change of schema for it; the number is kept in step.
SELECT 1;
