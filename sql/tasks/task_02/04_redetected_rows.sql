-- TASK_02: the marked rows whose pair was re-detected (is in cx_pair, update mode).
-- v1_is_a: the row's V1 is the pair's a side.
CREATE TEMP TABLE cx_rows ON COMMIT DROP AS
SELECT k.id, k.visit_id, k.con_visit_id, p.a_id, p.b_id, k.visit_id = p.a_id AS v1_is_a
FROM cx_marked k
JOIN cx_pair p ON p.a_id = k.a_id AND p.b_id = k.b_id
