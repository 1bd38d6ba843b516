-- Views mode: the update mode of pair_search.sql, session_search.sql and describe.sql fetch
-- visits by id.
CREATE INDEX ON cx_visit (visit_id)
