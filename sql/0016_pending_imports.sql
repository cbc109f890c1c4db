-- 0016: a list uploaded in the console waits here between its preview and 确认导入 (at most a
-- day; the file as uploaded, its kind and year, who uploaded it). Once imported it keeps the
-- summary, so a second 确认导入 (a double click, another tab) shows the same result.
CREATE TABLE pending_imports (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    kind text NOT NULL CHECK (kind IN ('roster', 'merchants', 'dealings', 'supervisors', 'assessment', 'problems')),
    year int CHECK (year BETWEEN 2000 AND 2100),
    file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
    content bytea NOT NULL CHECK (octet_length(content) <= 10485760),
    uploaded_by text NOT NULL CHECK (length(uploaded_by) BETWEEN 1 AND 100),
    uploaded_at timestamptz NOT NULL DEFAULT now(),
    imported_at timestamptz,
    summary jsonb
);
