-- 0007: per-person facts for the scope-wide views (home screen: due monitorings, alerts, caseload),
-- refreshed in the same transaction as every audited write of a person's records
-- (caseload_facts.cpp), so the views ask SQL for one page instead of recomputing a whole office.
-- Derived data: `tsunagu migrate`/`serve` rebuild them all when case_facts_state.version is older
-- than the code's. The same schema as postgresql/0007_case_facts.sql.
CREATE TABLE case_facts (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL,
    person_id INTEGER NOT NULL,
    current_plan_id INTEGER,        -- the issued plan in force
    open_plan_id INTEGER,           -- a draft or submitted plan
    decision_period_end TEXT,       -- 支給決定期間の終了 (of the latest decision, else the person's)
    next_due_date TEXT,             -- the first monitoring month not done (its 月末)
    next_due_month TEXT,
    redflags_raised TEXT NOT NULL DEFAULT '[]',  -- codes of raised red flags (JSON)
    open_abuse_reports INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX case_facts_person ON case_facts(office_id, person_id);

-- Monitoring months of the schedule in force, with the monitoring that made each one done.
CREATE TABLE due_facts (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL,
    person_id INTEGER NOT NULL,
    plan_id INTEGER NOT NULL,
    due_month TEXT NOT NULL,
    due_date TEXT NOT NULL,
    done_on TEXT,
    monitoring_id INTEGER
);
CREATE INDEX due_facts_office_date ON due_facts(office_id, due_date);
CREATE INDEX due_facts_person ON due_facts(office_id, person_id, due_date);

-- Every alert a person can raise with the facts of now, each active on [fire_from, fire_until].
CREATE TABLE alert_facts (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL,
    person_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    kind_rank INTEGER NOT NULL,
    date TEXT NOT NULL,
    fire_from TEXT NOT NULL,
    fire_until TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER NOT NULL
);
CREATE INDEX alert_facts_office_from ON alert_facts(office_id, fire_from);
CREATE INDEX alert_facts_person ON alert_facts(office_id, person_id);

-- Which version of the rules the facts were computed with (one row).
CREATE TABLE case_facts_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO case_facts_state (id, version) VALUES (1, 0);

-- Person search: kana order by index, contained text (3+ characters) by the trigram index. The
-- FTS table keeps its own copy of name and kana (rowid = person id), refreshed with the person's
-- facts in the writing transaction (triggers cannot write it: trusted_schema is off).
CREATE INDEX persons_office_kana ON persons(office_id, kana, id);
CREATE VIRTUAL TABLE persons_fts USING fts5(name, kana, tokenize='trigram');
INSERT INTO persons_fts(rowid, name, kana) SELECT id, name, kana FROM persons;
