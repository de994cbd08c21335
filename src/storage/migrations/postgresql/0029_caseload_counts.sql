-- 0029 (issue 8): the caseload dashboard's totals for a whole office without reading every assigned
-- person. Each staff member's count of assigned persons, and of those at support level 5–6 and 6,
-- kept by the stores that change an assignment or a support level (caseload::UncountPerson /
-- CountPerson, in the same transaction). Children depend on the month asked for, so they are
-- counted from a range of persons by birth date (persons_birth, covering: read in birth order, a
-- person's row would be a page of its own), a fraction of the office.
CREATE TABLE caseload_counts (
    office_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    cases INTEGER NOT NULL DEFAULT 0,
    level_high INTEGER NOT NULL DEFAULT 0,
    level6 INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (office_id, user_id)
);
INSERT INTO caseload_counts (office_id, user_id, cases, level_high, level6)
SELECT a.office_id, a.user_id, COUNT(*), SUM(CASE WHEN p.support_level IN ('5', '6') THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.support_level = '6' THEN 1 ELSE 0 END)
FROM assignments a JOIN persons p ON p.office_id = a.office_id AND p.id = a.person_id
GROUP BY a.office_id, a.user_id;
CREATE INDEX persons_birth ON persons(office_id, birth_date, support_level);
