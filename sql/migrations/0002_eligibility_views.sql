-- Schema version 2: which caregivers and providers take part in the conflict rules
-- (docs/conflict-rules.md, "Eligible visits"), defined once, as views, for the tasks' SQL
-- (tasks/pair_search/pair_search.sql and session_search.sql) and for anyone who asks why an
-- agency or a person is never paired:
--   eligible_provider   active, not demo, and neither its provider_id nor its app_provider_id
--                       is in excluded_agency
--   eligible_caregiver  its SSN trimmed of spaces is not blank and not in excluded_ssn (also
--                       trimmed); ssn is that trimmed SSN, ssn_hash its 64-bit hash (the pair
--                       search's integer join key and the chunks' bucket)
-- Plain views: PostgreSQL inlines them into each query that reads them, so the plans are those
-- of the conditions written out (parallel workers included). `db check` evaluates the same
-- conditions independently, in C++ (lib/conflict/check.cc).

CREATE VIEW {conflict}.eligible_provider AS
SELECT p.provider_id, p.app_provider_id, p.name
FROM {analytics}.provider p
WHERE p.is_active AND NOT p.is_demo
  AND NOT EXISTS (SELECT 1 FROM {conflict}.excluded_agency x
                  WHERE x.provider_id = p.provider_id
                     OR x.app_provider_id = p.app_provider_id);

CREATE VIEW {conflict}.eligible_caregiver AS
SELECT c.caregiver_id, c.app_caregiver_id, btrim(c.ssn, ' ') AS ssn,
       hashtextextended(btrim(c.ssn, ' '), 0) AS ssn_hash
FROM {analytics}.caregiver c
WHERE btrim(c.ssn, ' ') <> ''
  AND NOT EXISTS (SELECT 1 FROM {conflict}.excluded_ssn x
                  WHERE btrim(x.ssn, ' ') = btrim(c.ssn, ' '));
