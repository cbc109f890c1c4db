-- 0018: the ledger's order as the county practises it (收集 → 交办 → 限时办结 → 督查核查 →
-- 反馈回访 → 销号). 核查 no longer closes an item: it becomes 'verified' (待反馈销号); the
-- reporter is answered ('reply'), called back ('callback'), and only then is it closed ('close',
-- 销号). A callback of 不满意 sends it back to the department ('verified' → 'assigned') with a new
-- deadline. An anonymous item goes from 'verified' to 'closed'. Items closed under the old order
-- stay closed.
ALTER TABLE problems DROP CONSTRAINT problems_state_check;
ALTER TABLE problems ADD CONSTRAINT problems_state_check CHECK (state IN ('received', 'assigned', 'done', 'verified', 'closed'));

-- A reply could only be recorded on a closed item; now it comes before 销号 (and is cleared when
-- a 不满意 callback reopens the item; the history keeps it).
DO $$
DECLARE name text;
BEGIN
    FOR name IN SELECT conname FROM pg_constraint
                WHERE conrelid = 'problems'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%replied_on%'
    LOOP
        EXECUTE format('ALTER TABLE problems DROP CONSTRAINT %I', name);
    END LOOP;
END
$$;
ALTER TABLE problems ADD CONSTRAINT problems_reply_check CHECK (replied_on IS NULL OR reporter IS NOT NULL);

ALTER TABLE problem_steps DROP CONSTRAINT problem_steps_step_check;
ALTER TABLE problem_steps ADD CONSTRAINT problem_steps_step_check
    CHECK (step IN ('receive', 'assign', 'report_done', 'send_back', 'verify', 'reply', 'callback', 'close', 'recount'));

CREATE OR REPLACE FUNCTION problems_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'problem % is in the ledger and is never deleted', OLD.id USING ERRCODE = 'PY002';
    END IF;
    IF NEW.state IS DISTINCT FROM OLD.state
       AND (OLD.state, NEW.state) NOT IN (('received', 'assigned'), ('assigned', 'done'), ('done', 'assigned'), ('done', 'verified'),
                                          ('verified', 'assigned'), ('verified', 'closed')) THEN
        RAISE EXCEPTION 'problem % cannot go from % to %', OLD.id, OLD.state, NEW.state USING ERRCODE = 'PY001';
    END IF;
    IF (NEW.reporter, NEW.clue_id, NEW.received_on, NEW.channel) IS DISTINCT FROM (OLD.reporter, OLD.clue_id, OLD.received_on, OLD.channel) THEN
        RAISE EXCEPTION 'problem %: where it came from is fixed', OLD.id USING ERRCODE = 'PY002';
    END IF;
    RETURN NEW;
END
$$;
