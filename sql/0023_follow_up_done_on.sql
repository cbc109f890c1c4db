-- 0023: the day a follow-up was carried out (诫勉谈话 held, 离岗学习 begun, 组织处理 decided), as
-- the 组织部 records it; the day it was recorded is recorded_at. Absent for outcomes recorded before.
ALTER TABLE follow_ups ADD COLUMN done_on date CHECK (done_on BETWEEN DATE '2000-01-01' AND DATE '2100-12-31');
ALTER TABLE follow_up_records ADD COLUMN done_on date;
