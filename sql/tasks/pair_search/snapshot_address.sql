-- Views mode only: the patients' addresses read once through the mapping's view, as
-- snapshot_visit.sql reads the visits and for the same reason; pair_search.sql reads them as
-- {addresses} in place of analytics.patient_address.
CREATE TEMP TABLE cx_address ON COMMIT DROP AS
SELECT * FROM {analytics}.patient_address
