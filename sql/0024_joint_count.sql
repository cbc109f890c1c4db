-- 0024: the joint count (多方联合计票), a campaign's other way of keeping its ballots.
--
-- A campaign opened jointly has no sealing key: its `tally` holds the manifest (the contests its
-- ballots can hold) and the trustees' key ceremony (their commitments; the joint key follows).
-- Each ballot is encrypted on the server — every grade or star an encrypted one-hot vector with
-- its proofs — and chained: `tally_chain` is the last tracking code, `tally_count` the number of
-- ballots chained. The ballots stay encrypted forever (they are published in the record); only
-- the sums per contest and option are ever decrypted, by a quorum of the trustees together.
-- Texts are sealed to the joint key one by one (`tally_texts`, no id, no time), shuffled into
-- fresh rows at the close, opened only at the count.
ALTER TABLE campaigns ADD COLUMN tally jsonb CHECK (tally IS NULL OR jsonb_typeof(tally) = 'object');
ALTER TABLE campaigns ADD COLUMN tally_sha256 text CHECK ((tally IS NULL) = (tally_sha256 IS NULL));
ALTER TABLE campaigns ADD COLUMN tally_count integer NOT NULL DEFAULT 0;
ALTER TABLE campaigns ADD COLUMN tally_chain bytea CHECK (tally_chain IS NULL OR octet_length(tally_chain) = 32);
ALTER TABLE campaigns ADD CONSTRAINT campaigns_one_way CHECK (sealing_key IS NULL OR tally IS NULL);

-- An encrypted ballot: its place in the chain, its tracking code, its contests (the record's JSON
-- of them) and its texts' hashes. No invitation, no time.
CREATE TABLE tally_ballots (
    campaign_id bigint NOT NULL REFERENCES campaigns (id),
    position integer NOT NULL CHECK (position >= 1),
    code bytea NOT NULL CHECK (octet_length(code) = 32),
    contests text NOT NULL,
    -- The SHA-256 of each text the ballot sealed (JSON array of hex), bound into its code.
    texts text NOT NULL,
    PRIMARY KEY (campaign_id, position)
);
CREATE UNIQUE INDEX tally_ballots_code_idx ON tally_ballots (code);

-- A text sealed to the joint key: ciphertext only.
CREATE TABLE tally_texts (
    campaign_id bigint NOT NULL REFERENCES campaigns (id),
    sealed bytea NOT NULL
);
CREATE INDEX tally_texts_campaign_idx ON tally_texts (campaign_id);

-- What each trustee gives at the count (its decryption shares, its partial decryptions of the
-- texts) is never stored: it stays in the memory of the process that counts until the quorum has
-- given, so nobody reading the database (or its WAL) can combine it with a share of their own.

-- The published record of a counted campaign (docs/RECORD.md), exactly as served.
CREATE TABLE tally_records (
    campaign_id bigint PRIMARY KEY REFERENCES campaigns (id),
    -- The trustees whose shares made the count (the record says so too; kept apart so that
    -- nobody has to read the whole record to know).
    trustees integer[] NOT NULL,
    record text NOT NULL
);
