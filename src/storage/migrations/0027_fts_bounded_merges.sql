-- 0027 (issue 8): no write waits for a merge of the whole search index.
--
-- FTS5 writes each transaction's terms as a new small segment and merges segments as they
-- accumulate. Its "crisis merge" (16 segments on one level) merges the whole level inside the write
-- that tipped it, and the upper levels hold most of the index: in an office of 100,000 persons one
-- plan save took 13 s (the writer lock held all that time, other writes answered 503 busy), on a
-- million-person file minutes. From here every write that changes an index also does a few pages of
-- merging ('merge', 4 pages: search::Index, person::IndexForSearch), which keeps the segments few, and
-- the crisis merge is put out of reach (1999, the most FTS5 allows). The settings are kept in each
-- index's config table.
INSERT INTO search_fts (search_fts, rank) VALUES ('crisismerge', 1999);
INSERT INTO persons_fts (persons_fts, rank) VALUES ('crisismerge', 1999);
