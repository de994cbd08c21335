-- 0024 (issue 8): record search of one or two characters in a big office.
--
-- The trigram index holds pieces of three characters, so a query of one or two (「怖」「夜間」) read
-- every entry of the office: seconds in an office of 100,000 persons. Every place a short query
-- matches is the start of some trigram, except at the end of a text. The index now reads each text
-- with two line feeds after it (so the last two characters start trigrams too), and the short
-- query is answered from the index: the trigrams that begin with it (search_fts_terms, the index's
-- own list of terms, read as one range), OR-ed into one MATCH. The matches are the same as a scan's.
CREATE VIEW search_fts_content AS SELECT id, text_normalised || char(10, 10) AS text_normalised FROM search_entries;
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(text_normalised, content='search_fts_content', content_rowid='id',
                                           tokenize='trigram');
INSERT INTO search_fts (search_fts) VALUES ('rebuild');
CREATE VIRTUAL TABLE search_fts_terms USING fts5vocab(search_fts, 'row');
-- An office with few entries (search::Query::scan_entries) is searched by reading its entries, not
-- through the index shared by every office of the file. Its entries lie scattered over the table
-- (written over time, between other offices' records), so the read fetched a page per entry. This
-- index holds them together, in the list's order, with the text the query is matched against.
CREATE INDEX search_entries_scan ON search_entries(office_id, date, id, text_normalised);
