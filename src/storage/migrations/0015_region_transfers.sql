-- 0015: regions (基幹相談支援センター・市町村) and their users, and transfers of a person between
-- offices (引継ぎ, issue 14). Never edit an applied migration: add a new numbered file instead.

-- A region: a set of offices seen together, by aggregates only. Shared by every office (like offices).
CREATE TABLE regions (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
CREATE TABLE region_offices (
    region_id INTEGER NOT NULL REFERENCES regions(id),
    office_id INTEGER NOT NULL REFERENCES offices(id),
    PRIMARY KEY (region_id, office_id)
);
CREATE INDEX region_offices_office ON region_offices(office_id);

-- The role `region`: users.role gains the value; users.region_id links a region user to its region.
-- SQLite cannot alter a CHECK; the constraint only widens, so the stored table text is edited in
-- place (https://www.sqlite.org/lang_altertable.html#otheralter) and the schema reparsed, which
-- keeps every column another migration may have added. The CREATE TABLE above bumped the schema
-- cookie, so every other connection reparses too.
PRAGMA writable_schema=ON;
UPDATE sqlite_master SET sql = replace(sql, '''chief'', ''admin'')', '''chief'', ''admin'', ''region'')')
WHERE type = 'table' AND name = 'users';
PRAGMA writable_schema=RESET;
ALTER TABLE users ADD COLUMN region_id INTEGER REFERENCES regions(id);

-- 引継ぎ: a person handed from the sending office (office_id) to another office. The row stays with
-- the sender; person_id and consent_id are plain numbers (the person moves on accept).
CREATE TABLE transfers (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    person_id INTEGER NOT NULL,
    to_office_id INTEGER NOT NULL REFERENCES offices(id),
    reason TEXT NOT NULL,
    consent_id INTEGER NOT NULL,
    handover_note TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined')),
    requested_by INTEGER NOT NULL REFERENCES users(id),
    requested_at TEXT NOT NULL,
    sender_specialist_id INTEGER REFERENCES users(id),
    decided_by INTEGER REFERENCES users(id),
    decided_at TEXT,
    decline_reason TEXT,
    assignee_id INTEGER REFERENCES users(id),
    follow_up_task_id INTEGER
);
CREATE INDEX transfers_person ON transfers(office_id, person_id, status);
CREATE INDEX transfers_to ON transfers(to_office_id, status, id);
CREATE UNIQUE INDEX IF NOT EXISTS transfers_office_id_id ON transfers(office_id, id);

-- The append-only abuse tables refuse every change but the office: a transfer moves them.
DROP TRIGGER abuse_reports_no_update;
CREATE TRIGGER abuse_reports_no_update BEFORE UPDATE OF id, person_id, kinds, suspected_actor, observed, observed_on,
    observed_by, reported_on, reported_at, reported_to, reported_by, created_by, created_at ON abuse_reports
BEGIN
    SELECT RAISE(ABORT, 'abuse_reports is append-only');
END;
DROP TRIGGER abuse_followups_no_update;
CREATE TRIGGER abuse_followups_no_update BEFORE UPDATE OF id, report_id, kind, date, text, created_by, created_at
    ON abuse_followups
BEGIN
    SELECT RAISE(ABORT, 'abuse_followups is append-only');
END;

-- Decisions and issued plans stay immutable, except that a transfer moves them to another office
-- (an update that changes office_id; transfer_store.cpp changes nothing else).
DROP TRIGGER decisions_no_update;
CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions WHEN NEW.office_id = OLD.office_id
BEGIN
    SELECT RAISE(ABORT, 'decisions are immutable: record a new decision');
END;
DROP TRIGGER plans_issued_no_update;
CREATE TRIGGER plans_issued_no_update BEFORE UPDATE ON plans
    WHEN OLD.status = 'issued' AND NEW.office_id = OLD.office_id
BEGIN
    SELECT RAISE(ABORT, 'an issued plan is immutable: revise it');
END;

-- Dashboards read these by office and date.
CREATE INDEX IF NOT EXISTS notes_office_date ON notes(office_id, date);
CREATE INDEX IF NOT EXISTS monitorings_office_date ON monitorings(office_id, date);
CREATE INDEX IF NOT EXISTS meetings_office_date ON meetings(office_id, date);
CREATE INDEX IF NOT EXISTS directory_contacts_office_date ON directory_contacts(office_id, contact_on);
