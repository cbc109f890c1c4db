-- 0014: every sealed ballot of a campaign has one length, fixed when the campaign opens from the
-- longest ballot its forms allow (BallotLength). Campaigns opened before keep NULL and the
-- earlier size classes (4, 16, 64 KiB).
ALTER TABLE campaigns ADD COLUMN ballot_length integer CHECK (ballot_length > 0);
