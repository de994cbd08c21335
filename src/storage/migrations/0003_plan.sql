-- 0003: サービス等利用計画 / 障害児支援利用計画 (様式1-1・1-2), one row per version.
-- Never edit an applied migration: add a new numbered file instead.

-- A plan version. Needs rows (with goals and services) and the weekly schedule are JSON arrays in
-- the API's shape: they are always read and written with their plan, never queried on their own.
-- An issued row (本計画, 交付済) is history: a change is a new version (previous_version_id).
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    person_id INTEGER NOT NULL REFERENCES persons(id),
    version INTEGER NOT NULL CHECK (version >= 1),
    previous_version_id INTEGER REFERENCES plans(id),
    kind TEXT NOT NULL CHECK (kind IN ('adult', 'child')),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'issued')),
    plan_date TEXT NOT NULL,                        -- 計画作成日
    specialist_id INTEGER REFERENCES users(id),     -- 計画作成担当者
    wishes TEXT,                                    -- 利用者の生活に対する意向
    family_wishes TEXT,                             -- 家族の意向
    policy TEXT,                                    -- 総合的な援助の方針
    long_term_goal TEXT,
    short_term_goal TEXT,
    monitoring_period_note TEXT,
    proposed_interval_months INTEGER CHECK (proposed_interval_months BETWEEN 1 AND 12),
    consented_on TEXT,                              -- 同意日
    assessment_id INTEGER REFERENCES assessments(id),
    needs TEXT NOT NULL DEFAULT '[]',               -- JSON [{priority, need, goal, target_date, services, ...}]
    weekly TEXT NOT NULL DEFAULT '[]',              -- JSON [{weekday, start, end, activity, kind}] (様式1-2)
    daily_activities TEXT,                          -- 主な日常生活上の活動
    non_weekly TEXT,                                -- 週単位以外のサービス
    submitted_on TEXT,
    issued_on TEXT,                                 -- 交付日
    decision_id INTEGER REFERENCES decisions(id),   -- the 支給決定 checked at issue
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (person_id, version)
);
CREATE INDEX plans_person ON plans(office_id, person_id, version);
-- A version is revised at most once (its next_version_id is a single plan).
CREATE UNIQUE INDEX plans_revision ON plans(previous_version_id);

CREATE TRIGGER plans_issued_no_update BEFORE UPDATE ON plans WHEN OLD.status = 'issued'
BEGIN
    SELECT RAISE(ABORT, 'an issued plan is immutable: revise it');
END;

CREATE TRIGGER plans_issued_no_delete BEFORE DELETE ON plans WHEN OLD.status = 'issued'
BEGIN
    SELECT RAISE(ABORT, 'an issued plan is history');
END;
