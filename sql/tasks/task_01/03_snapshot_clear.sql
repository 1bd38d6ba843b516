-- TASK_01 step 2: empty the "before" snapshot (TRUNCATE is transactional in PostgreSQL: a
-- failed run keeps the old snapshot).
TRUNCATE {conflict}.conflictvisitmaps_temp
