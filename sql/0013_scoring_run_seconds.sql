-- 0013: how long each scoring run took (its transaction, from the first read to the results
-- ready to store), for the office's monitoring (`pingyi_scoring_run_seconds` in GET /metrics).
-- Runs made before this migration have none.
ALTER TABLE scoring_runs ADD COLUMN seconds double precision CHECK (seconds >= 0);
