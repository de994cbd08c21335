-- 0025 (issue 8): the mini case review's suggestions (GET /case-reviews/suggestions) from per-person
-- facts and indexes, not a walk of every person of the office with five reads each (an office of
-- 100,000 persons took longer than a quarter of an hour). A goal rated 未達成 at the person's last
-- two monitorings is kept with the facts (rebuilt on upgrade: facts version 13); the persons with a
-- raised red flag and those with such a goal are each one range of a partial index.
ALTER TABLE case_facts ADD COLUMN goal_unmet_twice INTEGER NOT NULL DEFAULT 0;
CREATE INDEX case_facts_raised ON case_facts(office_id, person_id) WHERE redflags_raised <> '[]';
CREATE INDEX case_facts_goal_unmet ON case_facts(office_id, person_id) WHERE goal_unmet_twice = 1;
-- A person's open monitoring months: with the office's covering index by date (0023) and this one
-- not covering, SQLite read every past month of the office for one person (the check of a case
-- "has a month overdue"). Covering too, with the person first, this one is taken.
DROP INDEX due_facts_person;
CREATE INDEX due_facts_person ON due_facts(office_id, person_id, due_date, done_on);
-- Every task of the office by due date (the task list's "all"): without it, a sort of them all.
CREATE INDEX tasks_due ON tasks(office_id, due);
-- The dashboards of an office of 100,000 (SQLite reads what an index leaves out row by row): the
-- KPI's meetings and tasks of a period read from their indexes alone, and the caseload's totals
-- count the acute persons (a raised red flag or an open abuse report) from a range of their own.
DROP INDEX meetings_office_date;
CREATE INDEX meetings_office_date ON meetings(office_id, date, person_id);
DROP INDEX tasks_status_due;
CREATE INDEX tasks_status_due ON tasks(office_id, status, due, done_on, person_id, owner_user_id);
-- …and a user's own tasks (a specialist's list: those without a person) from theirs, covering too, so
-- the wider index above is not read whole to find them.
DROP INDEX tasks_owner;
CREATE INDEX tasks_owner ON tasks(office_id, owner_user_id, status, due, person_id);
CREATE INDEX case_facts_acute ON case_facts(office_id, person_id) WHERE redflags_raised <> '[]' OR open_abuse_reports > 0;
