-- TASK_02: no row keeps an update_flag (the port left 1 on every row it did not
-- re-detect). Marked rows were cleared by the refresh and the resolution; this clears the
-- rest (rows outside the window, W/I rows, rows without a ConflictID) of the run's buckets.
-- Bookkeeping only: updated_at is not touched.
-- $1/$2 = first/last SSN bucket (NULL: all rows).
UPDATE {conflict}.conflictvisitmaps m
SET update_flag = NULL
WHERE m.update_flag IS NOT NULL
  AND ($1::bigint IS NULL
       OR (hashtextextended(m.ssn, 0) & 4095) BETWEEN $1::bigint AND $2::bigint)
