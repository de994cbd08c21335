-- 0017: children done right and life transitions (issue #17).
-- Persons gain the 保護者 (guardian, JSON {name, relation, phone}), 通所受給者証番号,
-- 地域相談支援受給者証番号 and 利用者負担上限額; 地域移行支援・地域定着支援 episodes get their tables.
-- Never edit an applied migration: add a new numbered file in both folders instead.

-- A plan under both laws (サービス等利用計画・障害児支援利用計画): plans.kind keeps its 0003 CHECK
-- (adult | child), which SQLite cannot alter in place; such a plan is kind 'child' with kind_both = 1.
ALTER TABLE plans ADD COLUMN kind_both INTEGER NOT NULL DEFAULT 0;

ALTER TABLE persons ADD COLUMN guardian TEXT;
ALTER TABLE persons ADD COLUMN child_certificate_number TEXT;
ALTER TABLE persons ADD COLUMN community_certificate_number TEXT;
ALTER TABLE persons ADD COLUMN copay_cap INTEGER;

-- 地域移行支援 (transition) / 地域定着支援 (settlement): one episode of a person.
CREATE TABLE transitions (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    person_id INTEGER NOT NULL REFERENCES persons(id),
    kind TEXT NOT NULL CHECK (kind IN ('transition', 'settlement')),
    start TEXT NOT NULL,
    end_on TEXT NOT NULL,
    extended_to TEXT,
    extension_reason TEXT,
    from_kind TEXT CHECK (from_kind IN ('hospital', 'facility', 'prison', 'other')),
    from_name TEXT,
    admitted_on TEXT,
    emergency_contact TEXT,
    moved_on TEXT,
    destination TEXT CHECK (destination IN ('home', 'group_home', 'other')),
    readmitted_on TEXT,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX transitions_person ON transitions(office_id, person_id, start);
CREATE INDEX transitions_moved ON transitions(office_id, moved_on);

CREATE TABLE transition_activities (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    transition_id INTEGER NOT NULL REFERENCES transitions(id),
    date TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('visit', 'accompany', 'trial_stay', 'housing', 'meeting', 'emergency_call',
                                       'emergency_visit')),
    minutes INTEGER,
    note TEXT,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX transition_activities_episode ON transition_activities(office_id, transition_id, date);
