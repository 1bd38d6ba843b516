-- TASK_03: insert the new rows (cx_rows: conflicting pairs without a map row, both
-- orientations) with their ConflictID (cx_cid) and GroupID (cx_group): V1's columns from
-- cx_side, V2's in con_*, flags and derived fields from cx_pair (each row's own lat/lon and
-- minute_diff by orientation); status U, created now, in-service and PTO flags 'N'.
-- ON CONFLICT: an existing pair is never inserted twice.
-- $1 = the task's start time.
INSERT INTO {conflict}.conflictvisitmaps
  (conflict_id, group_id,
   ssn, visit_date, visit_id, app_visit_id, provider_id, app_provider_id, provider_name,
   caregiver_id, app_caregiver_id, office_id, payer_id, app_payer_id, contract, patient_id,
   service_code, sch_start, sch_end, visit_start, visit_end, evv_start, evv_end, lat, lon, zip,
   county, billed, billed_hours, bill_rate_both, rate_type, is_missed, con_visit_id,
   con_app_visit_id, con_provider_id, con_app_provider_id, con_provider_name, con_caregiver_id,
   con_app_caregiver_id, con_office_id, con_payer_id, con_app_payer_id, con_contract,
   con_patient_id, con_service_code, con_sch_start, con_sch_end, con_visit_start,
   con_visit_end, con_evv_start, con_evv_end, con_lat, con_lon, con_zip, con_county,
   con_billed, con_billed_hours, con_bill_rate_both, con_rate_type, con_is_missed, minute_diff,
   distance_miles, avg_mph, eta_minutes, same_sch_time_flag, same_visit_time_flag,
   sch_and_visit_time_same_flag, sch_over_another_sch_time_flag,
   visit_time_over_another_visit_time_flag, sch_time_over_visit_time_flag, distance_flag,
   in_service_flag, pto_flag, status_flag, created_at)
SELECT c.conflict_id, g.group_id,
       p.ssn, p.visit_date, v1.visit_id, v1.app_visit_id, v1.provider_id, v1.app_provider_id,
       v1.provider_name, v1.caregiver_id, v1.app_caregiver_id, v1.office_id, v1.payer_id,
       v1.app_payer_id, v1.contract, v1.patient_id, v1.service_code, v1.sch_start, v1.sch_end,
       v1.visit_start, v1.visit_end, v1.evv_start, v1.evv_end,
       (CASE WHEN r.v1_is_a THEN p.a_lat ELSE p.b_lat END)::numeric(12,8),
       (CASE WHEN r.v1_is_a THEN p.a_lon ELSE p.b_lon END)::numeric(12,8), (CASE WHEN r.v1_is_a THEN p.a_zip ELSE p.b_zip END), (CASE WHEN r.v1_is_a THEN p.a_county ELSE p.b_county END),
       v1.billed, v1.billed_hours, v1.bill_rate_both, v1.rate_type, v1.is_missed, v2.visit_id,
       v2.app_visit_id, v2.provider_id, v2.app_provider_id, v2.provider_name, v2.caregiver_id,
       v2.app_caregiver_id, v2.office_id, v2.payer_id, v2.app_payer_id, v2.contract,
       v2.patient_id, v2.service_code, v2.sch_start, v2.sch_end, v2.visit_start, v2.visit_end,
       v2.evv_start, v2.evv_end,
       (CASE WHEN r.v1_is_a THEN p.b_lat ELSE p.a_lat END)::numeric(12,8),
       (CASE WHEN r.v1_is_a THEN p.b_lon ELSE p.a_lon END)::numeric(12,8), (CASE WHEN r.v1_is_a THEN p.b_zip ELSE p.a_zip END), (CASE WHEN r.v1_is_a THEN p.b_county ELSE p.a_county END),
       v2.billed, v2.billed_hours, v2.bill_rate_both, v2.rate_type, v2.is_missed,
       CASE WHEN r.v1_is_a THEN p.minute_diff_ab ELSE p.minute_diff_ba END, p.distance_miles,
       p.avg_mph, p.eta_minutes, p.same_sch_time_flag, p.same_visit_time_flag,
       p.sch_and_visit_time_same_flag, p.sch_over_another_sch_time_flag,
       p.visit_time_over_another_visit_time_flag, p.sch_time_over_visit_time_flag,
       p.distance_flag,
       'N', 'N', 'U', $1::timestamp
FROM cx_rows r
JOIN cx_pair p ON p.a_id = r.a_id AND p.b_id = r.b_id
JOIN cx_side v1 ON v1.visit_id = r.visit_id
JOIN cx_side v2 ON v2.visit_id = r.con_visit_id
JOIN cx_cid c ON c.visit_id = r.visit_id AND c.app_visit_id IS NOT DISTINCT FROM v1.app_visit_id
LEFT JOIN cx_group g ON g.visit_id = r.visit_id
ON CONFLICT (visit_id, con_visit_id) DO NOTHING
