-- Views mode: statistics for cx_address.
ANALYZE cx_address
