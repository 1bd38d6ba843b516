-- TASK_03: map rows that were still without a ConflictID (not written by this
-- project's tasks, but possible in imported data) take theirs from cx_cid.
-- $1 = the task's start time.
UPDATE {conflict}.conflictvisitmaps m
SET conflict_id = c.conflict_id,
    updated_at = $1::timestamp
FROM cx_cid c
WHERE m.conflict_id IS NULL
  AND c.visit_id = m.visit_id
  AND c.app_visit_id IS NOT DISTINCT FROM m.app_visit_id
