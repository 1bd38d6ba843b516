-- TASK_03 (TASK_05 of the reference): a conflict.conflicts row, status U, for every
-- ConflictID this run gave out or inherited that has none.
-- $1 = the task's start time.
INSERT INTO {conflict}.conflicts (conflict_id, status_flag, recorded_at, created_date)
SELECT DISTINCT c.conflict_id, 'U', $1::timestamp, $1::timestamp
FROM cx_cid c
ON CONFLICT (conflict_id) DO NOTHING
