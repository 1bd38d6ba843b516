-- TASK_01: every existing reminder row takes the current payer name (contract) and
-- provider name. Rows already current are not written.
UPDATE {conflict}.payer_provider_reminders r
SET contract = py.name,
    provider_name = p.name
FROM {analytics}.payer py, {analytics}.provider p
WHERE py.payer_id = r.payer_id
  AND p.provider_id = r.provider_id
  AND (r.contract, r.provider_name) IS DISTINCT FROM (py.name, p.name)
