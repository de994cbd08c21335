-- 0016: the office's quality (issue 15): closure of a case (終結) and reopening, office settings of
-- chief approval, approvals, training records (研修), supervisions (スーパービジョン).
-- The same schema as postgresql/0016_quality.sql. Never edit an applied migration.

-- A case ends (終結) and may be reopened; the person keeps every record.
ALTER TABLE persons ADD COLUMN status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed'));
ALTER TABLE persons ADD COLUMN closed_on TEXT;
ALTER TABLE persons ADD COLUMN closure_reason TEXT;
CREATE INDEX persons_status ON persons(office_id, status, kana, id);

-- Every closure and reopening, in order (the person's row holds the current state).
CREATE TABLE person_closures (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    person_id INTEGER NOT NULL REFERENCES persons(id),
    action TEXT NOT NULL CHECK (action IN ('close', 'reopen')),
    date TEXT NOT NULL,
    reason TEXT,
    note TEXT,
    approval_id INTEGER,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX person_closures_person ON person_closures(office_id, person_id, id);

-- The steps that need a chief's approval in the office (one row per step).
CREATE TABLE office_approval_settings (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    step TEXT NOT NULL CHECK (step IN ('plan_issue', 'closure')),
    UNIQUE (office_id, step)
);

-- A request for approval (承認依頼): the validated request body waits here until a chief approves
-- it (then it is applied) or returns it with a comment.
CREATE TABLE approvals (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    person_id INTEGER NOT NULL REFERENCES persons(id),
    kind TEXT NOT NULL CHECK (kind IN ('plan_issue', 'closure')),
    entity_id INTEGER NOT NULL DEFAULT 0,       -- the plan of a plan_issue
    payload TEXT NOT NULL DEFAULT '{}',         -- the request body (JSON)
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'returned')),
    requested_by INTEGER NOT NULL REFERENCES users(id),
    requested_at TEXT NOT NULL,
    decided_by INTEGER REFERENCES users(id),
    decided_at TEXT,
    comment TEXT
);
CREATE INDEX approvals_status ON approvals(office_id, status, id);
CREATE INDEX approvals_person ON approvals(office_id, person_id, kind, status);

-- Training records of staff (研修受講記録). Office data about staff, not about persons.
CREATE TABLE trainings (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL CHECK (kind IN ('initial', 'current', 'chief', 'chief_renewal', 'specialty', 'other')),
    title TEXT NOT NULL,
    completed_on TEXT NOT NULL,
    hours_tenths INTEGER NOT NULL DEFAULT 0,    -- hours × 10 (6.5 h → 65)
    certificate_number TEXT,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX trainings_user ON trainings(office_id, user_id, completed_on);

-- Supervisions (スーパービジョン); supervisees and persons discussed as rows for the alerts.
CREATE TABLE supervisions (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    date TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('individual', 'group', 'peer', 'external')),
    supervisor_user_id INTEGER REFERENCES users(id),
    supervisor_name TEXT NOT NULL,
    topics TEXT,
    insights TEXT,
    minutes TEXT,
    actions TEXT NOT NULL DEFAULT '[]',         -- JSON [{text, owner, due, measure, person_id, task_id}]
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX supervisions_date ON supervisions(office_id, date, id);
CREATE TABLE supervision_members (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    supervision_id INTEGER NOT NULL REFERENCES supervisions(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    date TEXT NOT NULL,
    UNIQUE (office_id, supervision_id, user_id)
);
CREATE INDEX supervision_members_user ON supervision_members(office_id, user_id, date);
CREATE TABLE supervision_persons (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    supervision_id INTEGER NOT NULL REFERENCES supervisions(id),
    person_id INTEGER NOT NULL REFERENCES persons(id),
    UNIQUE (office_id, supervision_id, person_id)
);
CREATE INDEX supervision_persons_person ON supervision_persons(office_id, person_id);

-- Case reviews (ケースレビュー): monthly mini reviews, quarterly inventories, debriefs.
CREATE TABLE case_reviews (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    date TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('mini', 'inventory', 'debrief')),
    participants TEXT NOT NULL DEFAULT '[]',    -- JSON array of names
    covers_user_id INTEGER REFERENCES users(id),
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX case_reviews_date ON case_reviews(office_id, date, id);
CREATE TABLE case_review_cases (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    review_id INTEGER NOT NULL REFERENCES case_reviews(id),
    person_id INTEGER NOT NULL REFERENCES persons(id),
    date TEXT NOT NULL,
    summary TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('continue', 'change_plan', 'close', 'transfer', 'escalate')),
    actions TEXT
);
CREATE INDEX case_review_cases_review ON case_review_cases(office_id, review_id, id);
CREATE INDEX case_review_cases_person ON case_review_cases(office_id, person_id, date);

-- Internal audits (内部監査) against the checklist in src/quality/internal_audit_items.hpp.
CREATE TABLE internal_audits (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    date TEXT NOT NULL,
    items TEXT NOT NULL DEFAULT '[]',           -- JSON [{code, result, note, action_*, task_id}]
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX internal_audits_date ON internal_audits(office_id, date, id);
