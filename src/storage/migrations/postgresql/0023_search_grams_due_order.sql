-- 0023 (issue 8): two views that still read every row of a big office (see the SQLite migration).
-- The due list's order (date, kana) held by the indexes of both halves of the list.
ALTER TABLE due_facts ADD COLUMN kana TEXT NOT NULL DEFAULT '';
DROP INDEX due_facts_office_date;
CREATE INDEX due_facts_office_date ON due_facts(office_id, due_date, kana, person_id, due_month, done_on);
DROP INDEX due_facts_open;
CREATE INDEX due_facts_open ON due_facts(office_id, due_date, kana, person_id, due_month)
    WHERE done_on IS NULL;
-- Person search for one or two characters: bigrams of the lower-cased name and of the kana, each
-- followed by U+0001. COLLATE "C": compared by code point, as SQLite does, so "the bigrams that start
-- with this character" is one index range.
CREATE TABLE person_grams (
    office_id BIGINT NOT NULL,
    gram TEXT COLLATE "C" NOT NULL,
    person_id BIGINT NOT NULL,
    PRIMARY KEY (office_id, gram, person_id)
);
CREATE INDEX person_grams_person ON person_grams(office_id, person_id);
INSERT INTO person_grams (office_id, gram, person_id)
SELECT DISTINCT s.office_id, substr(s.t, i, 2), s.id
FROM (SELECT office_id, id, LOWER(name) || chr(1) || kana || chr(1) AS t FROM persons) s,
     generate_series(1, length(s.t) - 1) AS i
WHERE substr(s.t, i, 1) <> chr(1);
-- The office dashboards (issue 14) read a period's index entries without visiting the rows:
-- 取扱件数 for the page's specialists, and the KPI's goal reviews and time use (the due months'
-- figures read due_facts_office_date above, which holds done_on for them).
CREATE INDEX plans_office_specialist_issued ON plans(office_id, specialist_id, issued_on, person_id);
CREATE INDEX monitorings_office_specialist_date ON monitorings(office_id, specialist_id, date, person_id);
DROP INDEX goal_facts_office_date;
CREATE INDEX goal_facts_office_date ON goal_facts(office_id, date, person_id, achieved, partly, not_achieved,
    satisfaction_sum, satisfaction_n);
CREATE INDEX notes_office_time_use ON notes(office_id, date, time_category, minutes, author_id, person_id);
