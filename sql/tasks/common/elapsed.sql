-- Seconds since the transaction began (the database's clock: step and task durations).
SELECT extract(epoch FROM clock_timestamp() - transaction_timestamp())::float8 AS seconds
