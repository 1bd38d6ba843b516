-- TASK_02: the status of each conflict (conflict.conflicts) that has a marked row,
-- from all its map rows: U when any row is U (resolve_date NULL); R when every row is R or D
-- (resolve_date kept when set, else now); otherwise unchanged. The users' W and I conflicts
-- are never changed. Only conflicts that change are written.
-- $1 = the task's start time.
UPDATE {conflict}.conflicts c
SET status_flag = r.status_flag,
    resolve_date = CASE WHEN r.status_flag = 'U' THEN NULL
                        ELSE COALESCE(c.resolve_date, $1::timestamp) END
FROM (
  SELECT m.conflict_id,
         CASE WHEN bool_or(m.status_flag = 'U') THEN 'U'
              WHEN bool_and(m.status_flag IN ('R', 'D')) THEN 'R' END::char(1) AS status_flag
  FROM {conflict}.conflictvisitmaps m
  WHERE m.conflict_id IN (SELECT k.conflict_id FROM cx_marked k)
  GROUP BY m.conflict_id
) r
WHERE c.conflict_id = r.conflict_id
  AND r.status_flag IS NOT NULL
  AND c.status_flag NOT IN ('W', 'I')
  AND (c.status_flag, c.resolve_date)
      IS DISTINCT FROM (r.status_flag, CASE WHEN r.status_flag = 'U' THEN NULL
                                            ELSE COALESCE(c.resolve_date, $1::timestamp) END)
