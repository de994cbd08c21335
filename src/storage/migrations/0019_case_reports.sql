-- 0019: anonymised case reports (事例報告, issue 15). A draft built from a person's records, edited by
-- its author, approved by a chief before it can be exported. The same schema as
-- postgresql/0019_case_reports.sql. Never edit an applied migration.
CREATE TABLE case_reports (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    person_id INTEGER NOT NULL REFERENCES persons(id),
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved')),
    author_id INTEGER NOT NULL REFERENCES users(id),
    approved_by INTEGER REFERENCES users(id),
    approved_on TEXT,
    created_on TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX case_reports_office ON case_reports(office_id, created_at, id);
CREATE INDEX case_reports_author ON case_reports(office_id, author_id, created_on);
CREATE INDEX case_reports_person ON case_reports(office_id, person_id, id);
