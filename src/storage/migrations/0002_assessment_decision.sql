-- 0002: assessments (アセスメント) and municipal decisions (支給決定).
-- Never edit an applied migration: add a new numbered file instead.

-- アセスメント: own_words (本人の言葉) is required and comes first. A finalised row is read-only
-- (the API answers 409); a new assessment starts as a copy (copied_from_id).
CREATE TABLE assessments (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    person_id INTEGER NOT NULL REFERENCES persons(id),
    assessed_on TEXT NOT NULL,
    place TEXT CHECK (place IN ('home', 'office', 'facility', 'hospital', 'school', 'workplace', 'online', 'other')),
    own_words TEXT NOT NULL,
    life_history TEXT,
    family_situation TEXT,
    health_medical TEXT,
    current_services TEXT,
    income TEXT,
    daily_life TEXT,
    work_school TEXT,
    leisure TEXT,
    strengths TEXT,
    icf_body_functions TEXT,        -- ICF: 心身機能・身体構造
    icf_activities TEXT,            -- 活動
    icf_participation TEXT,         -- 参加
    icf_environmental TEXT,         -- 環境因子
    icf_personal TEXT,              -- 個人因子
    needs TEXT NOT NULL DEFAULT '[]',               -- JSON array of strings (解決すべき課題)
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'finalised')),
    finalised_on TEXT,
    copied_from_id INTEGER REFERENCES assessments(id),
    author_id INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX assessments_person ON assessments(office_id, person_id, assessed_on);

-- 支給決定: recorded as on the 受給者証, never changed (a correction is a new row).
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    person_id INTEGER NOT NULL REFERENCES persons(id),
    decided_on TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL CHECK (period_end >= period_start),
    monitoring_interval_months INTEGER NOT NULL CHECK (monitoring_interval_months BETWEEN 1 AND 12),
    monitoring_periods TEXT NOT NULL DEFAULT '[]',  -- JSON [{interval_months, first_month, last_month}]
    services TEXT NOT NULL,                         -- JSON [{kind, amount}]
    certificate_number TEXT NOT NULL,
    notes TEXT,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX decisions_person ON decisions(office_id, person_id, decided_on);

CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
BEGIN
    SELECT RAISE(ABORT, 'decisions are immutable: record a new decision');
END;
