-- The descriptive columns of every visit of the rows about to be written (cx_rows: V1 and V2;
-- cx_session_pair: the visits of in-service/PTO meetings), once per visit, as a map row shows
-- them:
--   provider_name  the provider's name
--   contract       the payer's name when that payer is active and not demo, else the name of
--                  the active contract (docs/database.md, "Map rows")
--   service_code   the service code's code
-- (zip and county come with the pair, from pair_search.sql)
--   bill_rate_both the billed rate when billed = 'yes', else the non-billed rate
--   rate_type      bill_type
--   is_deleted     the visit id is in analytics.deleted_visit (TASK_02's status D)
--
-- {visits} is analytics.visit, or in views mode the window's snapshot of it, cx_visit
-- (snapshot_visit.sql; conflict/pair_search.h).
-- The visits are fetched by id first, one index lookup each, into a MATERIALIZED step: the
-- planner would otherwise either scan every visit, or join the small tables inside the lookup
-- loop (payer was hashed again for every visit: 1.0-1.1 s for 42k visits on 1M in the bench,
-- against 0.65-0.94 s this way). The small tables are then hashed once.
CREATE TEMP TABLE cx_side ON COMMIT DROP AS
WITH v AS MATERIALIZED (
  SELECT v.*
  FROM (SELECT visit_id FROM cx_rows UNION SELECT con_visit_id FROM cx_rows
        UNION SELECT visit_id FROM cx_session_pair) i
  -- OFFSET 0: a lookup by id, never a scan of every visit
  CROSS JOIN LATERAL (SELECT * FROM {visits} v WHERE v.visit_id = i.visit_id OFFSET 0) v
)
SELECT v.visit_id, v.app_visit_id, v.provider_id, v.app_provider_id, p.name AS provider_name,
       v.caregiver_id, v.app_caregiver_id, v.office_id, v.payer_id, v.app_payer_id,
       CASE WHEN py.is_active AND NOT py.is_demo THEN py.name
            WHEN ct.is_active THEN ct.name END AS contract,
       v.patient_id, sc.code AS service_code, v.sch_start, v.sch_end, v.visit_start,
       v.visit_end, v.evv_start, v.evv_end, v.billed, v.billed_hours,
       CASE WHEN v.billed = 'yes' THEN v.billed_rate ELSE v.bill_rate_non_billed END
         AS bill_rate_both,
       v.bill_type AS rate_type, v.is_missed,
       EXISTS (SELECT 1 FROM {analytics}.deleted_visit d WHERE d.visit_id = v.visit_id)
         AS is_deleted
FROM v
LEFT JOIN {analytics}.provider p ON p.provider_id = v.provider_id
LEFT JOIN {analytics}.payer py ON py.payer_id = v.payer_id
LEFT JOIN {analytics}.contract ct ON ct.contract_id = v.contract_id
LEFT JOIN {analytics}.service_code sc ON sc.service_code_id = v.service_code_id
