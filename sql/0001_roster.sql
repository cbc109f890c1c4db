-- 0001: the county's roster — departments, sections, chiefs, merchants and their dealings,
-- special supervisors — plus appraisal years and the audit log.
-- Every rule that protects the data is a constraint here, not only a check in Swift.

-- 统一社会信用代码 (GB 32100-2015): 18 characters of the standard's set, check character last.
CREATE FUNCTION credit_code_is_valid(code text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    alphabet CONSTANT text := '0123456789ABCDEFGHJKLMNPQRTUWXY';
    weights CONSTANT int[] := ARRAY[1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    total int := 0;
    check_value int;
BEGIN
    IF code !~ '^[0-9A-HJ-NP-RTUWXY]{2}[0-9]{6}[0-9A-HJ-NP-RTUWXY]{10}$' THEN
        RETURN false;
    END IF;
    FOR i IN 1..17 LOOP
        total := total + (strpos(alphabet, substr(code, i, 1)) - 1) * weights[i];
    END LOOP;
    check_value := (31 - total % 31) % 31;
    RETURN substr(code, 18, 1) = substr(alphabet, check_value + 1, 1);
END
$$;

CREATE TABLE departments (
    code text PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9_-]{1,32}$'),
    name text NOT NULL UNIQUE CHECK (name = btrim(name) AND length(name) BETWEEN 1 AND 100),
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sections (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    department_code text NOT NULL REFERENCES departments (code) ON UPDATE CASCADE,
    name text NOT NULL CHECK (name = btrim(name) AND length(name) BETWEEN 1 AND 50),
    active boolean NOT NULL DEFAULT true,
    UNIQUE (department_code, name)
);

CREATE TABLE chiefs (
    employee_number text PRIMARY KEY CHECK (employee_number ~ '^[A-Za-z0-9_-]{1,32}$'),
    name text NOT NULL CHECK (name = btrim(name) AND length(name) BETWEEN 1 AND 50),
    section_id bigint NOT NULL REFERENCES sections (id),
    position text NOT NULL CHECK (position = btrim(position) AND length(position) BETWEEN 1 AND 30),
    active boolean NOT NULL DEFAULT true,
    start_date date CHECK (start_date BETWEEN DATE '1900-01-01' AND DATE '2100-12-31'),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chiefs_section_idx ON chiefs (section_id);

CREATE TABLE merchants (
    credit_code text PRIMARY KEY CHECK (credit_code_is_valid(credit_code)),
    name text NOT NULL CHECK (name = btrim(name) AND length(name) BETWEEN 1 AND 100),
    industry text CHECK (length(industry) <= 50),
    contact_person text CHECK (length(contact_person) <= 50),
    contact_phone text CHECK (contact_phone ~ '^[0-9+() -]{5,20}$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Which departments a merchant dealt with in which year: only those chiefs are on its ballot.
CREATE TABLE merchant_dealings (
    credit_code text NOT NULL REFERENCES merchants (credit_code),
    year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    department_code text NOT NULL REFERENCES departments (code) ON UPDATE CASCADE,
    PRIMARY KEY (credit_code, year, department_code)
);
CREATE INDEX merchant_dealings_department_idx ON merchant_dealings (year, department_code);

CREATE TABLE supervisors (
    code text PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9_-]{1,32}$'),
    name text NOT NULL CHECK (name = btrim(name) AND length(name) BETWEEN 1 AND 50),
    category text NOT NULL CHECK (category IN ('人大代表', '政协委员', '企业代表', '其他')),
    affiliation text CHECK (length(affiliation) <= 100),
    phone text CHECK (phone ~ '^[0-9+() -]{5,20}$'),
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- 年度考评: one year's appraisal with its scoring policy (text and SHA-256 kept as given).
CREATE TABLE appraisal_years (
    year int PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    policy_yaml text,
    policy_sha256 text CHECK (policy_sha256 ~ '^[0-9a-f]{64}$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((policy_yaml IS NULL) = (policy_sha256 IS NULL))
);

-- Every write by the office: who, what, to which subject, the state before and after.
CREATE TABLE audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor text NOT NULL CHECK (length(actor) BETWEEN 1 AND 100),
    action text NOT NULL CHECK (length(action) BETWEEN 1 AND 100),
    subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    before jsonb,
    after jsonb,
    at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
