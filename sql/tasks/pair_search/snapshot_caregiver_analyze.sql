-- Views mode: statistics for cx_caregiver.
ANALYZE cx_caregiver
