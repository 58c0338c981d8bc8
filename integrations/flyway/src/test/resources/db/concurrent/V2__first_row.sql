INSERT INTO c_log VALUES (2, 'v2');
