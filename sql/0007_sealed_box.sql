-- 0007: anonymity that holds against the database administrator.
--
-- * The ballot box holds ciphertext: the server seals each ballot with the campaign's public
--   key (campaigns.sealing_key, X25519; HPKE) before it reaches the database. The private key
--   never enters the database; closing the campaign needs it. Ballots of campaigns opened
--   before this migration stay plaintext (answers) until their close.
-- * Response rows keep nothing that groups one ballot's answers: chief_grades, department_stars
--   and text_answers lose ballot_id (with it, a ballot's set of chiefs was rebuilt and matched to
--   the merchant's dealings). `ballots` keeps one row per counted ballot with a fresh random id,
--   for the count only.
ALTER TABLE campaigns ADD COLUMN sealing_key bytea CHECK (octet_length(sealing_key) = 32);

ALTER TABLE ballot_box ALTER COLUMN answers DROP NOT NULL;
ALTER TABLE ballot_box ADD COLUMN sealed bytea;
ALTER TABLE ballot_box ADD CONSTRAINT ballot_box_one_form CHECK (num_nonnulls(answers, sealed) = 1);
ALTER TABLE ballot_box DROP COLUMN id;

ALTER TABLE chief_grades DROP CONSTRAINT chief_grades_pkey;
ALTER TABLE chief_grades DROP COLUMN ballot_id;
ALTER TABLE department_stars DROP CONSTRAINT department_stars_pkey;
ALTER TABLE department_stars DROP COLUMN ballot_id;
ALTER TABLE text_answers DROP COLUMN ballot_id;
