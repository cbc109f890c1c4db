-- 0019: department accounts (部门联络员). A console account bound to one department: it sees
-- only that department's ledger items and reports them done. API keys never carry this role.
ALTER TABLE staff DROP CONSTRAINT staff_role_check;
ALTER TABLE staff ADD CONSTRAINT staff_role_check CHECK (role IN ('admin', 'orgdept', 'hr', 'department'));
ALTER TABLE staff ADD COLUMN department_code text REFERENCES departments (code) ON UPDATE CASCADE;
ALTER TABLE staff ADD CONSTRAINT staff_department_check CHECK ((role = 'department') = (department_code IS NOT NULL));
