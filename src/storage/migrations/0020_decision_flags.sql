-- 0020: a decision keeps the situations ticked in the decision form (issue #17): the standard-period
-- flags (new_plan, cannot_arrange, ...) and the Q&A 問38 flags (medical_coordination, ...), as a
-- JSON array of codes, so the reason for a short monitoring period stays on record.
-- Never edit an applied migration: add a new numbered file in both folders instead.
ALTER TABLE decisions ADD COLUMN flags TEXT NOT NULL DEFAULT '[]';
