-- 0021: the county's identity (县名, 办公室全称与简称, 咨询电话, 监督电话, 落款), set once in the
-- console's 本县信息 page and used on letters, SMS, respondents' pages and 通报 documents.
-- One row at most; none means "not set yet" and the console says so.
CREATE TABLE county_identity (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    county_name text NOT NULL,
    office_name text NOT NULL,
    office_short_name text NOT NULL,
    consult_phone text NOT NULL,
    supervise_phone text NOT NULL,
    seal text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
