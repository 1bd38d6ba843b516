-- In-service and PTO meetings (flags 8 and 9; docs/conflict-rules.md, "In-service and PTO
-- pairs"), for TASK_03 and TASK_02 alike: one row per visit that meets a session of the same
-- SSN at another agency. Sessions are analytics.inservice (times compared as timestamps) and
-- analytics.absence (compared on dates), both ends included. Each side must be eligible
-- ({conflict}.eligible_provider and eligible_caregiver, as in the pair search); the visit
-- must be in the window, not missed, and have actuals; a visit that meets a session of the
-- same kind of its own caregiver record is skipped for that kind.
-- {visits} and {eligible_caregivers} are analytics.visit and conflict.eligible_caregiver, or in
-- views mode their snapshots cx_visit and cx_caregiver (snapshot_visit.sql;
-- conflict/pair_search.h).
-- session_id: 'inservice:' / 'pto:' + the session's id (+ '@' + environment when not empty),
-- never equal to a visit id.
-- Which visits are tried:
--   insert mode (TASK_03)  every visit, in one parallel scan matched by caregiver to `reach`
--                          (each eligible session with every caregiver record of its person)
--   update mode (TASK_02)  only the visits of the map's session rows, fetched by id: TASK_02
--                          re-evaluates the meetings it has (the marked ones among them),
--                          TASK_03 finds new ones
-- The plan is made for the parameters' values, so the branch of the other mode folds away.
-- $1 = first day of the window, $2 = last day, $3/$4 = first/last SSN bucket (NULL: all),
-- $5 = insert mode.
CREATE TEMP TABLE cx_session_pair ON COMMIT DROP AS
WITH session AS NOT MATERIALIZED (
  SELECT 'inservice'::text AS kind,
         'inservice:' || s.inservice_id
           || CASE WHEN s.environment <> '' THEN '@' || s.environment ELSE '' END AS session_id,
         s.caregiver_id, s.provider_id, s.office_id, s.start_ts, s.end_ts
  FROM {analytics}.inservice s
  UNION ALL
  SELECT 'pto',
         'pto:' || a.vacation_id
           || CASE WHEN a.environment <> '' THEN '@' || a.environment ELSE '' END,
         a.caregiver_id, a.provider_id, a.office_id, a.start_ts, a.end_ts
  FROM {analytics}.absence a
), reach AS NOT MATERIALIZED (
  -- each eligible session with every caregiver record of its person (few rows: the visits
  -- are then read once, in parallel, and matched to these by caregiver)
  SELECT s.kind, s.session_id, s.provider_id, ag.app_provider_id, ag.name AS provider_name,
         s.caregiver_id, sc.app_caregiver_id, s.office_id, s.start_ts, s.end_ts,
         sc.ssn, vc.caregiver_id AS visit_caregiver_id
  FROM session s
  JOIN {conflict}.eligible_provider ag ON ag.provider_id = s.provider_id
  JOIN {eligible_caregivers} sc ON sc.caregiver_id = s.caregiver_id
  JOIN {analytics}.caregiver vc ON btrim(vc.ssn, ' ') = sc.ssn
  WHERE $3::bigint IS NULL OR (sc.ssn_hash & 4095) BETWEEN $3::bigint AND $4::bigint
)
SELECT r.kind, v.visit_id, r.session_id, r.ssn, v.visit_date, r.start_ts::date AS session_date,
       r.provider_id, r.app_provider_id, r.provider_name, r.caregiver_id, r.app_caregiver_id,
       r.office_id, r.start_ts, r.end_ts
FROM (
  SELECT v.visit_id, v.caregiver_id, v.provider_id, v.visit_date, v.is_missed, v.visit_start,
         v.visit_end
  FROM {visits} v
  WHERE $5::boolean
  UNION ALL
  SELECT v.visit_id, v.caregiver_id, v.provider_id, v.visit_date, v.is_missed, v.visit_start,
         v.visit_end
  FROM (SELECT m.visit_id AS id FROM {conflict}.conflictvisitmaps m
        WHERE m.in_service_flag = 'Y' OR m.pto_flag = 'Y'
        UNION SELECT m.con_visit_id FROM {conflict}.conflictvisitmaps m
        WHERE m.in_service_flag = 'Y' OR m.pto_flag = 'Y') k
  -- by id, one index lookup each (OFFSET 0: the planner would otherwise scan every visit)
  CROSS JOIN LATERAL (SELECT * FROM {visits} v WHERE v.visit_id = k.id OFFSET 0) v
  WHERE NOT $5::boolean
) v
JOIN reach r ON r.visit_caregiver_id = v.caregiver_id
JOIN {conflict}.eligible_provider ag ON ag.provider_id = v.provider_id
WHERE v.visit_date BETWEEN $1::date AND $2::date
  AND NOT v.is_missed
  AND v.visit_start IS NOT NULL AND v.visit_end IS NOT NULL
  AND v.provider_id <> r.provider_id
  AND CASE WHEN r.kind = 'inservice'
           THEN v.visit_start <= r.end_ts AND v.visit_end >= r.start_ts
           ELSE v.visit_start::date <= r.end_ts::date AND v.visit_end::date >= r.start_ts::date
      END
  AND NOT EXISTS (SELECT 1 FROM session own
                  WHERE own.caregiver_id = v.caregiver_id AND own.kind = r.kind
                    AND CASE WHEN own.kind = 'inservice'
                             THEN v.visit_start <= own.end_ts AND v.visit_end >= own.start_ts
                             ELSE v.visit_start::date <= own.end_ts::date
                                  AND v.visit_end::date >= own.start_ts::date
                        END)
