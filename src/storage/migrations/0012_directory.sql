-- 0012: the directory of agencies (関係機関名簿), contacts with them, weak ties (弱いつながり) and
-- disclosures to them under consent (情報提供). The same schema as postgresql/0012_directory.sql.
-- Never edit an applied migration: add a new numbered file instead.

-- An agency, provider, group or key person of the office's network. Office data, not a person's.
-- contact_due_on is stored (last contact or registration + the layer's cadence) so the overdue
-- filter is an indexed comparison.
CREATE TABLE directory_entries (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('provider', 'agency', 'group', 'person')),
    sector TEXT NOT NULL,
    service_kinds TEXT NOT NULL DEFAULT '[]',      -- JSON array of service-kind codes (providers)
    layer TEXT NOT NULL CHECK (layer IN ('core', 'cross_sector', 'community')),
    address TEXT,
    phone TEXT,
    email TEXT,
    entry_contact TEXT NOT NULL DEFAULT '{}',      -- JSON {name, phone, email} (入口担当)
    contact_sop TEXT NOT NULL DEFAULT '{}',        -- JSON {whom, within_hours, medium}
    people TEXT NOT NULL DEFAULT '[]',             -- JSON [{name, role, phone, email}]
    notes TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    last_contact_on TEXT,
    contact_due_on TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (office_id, name)
);
CREATE INDEX directory_entries_due ON directory_entries(office_id, active, contact_due_on);
CREATE INDEX directory_entries_sector ON directory_entries(office_id, sector, layer);

-- One contact with an entry (visit, call, meeting ...). `summary` holds no person's data.
CREATE TABLE directory_contacts (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    directory_id INTEGER NOT NULL REFERENCES directory_entries(id),
    contact_on TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('visit', 'phone', 'meeting', 'event', 'mail', 'other')),
    summary TEXT,
    user_id INTEGER NOT NULL REFERENCES users(id),
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX directory_contacts_entry ON directory_contacts(office_id, directory_id, contact_on);

-- A specialist's weak ties (≤10, replaced as a whole): a directory entry or a free name.
CREATE TABLE weak_ties (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    position INTEGER NOT NULL,
    directory_id INTEGER REFERENCES directory_entries(id),
    name TEXT,
    why TEXT,
    reviewed_on TEXT,
    UNIQUE (office_id, user_id, position)
);

-- 情報提供: information about a person given to a directory entry, under the consent that covered it.
CREATE TABLE disclosures (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    person_id INTEGER NOT NULL REFERENCES persons(id),
    directory_id INTEGER NOT NULL REFERENCES directory_entries(id),
    consent_id INTEGER NOT NULL REFERENCES consents(id),
    what TEXT NOT NULL,
    purpose TEXT NOT NULL,
    disclosed_on TEXT NOT NULL,
    medium TEXT,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX disclosures_person ON disclosures(office_id, person_id, disclosed_on);
