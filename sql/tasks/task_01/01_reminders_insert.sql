-- TASK_01 (docs/database.md, "The tasks against the reference"): a reminder row for every
-- (payer, provider) of analytics.payer_provider whose payer and provider exist and that has
-- none yet; contract = the payer's name, no reminder days yet. No active/demo filter.
-- $1 = the task's start time (created_at).
INSERT INTO {conflict}.payer_provider_reminders
  (payer_id, provider_id, app_payer_id, app_provider_id, contract, provider_name, created_at,
   number_of_days)
SELECT pp.payer_id, pp.provider_id, pp.app_payer_id, pp.app_provider_id, py.name, p.name,
       $1::timestamp, NULL
FROM {analytics}.payer_provider pp
JOIN {analytics}.payer py ON py.payer_id = pp.payer_id
JOIN {analytics}.provider p ON p.provider_id = pp.provider_id
ON CONFLICT (payer_id, provider_id) DO NOTHING
