-- 0011: the office's problem ledger (问题台账): every problem a business raises, through
-- 问题收集 → 精准交办 → 限时办结 → 督查 → 结果反馈 → 问题销号, with its history kept row by row.

-- China's working calendar, one row per year (calendars/YEAR.yaml, pingyi calendar import).
CREATE TABLE working_calendars (
    year int PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    calendar_yaml text NOT NULL,
    calendar_sha256 text NOT NULL,
    imported_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE problems (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel text NOT NULL CHECK (channel IN ('线索', '12345', '信箱', '热线', '早餐会', '检查', '其他')),
    environment text NOT NULL CHECK (environment IN ('政务环境', '政策环境', '要素环境', '法治环境', '政商环境')),
    description text NOT NULL CHECK (length(btrim(description)) BETWEEN 1 AND 5000),
    received_on date NOT NULL,
    -- Who raised it, when known; a problem made from an unsigned clue has none, ever.
    reporter text CHECK (length(reporter) BETWEEN 1 AND 50),
    reporter_phone text CHECK (length(reporter_phone) BETWEEN 3 AND 30),
    clue_id uuid UNIQUE REFERENCES problem_clues (id),
    -- An import's own number (e.g. the hotline's 工单号): importing the same file again adds nothing.
    external_ref text UNIQUE CHECK (length(external_ref) BETWEEN 1 AND 60),
    state text NOT NULL DEFAULT 'received' CHECK (state IN ('received', 'assigned', 'done', 'closed')),
    department_code text REFERENCES departments (code) ON UPDATE CASCADE,
    section text CHECK (length(section) BETWEEN 1 AND 50),
    employee_number text REFERENCES chiefs (employee_number) ON UPDATE CASCADE,
    assigned_on date,
    due_on date,
    closed_on date,
    replied_on date,
    callback text CHECK (callback IN ('满意', '基本满意', '不满意', '未回访')),
    CHECK (state = 'received' OR (department_code IS NOT NULL AND assigned_on IS NOT NULL AND due_on IS NOT NULL)),
    CHECK ((state = 'closed') = (closed_on IS NOT NULL)),
    CHECK (replied_on IS NULL OR (state = 'closed' AND reporter IS NOT NULL))
);
CREATE INDEX problems_department_idx ON problems (department_code, state, due_on);
CREATE INDEX problems_received_idx ON problems (received_on);

-- Every step of a problem, never changed or removed: the monthly report is computed from these.
CREATE TABLE problem_steps (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    problem_id bigint NOT NULL REFERENCES problems (id),
    step text NOT NULL CHECK (step IN ('receive', 'assign', 'report_done', 'send_back', 'verify', 'reply')),
    on_day date NOT NULL,
    department_code text REFERENCES departments (code) ON UPDATE CASCADE,
    due_on date,
    note text CHECK (length(note) <= 2000),
    callback text CHECK (callback IN ('满意', '基本满意', '不满意', '未回访')),
    actor text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX problem_steps_problem_idx ON problem_steps (problem_id, id);
CREATE INDEX problem_steps_day_idx ON problem_steps (on_day);

CREATE FUNCTION problem_steps_frozen() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a problem''s history is never changed' USING ERRCODE = 'PY002';
END
$$;
CREATE TRIGGER problem_steps_frozen BEFORE UPDATE OR DELETE ON problem_steps
    FOR EACH ROW EXECUTE FUNCTION problem_steps_frozen();

-- The states move only along the chain, as in Swift (ProblemFlow): received → assigned →
-- done → closed, done → assigned (sent back); a problem is never deleted.
CREATE FUNCTION problems_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'problem % is in the ledger and is never deleted', OLD.id USING ERRCODE = 'PY002';
    END IF;
    IF NEW.state IS DISTINCT FROM OLD.state
       AND (OLD.state, NEW.state) NOT IN (('received', 'assigned'), ('assigned', 'done'), ('done', 'assigned'), ('done', 'closed')) THEN
        RAISE EXCEPTION 'problem % cannot go from % to %', OLD.id, OLD.state, NEW.state USING ERRCODE = 'PY001';
    END IF;
    IF (NEW.reporter, NEW.clue_id, NEW.received_on, NEW.channel) IS DISTINCT FROM (OLD.reporter, OLD.clue_id, OLD.received_on, OLD.channel) THEN
        RAISE EXCEPTION 'problem %: where it came from is fixed', OLD.id USING ERRCODE = 'PY002';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER problems_guard BEFORE UPDATE OR DELETE ON problems
    FOR EACH ROW EXECUTE FUNCTION problems_guard();
