-- TASK_01: empty the "before" snapshot (TRUNCATE is transactional in PostgreSQL: a
-- failed run keeps the old snapshot).
TRUNCATE {conflict}.conflictvisitmaps_temp
