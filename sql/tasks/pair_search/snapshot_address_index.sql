-- Views mode: the update mode of pair_search.sql finds addresses by patient.
CREATE INDEX ON cx_address (patient_id)
