-- 0008: a published year can be taken back (pingyi appraisal unpublish YEAR --reason …). Its
-- runs stay as history; its follow-ups are kept, marked withdrawn with the reason, and do not
-- stand in the way of the follow-ups of the year's next publication.
ALTER TABLE follow_ups DROP CONSTRAINT follow_ups_status_check;
ALTER TABLE follow_ups ADD CONSTRAINT follow_ups_status_check CHECK (status IN ('pending', 'done', 'waived', 'withdrawn'));
ALTER TABLE follow_ups DROP CONSTRAINT follow_ups_year_employee_number_key;
CREATE UNIQUE INDEX follow_ups_current_idx ON follow_ups (year, employee_number) WHERE status <> 'withdrawn';
