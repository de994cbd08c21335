-- 0004: モニタリング報告書 (monitoring reports). Goals and change kinds as JSON text.
CREATE TABLE monitorings (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    person_id INTEGER NOT NULL REFERENCES persons(id),
    plan_id INTEGER NOT NULL REFERENCES plans(id),
    date TEXT NOT NULL,
    visited INTEGER NOT NULL,
    place TEXT,
    goals TEXT NOT NULL,          -- JSON array of goal reviews
    overall TEXT,
    next_monitoring TEXT,
    change_needed INTEGER NOT NULL,
    change_kinds TEXT NOT NULL,   -- JSON array
    new_plan_id INTEGER REFERENCES plans(id),
    specialist_id INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX monitorings_person ON monitorings(office_id, person_id, date);
