-- TASK_02 (docs/database.md, "The tasks against the reference"): the rows this run re-evaluates
-- ("marked"): rows with a ConflictID and a visit_date in the window, except the users' W and I
-- rows (never changed by the pipeline): seven-rule rows, and in-service/PTO rows
-- (task_02/10_session_refresh.sql). The mark is this temporary table, not update_flag, so rows
-- that do not change are never written. A chunk (process_task02_chunk) marks only the rows
-- whose SSN falls in its bucket range; get_task02_chunks counts exactly these rows
-- (chunks/01_bucket_rows.sql), and the update mode of pair_search/pair_search.sql re-evaluates
-- exactly their pairs (a_id, b_id: the pair, unordered, C order).
-- $1 = first day of the window, $2 = last day, $3/$4 = first/last SSN bucket (NULL: all).
CREATE TEMP TABLE cx_marked ON COMMIT DROP AS
SELECT m.id, m.conflict_id, m.visit_id, m.con_visit_id, m.ssn, m.status_flag, m.resolve_date,
       LEAST(m.visit_id COLLATE "C", m.con_visit_id COLLATE "C") COLLATE "default" AS a_id,
       GREATEST(m.visit_id COLLATE "C", m.con_visit_id COLLATE "C") COLLATE "default"
                    AS b_id
FROM {conflict}.conflictvisitmaps m
WHERE m.conflict_id IS NOT NULL
  AND m.visit_date BETWEEN $1::date AND $2::date
  AND m.status_flag NOT IN ('W', 'I')
  AND ($3::bigint IS NULL
       OR (hashtextextended(m.ssn, 0) & 4095) BETWEEN $3::bigint AND $4::bigint)
