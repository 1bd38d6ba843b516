-- TASK_03: the rows to insert: both orientations of every conflicting pair (cx_pair,
-- insert mode) that have no map row yet. v1_is_a: the row's V1 is the pair's a side.
CREATE TEMP TABLE cx_rows ON COMMIT DROP AS
SELECT NULL::bigint AS id, o.visit_id, o.con_visit_id, p.a_id, p.b_id, o.v1_is_a
FROM cx_pair p
CROSS JOIN LATERAL (VALUES (p.a_id, p.b_id, true), (p.b_id, p.a_id, false))
  AS o(visit_id, con_visit_id, v1_is_a)
WHERE NOT EXISTS (SELECT 1 FROM {conflict}.conflictvisitmaps m
                  WHERE m.visit_id = o.visit_id AND m.con_visit_id = o.con_visit_id)
