-- Runs in one transaction: the table and row below must not survive the failing statement.
CREATE TABLE f_partial (id INT PRIMARY KEY);
INSERT INTO f_partial VALUES (1);
UPDATE f_ok SET note = 'changed' WHERE id = 1;
INSERT INTO f_no_such_table VALUES (1);
