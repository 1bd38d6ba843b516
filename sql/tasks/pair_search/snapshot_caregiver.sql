-- Views mode only: the eligible caregivers (conflict.eligible_caregiver, migrations/0002) read
-- once through the mapping's caregiver view, as snapshot_visit.sql reads the visits and for the
-- same reason; the update mode of pair_search.sql would otherwise read the whole view (its
-- SSNs converted) again for every visit it fetches. The pair search's files read it as
-- {eligible_caregivers}.
CREATE TEMP TABLE cx_caregiver ON COMMIT DROP AS
SELECT * FROM {conflict}.eligible_caregiver
