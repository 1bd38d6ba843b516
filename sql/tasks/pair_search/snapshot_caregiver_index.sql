-- Views mode: the eligible caregivers are joined to visits by caregiver_id.
CREATE INDEX ON cx_caregiver (caregiver_id)
