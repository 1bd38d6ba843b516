-- TASK_02: how many marked rows are in-service/PTO rows whose meeting still holds.
SELECT count(*)
FROM cx_marked k
JOIN cx_session_row r ON r.visit_id = k.visit_id AND r.con_visit_id = k.con_visit_id
