-- TASK_03: the visits whose rows get another GroupID, filled by COPY from the
-- union-find of conflict/group_ids.cc.
CREATE TEMP TABLE cx_group (
  visit_id text PRIMARY KEY,
  group_id bigint NOT NULL
) ON COMMIT DROP
