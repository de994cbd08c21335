-- 0011 (PostgreSQL): the schema distributable by office (Citus; docs/operations.md, decision 0006).
-- Never edit an applied migration: add a new numbered file in both folders instead.
--
-- The rule for a table of office data: `office_id BIGINT NOT NULL`, the primary key
-- `(office_id, id)` (id stays an identity: the ids of existing rows do not change), every unique
-- key includes office_id, and a foreign key to another office table is composite
-- `(office_id, x_id) REFERENCES x(office_id, id)`. Citus puts all rows of one office on one shard
-- and can then check those keys on that shard alone. tests/api/schema.test.mjs checks every table.
--
-- The tables of 0001–0005, one by one:
--   offices         reference table: the list of offices itself, read with every office's data.
--   users           reference table: a login is unique in the whole region (the login form has no
--                   office field) and is looked up before any office is known; admins belong to no
--                   office's caseload. A few thousand rows per region, written rarely. Office tables
--                   keep plain `REFERENCES users(id)` (a distributed table may reference a reference table).
--   sessions        local to the coordinator: looked up by token hash on every request, before the
--                   office is known; authentication state, not case data (no personal data).
--   login_attempts  local to the coordinator: keyed by the login as typed and the client address
--                   (an unknown login has no office).
--   schema_migrations  local to the coordinator (the migrator's own bookkeeping).
--   persons, assignments, consents, assessments, decisions, plans, monitorings
--                   office data: distributed by office_id, colocated with persons.
--   audit_log       office data: distributed by office_id. Events of no office (a failed login of an
--                   unknown name, a refusal without a signed-in user) have office_id 0, as
--                   the writer has always stored them; there is no office row 0 and audit_log has no
--                   foreign key to offices, so no reserved row is needed. id stays unique and
--                   increasing over the whole log (the sequence audit_log_id_seq of 0006).
--
-- Tables of the migrations written at the same time (0006–0012) are created distributable; some
-- add `CREATE UNIQUE INDEX IF NOT EXISTS <table>_office_id_id`, so this one reuses that name.

-- audit_log: a non-null distribution column. The writer never stored NULL (no office is 0); make
-- sure before the constraint, with the append-only trigger off for that one statement.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
UPDATE audit_log SET office_id = 0 WHERE office_id IS NULL;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;
ALTER TABLE audit_log ALTER COLUMN office_id SET NOT NULL;
-- Ids come from the sequence audit_log_id_seq (0006), taken under the office's chain lock.

-- The (office_id, id) unique index of every office table with an id; it becomes the primary key.
CREATE UNIQUE INDEX IF NOT EXISTS persons_office_id_id ON persons(office_id, id);
CREATE UNIQUE INDEX IF NOT EXISTS consents_office_id_id ON consents(office_id, id);
CREATE UNIQUE INDEX IF NOT EXISTS assessments_office_id_id ON assessments(office_id, id);
CREATE UNIQUE INDEX IF NOT EXISTS decisions_office_id_id ON decisions(office_id, id);
CREATE UNIQUE INDEX IF NOT EXISTS plans_office_id_id ON plans(office_id, id);
CREATE UNIQUE INDEX IF NOT EXISTS monitorings_office_id_id ON monitorings(office_id, id);
CREATE UNIQUE INDEX IF NOT EXISTS audit_log_office_id_id ON audit_log(office_id, id);
-- users stays a reference table with its primary key (id); this index lets an office table check
-- that a staff member it names is of the same office: (office_id, x_user_id) REFERENCES users(office_id, id).
CREATE UNIQUE INDEX IF NOT EXISTS users_office_id_id ON users(office_id, id);

-- Every single-column foreign key to one of these tables becomes composite, under the same name and
-- with the same ON DELETE / ON UPDATE: those of 0001–0005 (assignments, consents, assessments,
-- decisions, plans, monitorings → persons; assessments.copied_from_id; plans → plans, assessments,
-- decisions; monitorings → plans) and any a later migration may have added. The existing rows are
-- checked again: a row pointing into another office stops the migration (the stores never wrote one).
DO $$
DECLARE
    fk record;
    del text;
    upd text;
BEGIN
    FOR fk IN
        SELECT c.conname, c.conrelid::regclass AS child, c.confrelid::regclass AS parent, a.attname AS col,
               c.confdeltype, c.confupdtype,
               EXISTS (SELECT 1 FROM pg_attribute o WHERE o.attrelid = c.conrelid AND o.attname = 'office_id'
                       AND NOT o.attisdropped) AS has_office
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f' AND cardinality(c.conkey) = 1
          AND c.connamespace = current_schema()::regnamespace
          AND c.confrelid IN ('persons'::regclass, 'consents'::regclass, 'assessments'::regclass,
                              'decisions'::regclass, 'plans'::regclass, 'monitorings'::regclass,
                              'audit_log'::regclass)
        ORDER BY c.conrelid::regclass::text, c.conname
    LOOP
        IF NOT fk.has_office THEN
            RAISE EXCEPTION 'table % references % without an office_id column', fk.child, fk.parent;
        END IF;
        del := CASE fk.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'r' THEN 'RESTRICT'
                                   WHEN 'n' THEN format('SET NULL (%I)', fk.col) ELSE 'NO ACTION' END;
        upd := CASE fk.confupdtype WHEN 'c' THEN 'CASCADE' WHEN 'r' THEN 'RESTRICT' ELSE 'NO ACTION' END;
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.child, fk.conname);
        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I FOREIGN KEY (office_id, %I) REFERENCES %s (office_id, id) '
                       'ON DELETE %s ON UPDATE %s', fk.child, fk.conname, fk.col, fk.parent, del, upd);
    END LOOP;
END
$$;

-- Primary keys (office_id, id). The constraint takes the unique index above, under the index's name,
-- so a later `CREATE UNIQUE INDEX IF NOT EXISTS <table>_office_id_id` finds it and adds nothing.
ALTER TABLE persons DROP CONSTRAINT persons_pkey;
ALTER TABLE persons ADD CONSTRAINT persons_office_id_id PRIMARY KEY USING INDEX persons_office_id_id;
ALTER TABLE consents DROP CONSTRAINT consents_pkey;
ALTER TABLE consents ADD CONSTRAINT consents_office_id_id PRIMARY KEY USING INDEX consents_office_id_id;
ALTER TABLE assessments DROP CONSTRAINT assessments_pkey;
ALTER TABLE assessments ADD CONSTRAINT assessments_office_id_id PRIMARY KEY USING INDEX assessments_office_id_id;
ALTER TABLE decisions DROP CONSTRAINT decisions_pkey;
ALTER TABLE decisions ADD CONSTRAINT decisions_office_id_id PRIMARY KEY USING INDEX decisions_office_id_id;
ALTER TABLE plans DROP CONSTRAINT plans_pkey;
ALTER TABLE plans ADD CONSTRAINT plans_office_id_id PRIMARY KEY USING INDEX plans_office_id_id;
ALTER TABLE monitorings DROP CONSTRAINT monitorings_pkey;
ALTER TABLE monitorings ADD CONSTRAINT monitorings_office_id_id PRIMARY KEY USING INDEX monitorings_office_id_id;
ALTER TABLE audit_log DROP CONSTRAINT audit_log_pkey;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_office_id_id PRIMARY KEY USING INDEX audit_log_office_id_id;

-- assignments has no id: its key (person, user) gains the office.
ALTER TABLE assignments DROP CONSTRAINT assignments_pkey;
ALTER TABLE assignments ADD CONSTRAINT assignments_pkey PRIMARY KEY (office_id, person_id, user_id);

-- The other unique keys gain the office: a person's plan versions, a plan's one revision.
ALTER TABLE plans DROP CONSTRAINT plans_person_id_version_key;
ALTER TABLE plans ADD CONSTRAINT plans_person_id_version_key UNIQUE (office_id, person_id, version);
DROP INDEX plans_revision;
CREATE UNIQUE INDEX plans_revision ON plans(office_id, previous_version_id);

-- audit_log: (office_id, id) is the primary key now, so audit_office(office_id, id) is a duplicate.
-- The whole log is still read and appended in id order (verify, the chain's last row): a plain,
-- non-unique index on id keeps that cheap (Citus allows non-unique indexes without office_id).
DROP INDEX IF EXISTS audit_office;
CREATE INDEX audit_log_id ON audit_log(id);
