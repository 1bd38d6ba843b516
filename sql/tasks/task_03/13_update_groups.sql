-- TASK_03 (TASK_06 of the reference): existing rows whose component's GroupID changed
-- (two groups joined by a new link, or ids never assigned) take it.
-- $1 = the task's start time.
UPDATE {conflict}.conflictvisitmaps m
SET group_id = g.group_id,
    updated_at = $1::timestamp
FROM cx_group g
WHERE g.visit_id = m.visit_id
  AND m.group_id IS DISTINCT FROM g.group_id
