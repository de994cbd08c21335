-- 0022 (issue 8): the caseload view counts each person's active alerts; with only (office_id,
-- person_id) the planner could walk the office's alerts by date for every row instead. The index
-- holds the window too, so the count reads one person's few index entries and nothing else.
DROP INDEX alert_facts_person;
CREATE INDEX alert_facts_person ON alert_facts(office_id, person_id, fire_from, fire_until);
-- The due list's overdue half asks for the open months before a date: a partial index of open
-- months answers it without walking every month ever done.
CREATE INDEX due_facts_open ON due_facts(office_id, due_date) WHERE done_on IS NULL;
-- The office dashboard's unmet needs (未充足のニーズ) by service kind: one row per service of the
-- current plan without a provider ('' for a need without any service), kept with the other
-- per-person facts on every write, so the dashboard counts index entries instead of parsing every
-- plan of the office.
CREATE TABLE need_facts (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL,
    person_id INTEGER NOT NULL,
    kind TEXT NOT NULL
);
CREATE INDEX need_facts_office_kind ON need_facts(office_id, kind);
CREATE INDEX need_facts_person ON need_facts(office_id, person_id);
-- The KPI dashboard's goal reviews (目標の達成度, 満足度): one row per monitoring with its tallies,
-- kept with the per-person facts (closed cases too: their monitorings happened), so the dashboard
-- sums rows by date instead of parsing every monitoring's goals in the period.
CREATE TABLE goal_facts (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL,
    person_id INTEGER NOT NULL,
    monitoring_id INTEGER NOT NULL,
    date TEXT NOT NULL,
    achieved INTEGER NOT NULL,
    partly INTEGER NOT NULL,
    not_achieved INTEGER NOT NULL,
    satisfaction_sum INTEGER NOT NULL,
    satisfaction_n INTEGER NOT NULL
);
CREATE INDEX goal_facts_office_date ON goal_facts(office_id, date);
CREATE INDEX goal_facts_person ON goal_facts(office_id, person_id);
-- The alert list counts and orders the office's active alerts: an index holding every column it
-- reads answers both without touching the table (persons are read for the page's rows only).
DROP INDEX alert_facts_office_from;
CREATE INDEX alert_facts_office_from ON alert_facts(office_id, fire_from, fire_until, kind_rank, date, person_id,
    entity_id, kind, entity);
