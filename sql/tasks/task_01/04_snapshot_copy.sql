-- TASK_01: copy every map row of the window whose ConflictID has a conflicts row;
-- status_flag = the conflict's status, con_status_flag = the row's own.
-- $1 = first day of the window, $2 = last day.
INSERT INTO {conflict}.conflictvisitmaps_temp
  (id, conflict_id, group_id, ssn, visit_date, visit_id, app_visit_id, provider_id,
   app_provider_id, provider_name, caregiver_id, app_caregiver_id, office_id, payer_id,
   app_payer_id, contract, patient_id, service_code, sch_start, sch_end, visit_start, visit_end,
   evv_start, evv_end, lat, lon, zip, county, billed, billed_hours, bill_rate_both, rate_type,
   is_missed, inservice_start, inservice_end, pto_start, pto_end, con_visit_id, con_app_visit_id,
   con_provider_id, con_app_provider_id, con_provider_name, con_caregiver_id,
   con_app_caregiver_id, con_office_id, con_payer_id, con_app_payer_id, con_contract,
   con_patient_id, con_service_code, con_sch_start, con_sch_end, con_visit_start, con_visit_end,
   con_evv_start, con_evv_end, con_lat, con_lon, con_zip, con_county, con_billed,
   con_billed_hours, con_bill_rate_both, con_rate_type, con_is_missed, con_inservice_start,
   con_inservice_end, con_pto_start, con_pto_end, con_no_response_flag, minute_diff,
   distance_miles, avg_mph, eta_minutes, same_sch_time_flag, same_visit_time_flag,
   sch_and_visit_time_same_flag, sch_over_another_sch_time_flag,
   visit_time_over_another_visit_time_flag, sch_time_over_visit_time_flag, distance_flag,
   in_service_flag, pto_flag, status_flag, resolve_date, resolved_by, update_flag, updated_at,
   created_at, con_status_flag)
SELECT m.id, m.conflict_id, m.group_id, m.ssn, m.visit_date, m.visit_id, m.app_visit_id,
       m.provider_id, m.app_provider_id, m.provider_name, m.caregiver_id, m.app_caregiver_id,
       m.office_id, m.payer_id, m.app_payer_id, m.contract, m.patient_id, m.service_code,
       m.sch_start, m.sch_end, m.visit_start, m.visit_end, m.evv_start, m.evv_end, m.lat, m.lon,
       m.zip, m.county, m.billed, m.billed_hours, m.bill_rate_both, m.rate_type, m.is_missed,
       m.inservice_start, m.inservice_end, m.pto_start, m.pto_end, m.con_visit_id,
       m.con_app_visit_id, m.con_provider_id, m.con_app_provider_id, m.con_provider_name,
       m.con_caregiver_id, m.con_app_caregiver_id, m.con_office_id, m.con_payer_id,
       m.con_app_payer_id, m.con_contract, m.con_patient_id, m.con_service_code,
       m.con_sch_start, m.con_sch_end, m.con_visit_start, m.con_visit_end, m.con_evv_start,
       m.con_evv_end, m.con_lat, m.con_lon, m.con_zip, m.con_county, m.con_billed,
       m.con_billed_hours, m.con_bill_rate_both, m.con_rate_type, m.con_is_missed,
       m.con_inservice_start, m.con_inservice_end, m.con_pto_start, m.con_pto_end,
       m.con_no_response_flag, m.minute_diff, m.distance_miles, m.avg_mph, m.eta_minutes,
       m.same_sch_time_flag, m.same_visit_time_flag, m.sch_and_visit_time_same_flag,
       m.sch_over_another_sch_time_flag, m.visit_time_over_another_visit_time_flag,
       m.sch_time_over_visit_time_flag, m.distance_flag, m.in_service_flag, m.pto_flag,
       c.status_flag, m.resolve_date, m.resolved_by, m.update_flag, m.updated_at, m.created_at,
       m.status_flag
FROM {conflict}.conflictvisitmaps m
JOIN {conflict}.conflicts c ON c.conflict_id = m.conflict_id
WHERE m.visit_date BETWEEN $1::date AND $2::date
