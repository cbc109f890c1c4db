-- 0002: campaigns (with the copy of their template) and one-time invitations.

CREATE TABLE campaigns (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year int NOT NULL REFERENCES appraisal_years (year),
    kind text NOT NULL CHECK (kind IN ('merchantReview', 'starRating')),
    state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'open', 'closed', 'published')),
    -- the template as it was when the campaign was created: editing the file later changes nothing here
    template_id text NOT NULL,
    template_version int NOT NULL CHECK (template_version > 0),
    template_yaml text NOT NULL,
    template_sha256 text NOT NULL CHECK (template_sha256 ~ '^[0-9a-f]{64}$'),
    opens_at timestamptz,
    closes_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    opened_at timestamptz,
    closed_at timestamptz,
    published_at timestamptz,
    UNIQUE (year, kind),
    CHECK (closes_at IS NULL OR opens_at IS NULL OR closes_at > opens_at),
    CHECK ((state = 'draft') = (opened_at IS NULL)),
    CHECK ((state IN ('closed', 'published')) = (closed_at IS NOT NULL)),
    CHECK ((state = 'published') = (published_at IS NOT NULL))
);

-- The state machine, enforced here as well as in Swift: draft → open → closed → published only;
-- a published campaign is read-only; the template never changes once the campaign has opened.
CREATE FUNCTION campaigns_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.state <> 'draft' THEN
            RAISE EXCEPTION 'campaign % is %, only a draft can be deleted', OLD.id, OLD.state
                USING ERRCODE = 'PY002';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.state = 'published' THEN
        RAISE EXCEPTION 'campaign % is published and read-only', OLD.id USING ERRCODE = 'PY002';
    END IF;
    IF NEW.state IS DISTINCT FROM OLD.state
       AND (OLD.state, NEW.state) NOT IN (('draft', 'open'), ('open', 'closed'), ('closed', 'published')) THEN
        RAISE EXCEPTION 'campaign % cannot go from % to %', OLD.id, OLD.state, NEW.state USING ERRCODE = 'PY001';
    END IF;
    IF OLD.state <> 'draft' AND (NEW.template_yaml, NEW.template_sha256, NEW.template_id, NEW.template_version, NEW.year, NEW.kind)
        IS DISTINCT FROM (OLD.template_yaml, OLD.template_sha256, OLD.template_id, OLD.template_version, OLD.year, OLD.kind) THEN
        RAISE EXCEPTION 'campaign % has opened: its template and year are fixed', OLD.id USING ERRCODE = 'PY002';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER campaigns_guard BEFORE UPDATE OR DELETE ON campaigns
    FOR EACH ROW EXECUTE FUNCTION campaigns_guard();

-- One-time invitations. The token itself is never stored, only its SHA-256.
-- used_on is a day, not a time: enough for progress by day, too coarse to order submissions.
CREATE TABLE invitations (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign_id bigint NOT NULL REFERENCES campaigns (id),
    token_hash bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    merchant_credit_code text REFERENCES merchants (credit_code),
    supervisor_code text REFERENCES supervisors (code),
    issued_at timestamptz NOT NULL DEFAULT now(),
    used_on date,
    revoked_at timestamptz,
    CHECK ((merchant_credit_code IS NULL) <> (supervisor_code IS NULL)),
    CHECK (used_on IS NULL OR revoked_at IS NULL)
);
-- at most one valid invitation per respondent and campaign
CREATE UNIQUE INDEX invitations_one_per_merchant ON invitations (campaign_id, merchant_credit_code)
    WHERE revoked_at IS NULL AND merchant_credit_code IS NOT NULL;
CREATE UNIQUE INDEX invitations_one_per_supervisor ON invitations (campaign_id, supervisor_code)
    WHERE revoked_at IS NULL AND supervisor_code IS NOT NULL;

-- The departments on an invitation's form (merchant: those it dealt with; supervisor: its list).
CREATE TABLE invitation_departments (
    invitation_id bigint NOT NULL REFERENCES invitations (id) ON DELETE CASCADE,
    department_code text NOT NULL REFERENCES departments (code) ON UPDATE CASCADE,
    PRIMARY KEY (invitation_id, department_code)
);
CREATE INDEX invitation_departments_department_idx ON invitation_departments (department_code);
