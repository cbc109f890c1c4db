-- 0012: the typed code of an invitation (printed under a letter's QR code), only as its SHA-256.
-- Invitations issued before this migration have none: their links keep working.
ALTER TABLE invitations ADD COLUMN code_hash bytea UNIQUE CHECK (octet_length(code_hash) = 32);
