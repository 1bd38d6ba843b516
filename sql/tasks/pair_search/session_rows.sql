-- The map rows of the in-service and PTO meetings (cx_session_pair), both orientations, with
-- every column they set (docs/conflict-rules.md, "In-service and PTO pairs"): V1's columns
-- plain, V2's in con_*. The visit side is described as in a seven-rule row (cx_side); the
-- session side has its provider, caregiver and office, and its times in inservice_* or pto_*.
-- Columns not listed (lat, lon, zip, county, minute_diff, distance, speed, ETA) stay NULL, and
-- the seven rule flags 'N'. TASK_03 inserts these rows and TASK_02 refreshes from them.
CREATE TEMP TABLE cx_session_row ON COMMIT DROP AS
WITH side AS (
  SELECT p.kind, p.visit_id AS meeting_visit, p.session_id AS meeting_session,
         p.visit_id AS id, p.visit_date AS side_date, v.app_visit_id, v.provider_id,
         v.app_provider_id, v.provider_name, v.caregiver_id, v.app_caregiver_id, v.office_id,
         v.payer_id, v.app_payer_id, v.contract, v.patient_id, v.service_code, v.sch_start,
         v.sch_end, v.visit_start, v.visit_end, v.evv_start, v.evv_end, v.billed,
         v.billed_hours, v.bill_rate_both, v.rate_type, v.is_missed,
         NULL::timestamp AS session_start, NULL::timestamp AS session_end
  FROM cx_session_pair p
  JOIN cx_side v ON v.visit_id = p.visit_id
  UNION ALL
  SELECT p.kind, p.visit_id, p.session_id,
         p.session_id, p.session_date, NULL, p.provider_id,
         p.app_provider_id, p.provider_name, p.caregiver_id, p.app_caregiver_id, p.office_id,
         NULL, NULL, NULL, NULL, NULL, NULL,
         NULL, NULL, NULL, NULL, NULL, NULL,
         NULL, NULL, NULL, NULL,
         p.start_ts, p.end_ts
  FROM cx_session_pair p
)
SELECT p.ssn, v1.side_date AS visit_date,
       v1.id AS visit_id, v1.app_visit_id, v1.provider_id, v1.app_provider_id, v1.provider_name,
       v1.caregiver_id, v1.app_caregiver_id, v1.office_id, v1.payer_id, v1.app_payer_id,
       v1.contract, v1.patient_id, v1.service_code, v1.sch_start, v1.sch_end, v1.visit_start,
       v1.visit_end, v1.evv_start, v1.evv_end, v1.billed, v1.billed_hours, v1.bill_rate_both,
       v1.rate_type, v1.is_missed,
       CASE WHEN p.kind = 'inservice' THEN v1.session_start END AS inservice_start,
       CASE WHEN p.kind = 'inservice' THEN v1.session_end END AS inservice_end,
       CASE WHEN p.kind = 'pto' THEN v1.session_start END AS pto_start,
       CASE WHEN p.kind = 'pto' THEN v1.session_end END AS pto_end,
       v2.id AS con_visit_id, v2.app_visit_id AS con_app_visit_id,
       v2.provider_id AS con_provider_id, v2.app_provider_id AS con_app_provider_id,
       v2.provider_name AS con_provider_name, v2.caregiver_id AS con_caregiver_id,
       v2.app_caregiver_id AS con_app_caregiver_id, v2.office_id AS con_office_id,
       v2.payer_id AS con_payer_id, v2.app_payer_id AS con_app_payer_id,
       v2.contract AS con_contract, v2.patient_id AS con_patient_id,
       v2.service_code AS con_service_code, v2.sch_start AS con_sch_start,
       v2.sch_end AS con_sch_end, v2.visit_start AS con_visit_start,
       v2.visit_end AS con_visit_end, v2.evv_start AS con_evv_start, v2.evv_end AS con_evv_end,
       v2.billed AS con_billed, v2.billed_hours AS con_billed_hours,
       v2.bill_rate_both AS con_bill_rate_both, v2.rate_type AS con_rate_type,
       v2.is_missed AS con_is_missed,
       CASE WHEN p.kind = 'inservice' THEN v2.session_start END AS con_inservice_start,
       CASE WHEN p.kind = 'inservice' THEN v2.session_end END AS con_inservice_end,
       CASE WHEN p.kind = 'pto' THEN v2.session_start END AS con_pto_start,
       CASE WHEN p.kind = 'pto' THEN v2.session_end END AS con_pto_end,
       CASE WHEN p.kind = 'inservice' THEN 'Y' ELSE 'N' END::char(1) AS in_service_flag,
       CASE WHEN p.kind = 'pto' THEN 'Y' ELSE 'N' END::char(1) AS pto_flag,
       EXISTS (SELECT 1 FROM {analytics}.deleted_visit d
               WHERE d.visit_id IN (p.visit_id, p.session_id)) AS side_deleted
FROM cx_session_pair p
JOIN side v1 ON v1.kind = p.kind AND v1.meeting_visit = p.visit_id
            AND v1.meeting_session = p.session_id
JOIN side v2 ON v2.kind = p.kind AND v2.meeting_visit = p.visit_id
            AND v2.meeting_session = p.session_id AND v2.id <> v1.id
