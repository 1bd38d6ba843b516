-- TASK_02: the resolution the Postgres port never had (docs/database.md, "The tasks against the
-- reference"): every marked row whose pair was not re-detected (no longer a candidate, no flag
-- left, a side no longer eligible or gone; for an in-service/PTO row: its meeting no longer
-- holds, cx_session_row) is resolved:
--   D  a side is in analytics.deleted_visit
--   R  otherwise (this includes a missed side)
-- resolve_date kept when set, else now; update_flag NULL. As in the refresh, only rows that
-- change are written and get updated_at = now.
-- $1 = the task's start time.
UPDATE {conflict}.conflictvisitmaps m
SET status_flag = n.status_flag,
    resolve_date = n.resolve_date,
    update_flag = NULL,
    updated_at = $1::timestamp
FROM cx_marked k
CROSS JOIN LATERAL (
  SELECT CASE WHEN EXISTS (SELECT 1 FROM {analytics}.deleted_visit d WHERE d.visit_id = k.visit_id)
                OR EXISTS (SELECT 1 FROM {analytics}.deleted_visit d WHERE d.visit_id = k.con_visit_id)
              THEN 'D' ELSE 'R' END::char(1) AS status_flag,
         COALESCE(k.resolve_date, $1::timestamp) AS resolve_date
) n
WHERE m.id = k.id
  AND NOT EXISTS (SELECT 1 FROM cx_rows r WHERE r.id = k.id)
  AND NOT EXISTS (SELECT 1 FROM cx_session_row s
                  WHERE s.visit_id = k.visit_id AND s.con_visit_id = k.con_visit_id)
  AND (m.status_flag, m.resolve_date, m.update_flag)
      IS DISTINCT FROM (n.status_flag, n.resolve_date, NULL::smallint)
