-- 0017: deadlines across a year without a working calendar. Pingyi ships one year's calendar;
-- from mid-December a 15-working-day deadline reaches into a year whose holidays the State
-- Council has not yet announced. Such a deadline is counted with weekends only and marked
-- provisional; importing that year's calendar recounts it from the day it started, and the
-- recount is a step of the problem's history ('recount').
ALTER TABLE problems
    ADD COLUMN due_from date,
    ADD COLUMN due_provisional boolean NOT NULL DEFAULT false,
    ADD CHECK (NOT due_provisional OR due_on IS NOT NULL);
-- The day each deadline was counted from: the 交办, as far as this migration can tell.
UPDATE problems SET due_from = assigned_on WHERE due_on IS NOT NULL;

ALTER TABLE problem_steps DROP CONSTRAINT problem_steps_step_check;
ALTER TABLE problem_steps ADD CONSTRAINT problem_steps_step_check
    CHECK (step IN ('receive', 'assign', 'report_done', 'send_back', 'verify', 'reply', 'recount'));
