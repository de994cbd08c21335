-- 0008: 支援経過記録 (support notes), their corrections, and the search index of record texts.
-- Never edit an applied migration: add a new numbered file in both folders instead.

-- A note is editable by its author for 24 hours; after that only corrections are appended.
-- participants, icf and goal_refs are JSON arrays; decision_support a JSON object (or NULL).
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    person_id INTEGER NOT NULL REFERENCES persons(id),
    date TEXT NOT NULL,
    start_time TEXT,
    contact_kind TEXT NOT NULL CHECK (contact_kind IN ('visit', 'office', 'phone', 'accompany', 'meeting', 'online',
                                                       'letter', 'other')),
    place TEXT,
    minutes INTEGER,
    time_category TEXT CHECK (time_category IN ('interview', 'coordination', 'records', 'reflection')),
    participants TEXT NOT NULL DEFAULT '[]',
    own_words TEXT,
    soap_s TEXT,
    soap_o TEXT,
    soap_a TEXT,
    soap_p TEXT,
    icf TEXT NOT NULL DEFAULT '[]',
    goal_refs TEXT NOT NULL DEFAULT '[]',
    next_step TEXT NOT NULL,
    decision_support TEXT,
    substitute INTEGER NOT NULL DEFAULT 0,   -- decision_support.substitute, for the chief's list
    author_id INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX notes_person ON notes(office_id, person_id, date, id);
CREATE INDEX notes_decision_support ON notes(office_id, substitute, date) WHERE decision_support IS NOT NULL;

-- 訂正: appended to a locked note, shown with the original (which never changes).
CREATE TABLE note_corrections (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    note_id INTEGER NOT NULL REFERENCES notes(id),
    text TEXT NOT NULL,
    reason TEXT NOT NULL,
    author_id INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX note_corrections_note ON note_corrections(office_id, note_id, id);

-- The search index: one row per record (note, assessment, plan, monitoring, meeting …), its text
-- as written (for the snippet) and normalised (NFKC, hiragana → katakana, lower case) for matching.
CREATE TABLE search_entries (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    person_id INTEGER NOT NULL REFERENCES persons(id),
    kind TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    date TEXT NOT NULL,
    text TEXT NOT NULL,
    text_normalised TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (office_id, kind, entity_id)
);
CREATE INDEX search_entries_person ON search_entries(office_id, person_id, date);
CREATE INDEX search_entries_date ON search_entries(office_id, date, id);

-- Trigram full-text index over the normalised text (queries of 3+ characters). External content:
-- the text lives in search_entries; search::Index and search::Remove write both tables in the
-- writer's transaction (no triggers: trusted_schema is off, and FTS5 may not be written by them).
CREATE VIRTUAL TABLE search_fts USING fts5(text_normalised, content='search_entries', content_rowid='id',
                                           tokenize='trigram');
