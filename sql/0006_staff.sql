-- 0006: staff accounts of the office's web console and their sessions.
-- Passwords are bcrypt hashes; a session is known by the SHA-256 of its cookie.
CREATE TABLE staff (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    login text NOT NULL UNIQUE CHECK (login ~ '^[a-z0-9_.-]{2,40}$'),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    role text NOT NULL CHECK (role IN ('admin', 'orgdept', 'hr')),
    password_hash text NOT NULL CHECK (password_hash LIKE '$2%'),
    must_change_password boolean NOT NULL DEFAULT true,
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staff_sessions (
    token_hash bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    staff_id bigint NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);
CREATE INDEX staff_sessions_expiry_idx ON staff_sessions (expires_at);
