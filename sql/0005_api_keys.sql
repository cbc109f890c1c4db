-- 0005: API keys for the organization department, HR and the office. The key itself is shown
-- once when it is made; only its SHA-256 is stored, with a short prefix to tell keys apart.
CREATE TABLE api_keys (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    role text NOT NULL CHECK (role IN ('admin', 'orgdept', 'hr')),
    key_hash bytea NOT NULL UNIQUE CHECK (octet_length(key_hash) = 32),
    prefix text NOT NULL CHECK (length(prefix) BETWEEN 4 AND 16),
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);
