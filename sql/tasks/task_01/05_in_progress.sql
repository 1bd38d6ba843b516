-- TASK_01: the daily run is in progress.
UPDATE {conflict}.settings SET in_progress_flag = 1
