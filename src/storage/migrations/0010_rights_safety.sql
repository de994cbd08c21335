-- 0010: rights and safety (権利擁護・安全): red-flag reviews, abuse reports (虐待通報) with
-- follow-ups, crisis plans (緊急時対応計画), the on-call rota (当番) and out-of-hours calls.
-- Every table is append-only in use: a review, a plan version, a follow-up is a new row.

-- A red-flag review (レッドフラグ確認): the status of every code at one date; the latest is current.
CREATE TABLE redflag_reviews (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    person_id INTEGER NOT NULL REFERENCES persons(id),
    reviewed_on TEXT NOT NULL,
    items TEXT NOT NULL,                          -- JSON [{code, status, note}]
    raised TEXT NOT NULL DEFAULT '[]',            -- JSON array of the codes with status raised
    monitoring_id INTEGER REFERENCES monitorings(id),
    reviewed_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX redflag_reviews_person ON redflag_reviews(office_id, person_id, id);

-- A report of suspected abuse to the municipality (障害者虐待防止法の通報). Never edited or deleted.
CREATE TABLE abuse_reports (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    person_id INTEGER NOT NULL REFERENCES persons(id),
    kinds TEXT NOT NULL,                          -- JSON array: physical sexual psychological neglect economic
    suspected_actor TEXT NOT NULL CHECK (suspected_actor IN ('family', 'facility_staff', 'employer', 'other')),
    observed TEXT NOT NULL,
    observed_on TEXT NOT NULL,
    observed_by TEXT NOT NULL,
    reported_on TEXT NOT NULL,
    reported_at TEXT NOT NULL,                    -- HH:MM
    reported_to TEXT NOT NULL,
    reported_by TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX abuse_reports_person ON abuse_reports(office_id, person_id, id);

-- Follow-ups of a report, and its closing (kind close): the report's status derives from them.
CREATE TABLE abuse_followups (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    report_id INTEGER NOT NULL REFERENCES abuse_reports(id),
    kind TEXT NOT NULL CHECK (kind IN ('followup', 'close')),
    date TEXT NOT NULL,
    text TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX abuse_followups_report ON abuse_followups(office_id, report_id, id);

CREATE TRIGGER abuse_reports_no_update BEFORE UPDATE ON abuse_reports
BEGIN
    SELECT RAISE(ABORT, 'abuse_reports is append-only');
END;
CREATE TRIGGER abuse_reports_no_delete BEFORE DELETE ON abuse_reports
BEGIN
    SELECT RAISE(ABORT, 'abuse_reports is append-only');
END;
CREATE TRIGGER abuse_followups_no_update BEFORE UPDATE ON abuse_followups
BEGIN
    SELECT RAISE(ABORT, 'abuse_followups is append-only');
END;
CREATE TRIGGER abuse_followups_no_delete BEFORE DELETE ON abuse_followups
BEGIN
    SELECT RAISE(ABORT, 'abuse_followups is append-only');
END;

-- A version of a person's crisis plan (緊急時対応計画); the latest is current.
CREATE TABLE crisis_plans (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    person_id INTEGER NOT NULL REFERENCES persons(id),
    early_signs TEXT NOT NULL,
    what_helps TEXT NOT NULL,
    what_to_avoid TEXT NOT NULL,
    contacts TEXT NOT NULL,                       -- JSON [{order, name, relation, phone, when}]
    steps TEXT NOT NULL,
    reviewed_on TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX crisis_plans_person ON crisis_plans(office_id, person_id, id);

-- The on-call rota (当番表): local date-times in Asia/Tokyo, start inclusive, end exclusive.
CREATE TABLE oncall_slots (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    start_at TEXT NOT NULL,                       -- YYYY-MM-DDTHH:MM
    end_at TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id),
    phone TEXT NOT NULL DEFAULT '',                -- the number to call during the slot
    created_at TEXT NOT NULL
);
CREATE INDEX oncall_slots_time ON oncall_slots(office_id, start_at);
CREATE INDEX oncall_slots_user ON oncall_slots(office_id, user_id, start_at);

-- An out-of-hours call (時間外の電話): about a person when person_id is set (then that person's data).
CREATE TABLE oncall_calls (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    received_at TEXT NOT NULL,                    -- YYYY-MM-DDTHH:MM, Asia/Tokyo
    caller TEXT NOT NULL,
    person_id INTEGER REFERENCES persons(id),
    summary TEXT NOT NULL,
    action TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    handed_to TEXT NOT NULL,
    recorded_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX oncall_calls_time ON oncall_calls(office_id, received_at);
CREATE INDEX oncall_calls_person ON oncall_calls(office_id, person_id, received_at);
