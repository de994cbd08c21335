-- 0009: サービス担当者会議 and other meetings, agreements as tasks, and the plan steps that
-- inspections (運営指導) check: consent to the draft, the conference (or why it was waived),
-- hand-over of the plan (交付) and the providers' 個別支援計画 received back.
-- Never edit an applied migration: add a new numbered file in both folders instead.

ALTER TABLE plans ADD COLUMN draft_consented_on TEXT;        -- 計画案への同意日
ALTER TABLE plans ADD COLUMN draft_consent_by TEXT;          -- 本人 | 代理人
ALTER TABLE plans ADD COLUMN draft_consent_by_name TEXT;     -- 代理人の氏名
ALTER TABLE plans ADD COLUMN conference_waived_reason TEXT;  -- 会議を開かなかった理由 (軽微な変更など)
ALTER TABLE monitorings ADD COLUMN no_visit_reason TEXT;     -- 居宅訪問しなかった理由

-- A meeting about one person. Participants, opinions, agreements and the 合意形成シート are JSON
-- in the API's shape (always read with their meeting); agreements also become rows of `tasks`.
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    person_id INTEGER NOT NULL REFERENCES persons(id),
    kind TEXT NOT NULL CHECK (kind IN ('service_conference', 'case_conference', 'discharge_conference', 'other')),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'finalised')),
    date TEXT NOT NULL,
    start_time TEXT,
    end_time TEXT,
    place TEXT,
    plan_id INTEGER REFERENCES plans(id),        -- the plan discussed
    participants TEXT NOT NULL DEFAULT '[]',     -- JSON [{name, organisation, role, attended}]
    person_attended INTEGER NOT NULL,
    person_absent_reason TEXT,
    agenda TEXT,                                 -- 検討した項目
    discussion TEXT,                             -- 検討内容
    opinions TEXT NOT NULL DEFAULT '[]',         -- JSON [{participant, opinion}]
    conclusion TEXT,                             -- 結論
    remaining_issues TEXT,                       -- 残された課題
    agreements TEXT NOT NULL DEFAULT '[]',       -- JSON [{text, owner, owner_user_id, due, measure}]
    consensus_sheet TEXT,                        -- JSON {purpose, roles, risks, contact_arrangement} or NULL
    author_id INTEGER NOT NULL REFERENCES users(id),
    finalised_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX meetings_person ON meetings(office_id, person_id, date);
CREATE INDEX meetings_plan ON meetings(office_id, plan_id, kind);

-- A task: an agreement of a meeting (meeting_id, agreement_index) or one added by hand.
CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    person_id INTEGER NOT NULL REFERENCES persons(id),
    meeting_id INTEGER REFERENCES meetings(id),
    agreement_index INTEGER,
    text TEXT NOT NULL,
    owner TEXT NOT NULL,                         -- a participant's name, or the user's name
    owner_user_id INTEGER REFERENCES users(id),
    due TEXT NOT NULL,
    measure TEXT NOT NULL,                       -- 評価指標
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
    done_on TEXT,
    result TEXT,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX tasks_status_due ON tasks(office_id, status, due);
CREATE INDEX tasks_person ON tasks(office_id, person_id, status, due);
CREATE INDEX tasks_owner ON tasks(office_id, owner_user_id, status, due);
CREATE UNIQUE INDEX tasks_agreement ON tasks(office_id, meeting_id, agreement_index);

-- 交付: who was handed an issued plan, and when.
CREATE TABLE plan_deliveries (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    person_id INTEGER NOT NULL REFERENCES persons(id),
    plan_id INTEGER NOT NULL REFERENCES plans(id),
    recipient_kind TEXT NOT NULL CHECK (recipient_kind IN ('person', 'family', 'provider', 'municipality')),
    name TEXT NOT NULL,
    delivered_on TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX plan_deliveries_plan ON plan_deliveries(office_id, plan_id, delivered_on);

-- 個別支援計画 received back from a provider named in the plan.
CREATE TABLE provider_plans (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    person_id INTEGER NOT NULL REFERENCES persons(id),
    plan_id INTEGER NOT NULL REFERENCES plans(id),
    provider TEXT NOT NULL,
    received_on TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX provider_plans_plan ON provider_plans(office_id, plan_id, received_on);
