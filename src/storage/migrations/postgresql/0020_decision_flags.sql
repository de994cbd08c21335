-- 0020 (PostgreSQL): a decision keeps the situations ticked in the decision form (issue #17), as
-- ../0020_decision_flags.sql (SQLite): a JSON array of flag codes.
-- Never edit an applied migration: add a new numbered file in both folders instead.
ALTER TABLE decisions ADD COLUMN flags TEXT NOT NULL DEFAULT '[]';
