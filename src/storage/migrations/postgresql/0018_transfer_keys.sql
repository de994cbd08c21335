-- 0018: the tables of 0016 (quality) and 0017 (transitions) follow the transfer rules of 0015:
-- keys between office tables DEFERRABLE (a transfer changes office_id on the parent and the
-- children in one transaction), keys naming a staff member reference users(id) alone.
DO $$
DECLARE
    fk record;
    col text;
BEGIN
    FOR fk IN
        SELECT c.conname, c.conrelid::regclass AS child, c.confrelid::regclass AS parent, c.conkey
        FROM pg_constraint c
        WHERE c.contype = 'f' AND cardinality(c.conkey) = 2 AND NOT c.condeferrable
          AND c.connamespace = current_schema()::regnamespace
        ORDER BY c.conrelid::regclass::text, c.conname
    LOOP
        SELECT a.attname INTO col FROM pg_attribute a WHERE a.attrelid = fk.child AND a.attnum = fk.conkey[2];
        IF fk.parent = 'users'::regclass THEN
            EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.child, fk.conname);
            EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I FOREIGN KEY (%I) REFERENCES users (id)',
                           fk.child, fk.conname, col);
        ELSE
            EXECUTE format('ALTER TABLE %s ALTER CONSTRAINT %I DEFERRABLE INITIALLY IMMEDIATE', fk.child, fk.conname);
        END IF;
    END LOOP;
END
$$;
