-- 0028 (issue 8): the office's access log (GET /api/v1/audit) reads only what its filters select.
--
-- The list counted every row of the office's log on each call (0.7-1.5 s for an office with 1.7
-- million rows), and its filter by person could not use the person index: the statement's
-- "(:pid = 0 OR a.person_id = :pid)" made the engine walk the office's whole log instead. Each
-- combination of filters now has its own statement naming only the filters given, and the count
-- stops at 10,001 rows. The person index starts with the office and ends with the id, so a person's
-- newest page is read from the end of its range; it replaces audit_person(person_id), at the same
-- cost per audit row written. Filters by user, action or time alone walk the office's log from its
-- newest row until the page is full (no index for them: each would be one more index for every
-- audited read to update, on the path that bounds how many reads a second the server answers).
DROP INDEX IF EXISTS audit_person;
CREATE INDEX audit_office_person ON audit_log(office_id, person_id, id);
