-- 0015: typed codes are stored as HMAC-SHA256 under a key kept outside the database
-- (PINGYI_CODE_SECRET or its file), so that a stolen backup cannot be searched offline for the
-- 59-bit codes. The plain SHA-256 values of codes printed before are removed: those letters'
-- codes stop working (their QR codes and links still work); print them again to get codes.
UPDATE invitations SET code_hash = NULL WHERE code_hash IS NOT NULL;
