-- TASK_02: every marked in-service or PTO row whose meeting still holds (cx_session_row) takes
-- the fresh values of its columns and its status: D when a side's id is in
-- analytics.deleted_visit (resolve_date kept when set, else now), U otherwise (resolve_date
-- NULL); update_flag NULL. Only rows that change are written, and only they get updated_at.
-- The other marked session rows are resolved with the seven-rule rows (task_02/11_resolve.sql).
-- (The change test lists the columns again: comparing the rows as jsonb, which would not,
-- took 0.9 s instead of 0.14 s on the bench's 8,000 session rows.)
-- $1 = the task's start time.
UPDATE {conflict}.conflictvisitmaps m
SET (ssn, visit_date, app_visit_id, provider_id, app_provider_id, provider_name, caregiver_id,
     app_caregiver_id, office_id, payer_id, app_payer_id, contract, patient_id, service_code,
     sch_start, sch_end, visit_start, visit_end, evv_start, evv_end, billed, billed_hours,
     bill_rate_both, rate_type, is_missed, inservice_start, inservice_end, pto_start, pto_end,
     con_app_visit_id, con_provider_id, con_app_provider_id, con_provider_name,
     con_caregiver_id, con_app_caregiver_id, con_office_id, con_payer_id, con_app_payer_id,
     con_contract, con_patient_id, con_service_code, con_sch_start, con_sch_end,
     con_visit_start, con_visit_end, con_evv_start, con_evv_end, con_billed, con_billed_hours,
     con_bill_rate_both, con_rate_type, con_is_missed, con_inservice_start, con_inservice_end,
     con_pto_start, con_pto_end, in_service_flag, pto_flag,
     status_flag, resolve_date, update_flag, updated_at) =
    (r.ssn, r.visit_date, r.app_visit_id, r.provider_id, r.app_provider_id, r.provider_name,
     r.caregiver_id, r.app_caregiver_id, r.office_id, r.payer_id, r.app_payer_id, r.contract,
     r.patient_id, r.service_code, r.sch_start, r.sch_end, r.visit_start, r.visit_end,
     r.evv_start, r.evv_end, r.billed, r.billed_hours, r.bill_rate_both, r.rate_type,
     r.is_missed, r.inservice_start, r.inservice_end, r.pto_start, r.pto_end,
     r.con_app_visit_id, r.con_provider_id, r.con_app_provider_id, r.con_provider_name,
     r.con_caregiver_id, r.con_app_caregiver_id, r.con_office_id, r.con_payer_id,
     r.con_app_payer_id, r.con_contract, r.con_patient_id, r.con_service_code, r.con_sch_start,
     r.con_sch_end, r.con_visit_start, r.con_visit_end, r.con_evv_start, r.con_evv_end,
     r.con_billed, r.con_billed_hours, r.con_bill_rate_both, r.con_rate_type, r.con_is_missed,
     r.con_inservice_start, r.con_inservice_end, r.con_pto_start, r.con_pto_end,
     r.in_service_flag, r.pto_flag,
     n.status_flag, n.resolve_date, NULL, $1::timestamp)
FROM cx_marked k
JOIN cx_session_row r ON r.visit_id = k.visit_id AND r.con_visit_id = k.con_visit_id
CROSS JOIN LATERAL (
  SELECT CASE WHEN r.side_deleted THEN 'D' ELSE 'U' END::char(1) AS status_flag,
         CASE WHEN r.side_deleted THEN COALESCE(k.resolve_date, $1::timestamp) END
           AS resolve_date
) n
WHERE m.id = k.id
  AND (m.ssn, m.visit_date, m.app_visit_id, m.provider_id, m.app_provider_id, m.provider_name,
       m.caregiver_id, m.app_caregiver_id, m.office_id, m.payer_id, m.app_payer_id, m.contract,
       m.patient_id, m.service_code, m.sch_start, m.sch_end, m.visit_start, m.visit_end,
       m.evv_start, m.evv_end, m.billed, m.billed_hours, m.bill_rate_both, m.rate_type,
       m.is_missed, m.inservice_start, m.inservice_end, m.pto_start, m.pto_end,
       m.con_app_visit_id, m.con_provider_id, m.con_app_provider_id, m.con_provider_name,
       m.con_caregiver_id, m.con_app_caregiver_id, m.con_office_id, m.con_payer_id,
       m.con_app_payer_id, m.con_contract, m.con_patient_id, m.con_service_code,
       m.con_sch_start, m.con_sch_end, m.con_visit_start, m.con_visit_end, m.con_evv_start,
       m.con_evv_end, m.con_billed, m.con_billed_hours, m.con_bill_rate_both, m.con_rate_type,
       m.con_is_missed, m.con_inservice_start, m.con_inservice_end, m.con_pto_start,
       m.con_pto_end, m.in_service_flag, m.pto_flag,
       m.status_flag, m.resolve_date, m.update_flag)
      IS DISTINCT FROM
      (r.ssn, r.visit_date, r.app_visit_id, r.provider_id, r.app_provider_id, r.provider_name,
       r.caregiver_id, r.app_caregiver_id, r.office_id, r.payer_id, r.app_payer_id, r.contract,
       r.patient_id, r.service_code, r.sch_start, r.sch_end, r.visit_start, r.visit_end,
       r.evv_start, r.evv_end, r.billed, r.billed_hours, r.bill_rate_both, r.rate_type,
       r.is_missed, r.inservice_start, r.inservice_end, r.pto_start, r.pto_end,
       r.con_app_visit_id, r.con_provider_id, r.con_app_provider_id, r.con_provider_name,
       r.con_caregiver_id, r.con_app_caregiver_id, r.con_office_id, r.con_payer_id,
       r.con_app_payer_id, r.con_contract, r.con_patient_id, r.con_service_code,
       r.con_sch_start, r.con_sch_end, r.con_visit_start, r.con_visit_end, r.con_evv_start,
       r.con_evv_end, r.con_billed, r.con_billed_hours, r.con_bill_rate_both, r.con_rate_type,
       r.con_is_missed, r.con_inservice_start, r.con_inservice_end, r.con_pto_start,
       r.con_pto_end, r.in_service_flag, r.pto_flag,
       n.status_flag, n.resolve_date, NULL::smallint)
