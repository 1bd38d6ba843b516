-- TASK_02 (docs/database.md, "The tasks against the reference"): every marked row whose pair
-- was re-detected (cx_rows, from cx_pair in update mode) takes the fresh values of all its V
-- and Con columns (cx_side), derived fields and the seven flags -- their *current* values, so a
-- rule that stopped holding turns 'N' again (the reference upgrades flags only) -- and its
-- status:
--   D  a side is in analytics.deleted_visit (resolve_date kept when set, else now)
--   R  a side is a missed visit (resolve_date kept when set, else now)
--   U  otherwise (resolve_date NULL)
-- update_flag NULL. Only rows whose content changes are written, and only they get
-- updated_at = now: a second run over unchanged data writes nothing. The pair key
-- (visit_id, con_visit_id) is the match and is not rewritten; in-service, PTO and
-- no-response columns are not the pair search's and stay as they are.
-- $1 = the task's start time.
UPDATE {conflict}.conflictvisitmaps m
SET (ssn, visit_date, app_visit_id, provider_id, app_provider_id, provider_name, caregiver_id,
     app_caregiver_id, office_id, payer_id, app_payer_id, contract, patient_id, service_code,
     sch_start, sch_end, visit_start, visit_end, evv_start, evv_end, lat, lon, zip, county,
     billed, billed_hours, bill_rate_both, rate_type, is_missed, con_app_visit_id,
     con_provider_id, con_app_provider_id, con_provider_name, con_caregiver_id,
     con_app_caregiver_id, con_office_id, con_payer_id, con_app_payer_id, con_contract,
     con_patient_id, con_service_code, con_sch_start, con_sch_end, con_visit_start,
     con_visit_end, con_evv_start, con_evv_end, con_lat, con_lon, con_zip, con_county,
     con_billed, con_billed_hours, con_bill_rate_both, con_rate_type, con_is_missed,
     minute_diff, distance_miles, avg_mph, eta_minutes, same_sch_time_flag,
     same_visit_time_flag, sch_and_visit_time_same_flag, sch_over_another_sch_time_flag,
     visit_time_over_another_visit_time_flag, sch_time_over_visit_time_flag, distance_flag) =
    (p.ssn, p.visit_date, v1.app_visit_id, v1.provider_id, v1.app_provider_id,
     v1.provider_name, v1.caregiver_id, v1.app_caregiver_id, v1.office_id, v1.payer_id,
     v1.app_payer_id, v1.contract, v1.patient_id, v1.service_code, v1.sch_start, v1.sch_end,
     v1.visit_start, v1.visit_end, v1.evv_start, v1.evv_end,
     (CASE WHEN r.v1_is_a THEN p.a_lat ELSE p.b_lat END)::numeric(12,8),
     (CASE WHEN r.v1_is_a THEN p.a_lon ELSE p.b_lon END)::numeric(12,8), (CASE WHEN r.v1_is_a THEN p.a_zip ELSE p.b_zip END), (CASE WHEN r.v1_is_a THEN p.a_county ELSE p.b_county END),
     v1.billed, v1.billed_hours, v1.bill_rate_both, v1.rate_type, v1.is_missed,
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
     p.distance_flag),
    status_flag = n.status_flag,
    resolve_date = n.resolve_date,
    update_flag = NULL,
    updated_at = $1::timestamp
FROM cx_rows r
JOIN cx_pair p ON p.a_id = r.a_id AND p.b_id = r.b_id
JOIN cx_side v1 ON v1.visit_id = r.visit_id
JOIN cx_side v2 ON v2.visit_id = r.con_visit_id
JOIN cx_marked k ON k.id = r.id
CROSS JOIN LATERAL (
  SELECT s.status_flag,
         CASE WHEN s.status_flag = 'U' THEN NULL
              ELSE COALESCE(k.resolve_date, $1::timestamp) END AS resolve_date
  FROM (SELECT CASE WHEN v1.is_deleted OR v2.is_deleted THEN 'D'
                    WHEN v1.is_missed OR v2.is_missed THEN 'R'
                    ELSE 'U' END::char(1) AS status_flag) s
) n
WHERE m.id = r.id
  AND (m.ssn, m.visit_date, m.app_visit_id, m.provider_id, m.app_provider_id, m.provider_name,
       m.caregiver_id, m.app_caregiver_id, m.office_id, m.payer_id, m.app_payer_id, m.contract,
       m.patient_id, m.service_code, m.sch_start, m.sch_end, m.visit_start, m.visit_end,
       m.evv_start, m.evv_end, m.lat, m.lon, m.zip, m.county, m.billed, m.billed_hours,
       m.bill_rate_both, m.rate_type, m.is_missed, m.con_app_visit_id, m.con_provider_id,
       m.con_app_provider_id, m.con_provider_name, m.con_caregiver_id, m.con_app_caregiver_id,
       m.con_office_id, m.con_payer_id, m.con_app_payer_id, m.con_contract, m.con_patient_id,
       m.con_service_code, m.con_sch_start, m.con_sch_end, m.con_visit_start, m.con_visit_end,
       m.con_evv_start, m.con_evv_end, m.con_lat, m.con_lon, m.con_zip, m.con_county,
       m.con_billed, m.con_billed_hours, m.con_bill_rate_both, m.con_rate_type,
       m.con_is_missed, m.minute_diff, m.distance_miles, m.avg_mph, m.eta_minutes,
       m.same_sch_time_flag, m.same_visit_time_flag, m.sch_and_visit_time_same_flag,
       m.sch_over_another_sch_time_flag, m.visit_time_over_another_visit_time_flag,
       m.sch_time_over_visit_time_flag, m.distance_flag,
       m.status_flag, m.resolve_date, m.update_flag)
      IS DISTINCT FROM
      (p.ssn, p.visit_date, v1.app_visit_id, v1.provider_id, v1.app_provider_id,
       v1.provider_name, v1.caregiver_id, v1.app_caregiver_id, v1.office_id, v1.payer_id,
       v1.app_payer_id, v1.contract, v1.patient_id, v1.service_code, v1.sch_start, v1.sch_end,
       v1.visit_start, v1.visit_end, v1.evv_start, v1.evv_end,
       (CASE WHEN r.v1_is_a THEN p.a_lat ELSE p.b_lat END)::numeric(12,8),
       (CASE WHEN r.v1_is_a THEN p.a_lon ELSE p.b_lon END)::numeric(12,8), (CASE WHEN r.v1_is_a THEN p.a_zip ELSE p.b_zip END), (CASE WHEN r.v1_is_a THEN p.a_county ELSE p.b_county END),
       v1.billed, v1.billed_hours, v1.bill_rate_both, v1.rate_type, v1.is_missed,
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
       n.status_flag, n.resolve_date, NULL::smallint)
