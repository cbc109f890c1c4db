-- 0020: evidence attached to a ledger step (办结's photos, scans, PDFs), kept in the database so
-- that a backup holds them. Its kind is read from the content; it is never changed or removed,
-- like the step it belongs to.
CREATE TABLE problem_evidence (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    problem_id bigint NOT NULL REFERENCES problems (id),
    step_id bigint NOT NULL REFERENCES problem_steps (id),
    kind text NOT NULL CHECK (kind IN ('jpeg', 'png', 'pdf', 'ofd')),
    size int NOT NULL CHECK (size BETWEEN 1 AND 10485760),
    data bytea NOT NULL CHECK (octet_length(data) = size),
    actor text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX problem_evidence_problem_idx ON problem_evidence (problem_id);
CREATE TRIGGER problem_evidence_frozen BEFORE UPDATE OR DELETE ON problem_evidence
    FOR EACH ROW EXECUTE FUNCTION problem_steps_frozen();
