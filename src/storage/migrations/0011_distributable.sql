-- 0011: the indexes of the distributable schema (postgresql/0011_distributable.sql; decision 0006).
-- Never edit an applied migration: add a new numbered file instead.
--
-- On PostgreSQL the office tables' primary keys become (office_id, id), their foreign keys
-- composite, their unique keys gain office_id, so Citus can distribute them by office. SQLite keeps
-- its rowid primary keys and the foreign keys of 0001–0005 (changing them means rebuilding every
-- table, for no gain on one file). It gets the same (office_id, id) unique indexes under the same
-- names, so both schemas have the same indexes and a later table may reference
-- (office_id, x_id) → x(office_id, id) on both engines. The table-by-table reasoning (office data,
-- reference tables, coordinator-local tables) is in the PostgreSQL file.
CREATE UNIQUE INDEX IF NOT EXISTS persons_office_id_id ON persons(office_id, id);
CREATE UNIQUE INDEX IF NOT EXISTS consents_office_id_id ON consents(office_id, id);
CREATE UNIQUE INDEX IF NOT EXISTS assessments_office_id_id ON assessments(office_id, id);
CREATE UNIQUE INDEX IF NOT EXISTS decisions_office_id_id ON decisions(office_id, id);
CREATE UNIQUE INDEX IF NOT EXISTS plans_office_id_id ON plans(office_id, id);
CREATE UNIQUE INDEX IF NOT EXISTS monitorings_office_id_id ON monitorings(office_id, id);
-- users is a reference table (see the PostgreSQL file); (office_id, id) lets a table name a staff
-- member of its own office.
CREATE UNIQUE INDEX IF NOT EXISTS users_office_id_id ON users(office_id, id);

-- A plan version is revised at most once, within its office (the same key as on PostgreSQL).
DROP INDEX IF EXISTS plans_revision;
CREATE UNIQUE INDEX plans_revision ON plans(office_id, previous_version_id);

-- audit_log: the unique (office_id, id) index replaces audit_office(office_id, id), as on
-- PostgreSQL; id order is the rowid here, so no index on id is needed.
DROP INDEX IF EXISTS audit_office;
CREATE UNIQUE INDEX IF NOT EXISTS audit_log_office_id_id ON audit_log(office_id, id);
