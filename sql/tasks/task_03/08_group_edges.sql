-- TASK_03: the links of the GroupID graph (conflict/group_ids.h): every map row and
-- every new row, with the group id it holds (new rows: none yet).
SELECT m.visit_id, m.con_visit_id, m.group_id
FROM {conflict}.conflictvisitmaps m
UNION ALL
SELECT r.visit_id, r.con_visit_id, NULL::bigint
FROM cx_rows r
