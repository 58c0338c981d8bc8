INSERT INTO c_log VALUES (5, 'v5');
