-- 0022: a scoring run's number within its year (第 1 次计分, 第 2 次…), what people are shown;
-- the id stays the key the API's `?run=` and the CLI's `--run` take. Set on insert, under the
-- year's row lock that scoring already takes, so two runs of one year never share a number.
ALTER TABLE scoring_runs ADD COLUMN number int;
-- A published year's runs are frozen (scoring_runs_frozen): the backfill is the one write allowed.
ALTER TABLE scoring_runs DISABLE TRIGGER scoring_runs_frozen;
UPDATE scoring_runs r SET number = n.number
FROM (SELECT id, row_number() OVER (PARTITION BY year ORDER BY id) AS number FROM scoring_runs) n WHERE n.id = r.id;
ALTER TABLE scoring_runs ENABLE TRIGGER scoring_runs_frozen;
ALTER TABLE scoring_runs ALTER COLUMN number SET NOT NULL;
ALTER TABLE scoring_runs ADD CONSTRAINT scoring_runs_number_unique UNIQUE (year, number);

CREATE FUNCTION scoring_runs_number() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Two runs of one year at once wait here one for the other (the second's snapshot may still
    -- miss the first's number: then the unique constraint refuses it, and the office scores again).
    PERFORM 1 FROM appraisal_years WHERE year = NEW.year FOR UPDATE;
    NEW.number := coalesce((SELECT max(number) FROM scoring_runs WHERE year = NEW.year), 0) + 1;
    RETURN NEW;
END $$;
CREATE TRIGGER scoring_runs_number BEFORE INSERT ON scoring_runs FOR EACH ROW EXECUTE FUNCTION scoring_runs_number();
