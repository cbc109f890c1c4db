-- 0003: the ballot box, the anonymous responses, and problem clues.
--
-- Anonymity: no row here carries a token, an invitation, a merchant or supervisor, a timestamp
-- or a serial id. While a campaign is open its ballots wait in its own partition of the ballot
-- box; on close they are copied into the response tables in random order, in one transaction,
-- and the partition is truncated, so neither physical order nor transaction ids (xmin) link a
-- response to the claim of an invitation.

CREATE TABLE ballot_box (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    campaign_id bigint NOT NULL,
    answers jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'object')
) PARTITION BY LIST (campaign_id);

-- One partition per campaign, made when it opens (and now, for campaigns already open).
CREATE FUNCTION ballot_box_partition(campaign bigint) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    name text := 'ballot_box_campaign_' || campaign;
BEGIN
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF ballot_box FOR VALUES IN (%s)', name, campaign);
    RETURN name;
END
$$;
SELECT ballot_box_partition(id) FROM campaigns WHERE state = 'open';

CREATE TABLE ballots (
    id uuid PRIMARY KEY,
    campaign_id bigint NOT NULL REFERENCES campaigns (id)
);
CREATE INDEX ballots_campaign_idx ON ballots (campaign_id);

-- A grade given to a chief (客商评议股室长).
CREATE TABLE chief_grades (
    ballot_id uuid NOT NULL REFERENCES ballots (id),
    campaign_id bigint NOT NULL REFERENCES campaigns (id),
    employee_number text NOT NULL REFERENCES chiefs (employee_number) ON UPDATE CASCADE,
    question text NOT NULL,
    option text NOT NULL,
    PRIMARY KEY (ballot_id, employee_number, question)
);
CREATE INDEX chief_grades_aggregate_idx ON chief_grades (campaign_id, question, employee_number, option);

-- Stars given to a department (评星定级).
CREATE TABLE department_stars (
    ballot_id uuid NOT NULL REFERENCES ballots (id),
    campaign_id bigint NOT NULL REFERENCES campaigns (id),
    department_code text NOT NULL REFERENCES departments (code) ON UPDATE CASCADE,
    question text NOT NULL,
    stars smallint NOT NULL CHECK (stars BETWEEN 1 AND 10),
    PRIMARY KEY (ballot_id, department_code, question)
);
CREATE INDEX department_stars_aggregate_idx ON department_stars (campaign_id, department_code, question);

-- Free text: a comment about a chief or department (target set) or a general comment.
CREATE TABLE text_answers (
    ballot_id uuid NOT NULL REFERENCES ballots (id),
    campaign_id bigint NOT NULL REFERENCES campaigns (id),
    target text,
    question text NOT NULL,
    body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000)
);
CREATE INDEX text_answers_target_idx ON text_answers (campaign_id, target);

-- 问题线索: a supervisor's clue for the office to follow up, stored at once (it cannot wait for
-- the close). It names the department and the day, and the supervisor only if they signed.
CREATE TABLE problem_clues (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    campaign_id bigint NOT NULL REFERENCES campaigns (id),
    department_code text NOT NULL REFERENCES departments (code) ON UPDATE CASCADE,
    body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
    signed_by text CHECK (length(signed_by) BETWEEN 1 AND 50),
    reported_on date NOT NULL DEFAULT current_date,
    status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'assigned', 'resolved')),
    note text CHECK (length(note) <= 2000)
);
CREATE INDEX problem_clues_status_idx ON problem_clues (status, reported_on);
