-- 0027 (issue 8): the SQLite migration of this number bounds the search indexes' merges (FTS5).
-- PostgreSQL's trigram indexes need no change; the number is kept in step.
SELECT 1;
