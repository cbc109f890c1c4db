-- 0004: the target-responsibility assessment, scoring runs with one result per chief, the
-- official run of a published year, and the follow-ups of the flagged chiefs.

-- 目标责任考核: four dimension scores per department, or per chief (which takes precedence).
CREATE TABLE assessments (
    year int NOT NULL REFERENCES appraisal_years (year),
    department_code text REFERENCES departments (code) ON UPDATE CASCADE,
    employee_number text REFERENCES chiefs (employee_number) ON UPDATE CASCADE,
    leadership numeric(5, 2) NOT NULL CHECK (leadership BETWEEN 0 AND 100),
    publicity numeric(5, 2) NOT NULL CHECK (publicity BETWEEN 0 AND 100),
    implementation numeric(5, 2) NOT NULL CHECK (implementation BETWEEN 0 AND 100),
    highlights numeric(5, 2) NOT NULL CHECK (highlights BETWEEN 0 AND 100),
    note text CHECK (length(note) <= 500),
    CHECK ((department_code IS NULL) <> (employee_number IS NULL))
);
CREATE UNIQUE INDEX assessments_department ON assessments (year, department_code) WHERE department_code IS NOT NULL;
CREATE UNIQUE INDEX assessments_chief ON assessments (year, employee_number) WHERE employee_number IS NOT NULL;

-- A scoring run: what went in (policy and template checksums, input counts, a fingerprint of
-- every input) and one row per chief with every component (the whole result as JSON, plus the
-- columns the lists are sorted and filtered by).
CREATE TABLE scoring_runs (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year int NOT NULL REFERENCES appraisal_years (year),
    fingerprint text NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
    policy_sha256 text NOT NULL CHECK (policy_sha256 ~ '^[0-9a-f]{64}$'),
    merchant_template_sha256 text CHECK (merchant_template_sha256 ~ '^[0-9a-f]{64}$'),
    star_template_sha256 text CHECK (star_template_sha256 ~ '^[0-9a-f]{64}$'),
    inputs jsonb NOT NULL,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX scoring_runs_year_idx ON scoring_runs (year, id);

CREATE TABLE chief_results (
    run_id bigint NOT NULL REFERENCES scoring_runs (id),
    employee_number text NOT NULL,
    department_code text NOT NULL,
    rank int CHECK (rank > 0),
    composite numeric,
    flagged boolean NOT NULL,
    bottom boolean NOT NULL,
    action text CHECK (action IN ('诫勉谈话', '离岗学习', '组织处理')),
    result jsonb NOT NULL,
    PRIMARY KEY (run_id, employee_number)
);

ALTER TABLE appraisal_years
    ADD COLUMN official_run_id bigint REFERENCES scoring_runs (id),
    ADD COLUMN published_at timestamptz,
    ADD CHECK ((official_run_id IS NULL) = (published_at IS NULL));

-- A published year is frozen: no new run, no change to a run's results.
CREATE FUNCTION scoring_frozen_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'scoring_runs' AND TG_OP = 'INSERT' THEN
        IF EXISTS (SELECT 1 FROM appraisal_years WHERE year = NEW.year AND published_at IS NOT NULL) THEN
            RAISE EXCEPTION 'appraisal % is published: its scores are frozen', NEW.year USING ERRCODE = 'PY003';
        END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'scoring results are never changed' USING ERRCODE = 'PY003';
END
$$;
CREATE TRIGGER scoring_runs_frozen BEFORE INSERT OR UPDATE OR DELETE ON scoring_runs
    FOR EACH ROW EXECUTE FUNCTION scoring_frozen_guard();
CREATE TRIGGER chief_results_frozen BEFORE UPDATE OR DELETE ON chief_results
    FOR EACH ROW EXECUTE FUNCTION scoring_frozen_guard();

-- The follow-up each flagged chief of a published year gets.
CREATE TABLE follow_ups (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year int NOT NULL REFERENCES appraisal_years (year),
    run_id bigint NOT NULL REFERENCES scoring_runs (id),
    employee_number text NOT NULL REFERENCES chiefs (employee_number) ON UPDATE CASCADE,
    action text NOT NULL CHECK (action IN ('诫勉谈话', '离岗学习', '组织处理')),
    reason text NOT NULL,
    due_on date NOT NULL,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'waived')),
    outcome text CHECK (length(outcome) <= 2000),
    recorded_by text,
    recorded_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (year, employee_number),
    CHECK ((status = 'pending') = (recorded_at IS NULL))
);
CREATE INDEX follow_ups_status_idx ON follow_ups (status, due_on);
