-- 0010: a clue stored without an explicit day gets the county's day (China Standard Time), not
-- the day of the session's time zone (UTC for Pingyi's connections): between 00:00 and 08:00
-- China time the two differ. The application always passes the day; this covers psql too.
ALTER TABLE problem_clues ALTER COLUMN reported_on SET DEFAULT (now() AT TIME ZONE 'Asia/Shanghai')::date;
