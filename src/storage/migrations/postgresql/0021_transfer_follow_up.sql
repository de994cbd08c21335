-- 0021 (PostgreSQL): the follow-up of a transfer (引継ぎ後の状況確認, issue 14) is a task of the
-- SENDING office, for the sender's specialist: it names the transfer (transfer_id) and no person,
-- because the sending office reads nothing of the person once the receiving office has accepted.
-- The same schema as ../0021_transfer_follow_up.sql (SQLite, which rebuilds the table).
-- Never edit an applied migration: add a new numbered file in both folders instead.
ALTER TABLE tasks ALTER COLUMN person_id DROP NOT NULL;
ALTER TABLE tasks ADD COLUMN transfer_id BIGINT;
-- The transfer row stays with the sender, as does this task: a composite key within the office,
-- deferrable like every key between office tables since 0015.
CREATE UNIQUE INDEX IF NOT EXISTS transfers_office_id_id ON transfers(office_id, id);
ALTER TABLE tasks ADD CONSTRAINT tasks_transfer_fkey FOREIGN KEY (office_id, transfer_id)
    REFERENCES transfers(office_id, id) DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE tasks ADD CONSTRAINT tasks_person_or_transfer CHECK (person_id IS NOT NULL OR transfer_id IS NOT NULL);
CREATE INDEX tasks_transfer ON tasks(office_id, transfer_id);
