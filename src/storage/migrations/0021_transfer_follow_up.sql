-- 0021: the follow-up of a transfer (引継ぎ後の状況確認, issue 14) is a task of the SENDING office,
-- for the sender's specialist: it names the transfer (transfer_id) and no person, because the sending
-- office reads nothing of the person once the receiving office has accepted. tasks.person_id becomes
-- nullable (a task has a person, or a transfer of its office) and tasks.transfer_id is new.
-- Never edit an applied migration: add a new numbered file in both folders instead.
--
-- SQLite cannot drop a NOT NULL: the table is rebuilt (https://www.sqlite.org/lang_altertable.html,
-- "Making Other Kinds Of Table Schema Changes"). No table references tasks, and tasks has no trigger
-- and no search hook (search_entries holds no tasks), so the rebuild keeps every row and id and the
-- indexes of 0009 are created again under their names.
CREATE TABLE tasks_new (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    person_id INTEGER REFERENCES persons(id),     -- NULL: a transfer's follow-up in the sending office
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
    updated_at TEXT NOT NULL,
    transfer_id INTEGER REFERENCES transfers(id), -- the transfer this follow-up is about
    CHECK (person_id IS NOT NULL OR transfer_id IS NOT NULL)
);
INSERT INTO tasks_new (id, office_id, person_id, meeting_id, agreement_index, text, owner, owner_user_id, due, measure,
                       status, done_on, result, created_by, created_at, updated_at)
SELECT id, office_id, person_id, meeting_id, agreement_index, text, owner, owner_user_id, due, measure, status, done_on,
       result, created_by, created_at, updated_at
FROM tasks;
DROP TABLE tasks;
ALTER TABLE tasks_new RENAME TO tasks;
CREATE INDEX tasks_status_due ON tasks(office_id, status, due);
CREATE INDEX tasks_person ON tasks(office_id, person_id, status, due);
CREATE INDEX tasks_owner ON tasks(office_id, owner_user_id, status, due);
CREATE UNIQUE INDEX tasks_agreement ON tasks(office_id, meeting_id, agreement_index);
CREATE INDEX tasks_transfer ON tasks(office_id, transfer_id);
