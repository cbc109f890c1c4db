-- 0009: every outcome recorded for a follow-up is kept, in order (a later record no longer
-- replaces an earlier one without trace); follow_ups keeps the latest for lists.
CREATE TABLE follow_up_records (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    follow_up_id bigint NOT NULL REFERENCES follow_ups (id),
    status text NOT NULL CHECK (status IN ('done', 'waived', 'withdrawn')),
    note text NOT NULL CHECK (length(note) BETWEEN 1 AND 2000),
    recorded_by text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX follow_up_records_follow_up_idx ON follow_up_records (follow_up_id, id);
-- Outcomes recorded before this migration become the first entry of their history.
INSERT INTO follow_up_records (follow_up_id, status, note, recorded_by, recorded_at)
SELECT id, status, outcome, coalesce(recorded_by, 'unknown'), recorded_at FROM follow_ups
WHERE status <> 'pending' AND outcome IS NOT NULL AND length(outcome) BETWEEN 1 AND 2000;
