-- 0023 (issue 8): two views that still read every row of a big office.
--
-- The due list (モニタリング予定) is ordered by date, then the person's kana. With the kana only in
-- persons, every month in the range was joined to its person to be sorted, then cut to one page.
-- The kana now sits in due_facts (written with the other facts on every write of the person), and
-- one index per half of the list (the months in the range; the open months before it) holds the
-- order, so a page is read from two index ranges already in order and merged.
ALTER TABLE due_facts ADD COLUMN kana TEXT NOT NULL DEFAULT '';
DROP INDEX due_facts_office_date;
CREATE INDEX due_facts_office_date ON due_facts(office_id, due_date, kana, person_id, due_month, done_on);
DROP INDEX due_facts_open;
CREATE INDEX due_facts_open ON due_facts(office_id, due_date, kana, person_id, due_month) WHERE done_on IS NULL;
-- Person search for one or two characters: the trigram index holds nothing shorter than three, so
-- such a query scanned the office. Every two-character piece (bigram) of the person's lower-cased
-- name and of the kana, each followed by U+0001 so the last character has a bigram too, is kept
-- here with every write of the person. Two characters: the persons having that bigram; one
-- character: those having a bigram that starts with it. Both are one index range.
CREATE TABLE person_grams (
    office_id INTEGER NOT NULL,
    gram TEXT NOT NULL,
    person_id INTEGER NOT NULL,
    PRIMARY KEY (office_id, gram, person_id)
) WITHOUT ROWID;
CREATE INDEX person_grams_person ON person_grams(office_id, person_id);
INSERT INTO person_grams (office_id, gram, person_id)
WITH RECURSIVE s(office_id, id, t) AS (
    SELECT office_id, id, LOWER(name) || char(1) || kana || char(1) FROM persons
), g(office_id, id, t, i) AS (
    SELECT office_id, id, t, 1 FROM s UNION ALL SELECT office_id, id, t, i + 1 FROM g WHERE i < length(t) - 1
)
SELECT DISTINCT office_id, substr(t, i, 2), id FROM g WHERE substr(t, i, 1) <> char(1) ORDER BY 1, 2, 3;
-- The office dashboards (issue 14) read a period's index entries without visiting the rows:
-- 取扱件数 for the page's specialists, and the KPI's goal reviews and time use (the due months'
-- figures read due_facts_office_date above, which holds done_on for them).
CREATE INDEX plans_office_specialist_issued ON plans(office_id, specialist_id, issued_on, person_id);
CREATE INDEX monitorings_office_specialist_date ON monitorings(office_id, specialist_id, date, person_id);
DROP INDEX goal_facts_office_date;
CREATE INDEX goal_facts_office_date ON goal_facts(office_id, date, person_id, achieved, partly, not_achieved,
    satisfaction_sum, satisfaction_n);
CREATE INDEX notes_office_time_use ON notes(office_id, date, time_category, minutes, author_id, person_id);
