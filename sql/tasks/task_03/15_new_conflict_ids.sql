-- TASK_03: how many ConflictIDs this run gave out (not inherited).
SELECT count(DISTINCT conflict_id) AS ids FROM cx_cid WHERE is_new
