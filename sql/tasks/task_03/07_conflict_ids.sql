-- TASK_03 (TASK_04 of the reference): the ConflictID of every (visit_id, app_visit_id)
-- that needs one -- the new rows' (cx_rows) and any map row still without one. A visit that already has
-- map rows with a ConflictID keeps it (the smallest, if several); the others are numbered
-- densely in (visit_id, app_visit_id) order (C collation), after the greatest id in use in
-- the map or in conflict.conflicts.
CREATE TEMP TABLE cx_cid ON COMMIT DROP AS
WITH pending AS (
  SELECT r.visit_id, v.app_visit_id FROM cx_rows r JOIN cx_side v ON v.visit_id = r.visit_id
  UNION
  SELECT visit_id, app_visit_id FROM {conflict}.conflictvisitmaps WHERE conflict_id IS NULL
), inherited AS (
  SELECT m.visit_id, min(m.conflict_id) AS conflict_id
  FROM {conflict}.conflictvisitmaps m
  WHERE m.conflict_id IS NOT NULL
    AND m.visit_id IN (SELECT visit_id FROM pending)
  GROUP BY m.visit_id
), top AS (
  SELECT GREATEST((SELECT max(conflict_id) FROM {conflict}.conflictvisitmaps),
                  (SELECT max(conflict_id) FROM {conflict}.conflicts), 0) AS top
)
SELECT p.visit_id, p.app_visit_id, i.conflict_id, false AS is_new
FROM pending p
JOIN inherited i ON i.visit_id = p.visit_id
UNION ALL
SELECT p.visit_id, p.app_visit_id,
       (SELECT top FROM top)
         + dense_rank() OVER (ORDER BY p.visit_id COLLATE "C", p.app_visit_id COLLATE "C"),
       true AS is_new
FROM pending p
WHERE NOT EXISTS (SELECT 1 FROM inherited i WHERE i.visit_id = p.visit_id)
