-- 0026 (issue 8): a specialist's views start from their assignments (storage::Scoped) and read each
-- assigned person's rows by (office_id, person_id). Where that index was not covering, SQLite
-- preferred the office's covering index by date and read every row of the period once per assigned
-- person: the alerts (1.3 s for an office of 100,000) and the KPI's goal reviews (a second). Covering
-- too, the person's own range is taken.
DROP INDEX alert_facts_person;
CREATE INDEX alert_facts_person ON alert_facts(office_id, person_id, fire_from, fire_until, kind, kind_rank, date,
    entity, entity_id);
DROP INDEX goal_facts_person;
CREATE INDEX goal_facts_person ON goal_facts(office_id, person_id, date, achieved, partly, not_achieved,
    satisfaction_sum, satisfaction_n);
