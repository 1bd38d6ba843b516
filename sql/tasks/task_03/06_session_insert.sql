-- TASK_03: insert the in-service and PTO rows (cx_session_row) that have no map row yet, with
-- status U, created now, and no ConflictID or GroupID: the steps that follow give both, as to
-- any row still without them. ON CONFLICT: an existing pair is never inserted twice.
-- $1 = the task's start time.
INSERT INTO {conflict}.conflictvisitmaps
  (ssn, visit_date, visit_id, app_visit_id, provider_id, app_provider_id, provider_name,
   caregiver_id, app_caregiver_id, office_id, payer_id, app_payer_id, contract, patient_id,
   service_code, sch_start, sch_end, visit_start, visit_end, evv_start, evv_end, billed,
   billed_hours, bill_rate_both, rate_type, is_missed, inservice_start, inservice_end,
   pto_start, pto_end, con_visit_id, con_app_visit_id, con_provider_id, con_app_provider_id,
   con_provider_name, con_caregiver_id, con_app_caregiver_id, con_office_id, con_payer_id,
   con_app_payer_id, con_contract, con_patient_id, con_service_code, con_sch_start, con_sch_end,
   con_visit_start, con_visit_end, con_evv_start, con_evv_end, con_billed, con_billed_hours,
   con_bill_rate_both, con_rate_type, con_is_missed, con_inservice_start, con_inservice_end,
   con_pto_start, con_pto_end, in_service_flag, pto_flag,
   status_flag, created_at)
SELECT r.ssn, r.visit_date, r.visit_id, r.app_visit_id, r.provider_id, r.app_provider_id,
       r.provider_name, r.caregiver_id, r.app_caregiver_id, r.office_id, r.payer_id,
       r.app_payer_id, r.contract, r.patient_id, r.service_code, r.sch_start, r.sch_end,
       r.visit_start, r.visit_end, r.evv_start, r.evv_end, r.billed, r.billed_hours,
       r.bill_rate_both, r.rate_type, r.is_missed, r.inservice_start, r.inservice_end,
       r.pto_start, r.pto_end, r.con_visit_id, r.con_app_visit_id, r.con_provider_id,
       r.con_app_provider_id, r.con_provider_name, r.con_caregiver_id, r.con_app_caregiver_id,
       r.con_office_id, r.con_payer_id, r.con_app_payer_id, r.con_contract, r.con_patient_id,
       r.con_service_code, r.con_sch_start, r.con_sch_end, r.con_visit_start, r.con_visit_end,
       r.con_evv_start, r.con_evv_end, r.con_billed, r.con_billed_hours, r.con_bill_rate_both,
       r.con_rate_type, r.con_is_missed, r.con_inservice_start, r.con_inservice_end,
       r.con_pto_start, r.con_pto_end, r.in_service_flag, r.pto_flag,
       'U', $1::timestamp
FROM cx_session_row r
ON CONFLICT (visit_id, con_visit_id) DO NOTHING
