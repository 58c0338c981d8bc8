-- A later change: new columns (old rows read the DEFAULT) and a view over the new column.
ALTER TABLE customers ADD COLUMN phone VARCHAR(30);
ALTER TABLE products ADD COLUMN discontinued BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE orders ADD COLUMN invoice_no BIGINT;

UPDATE products SET discontinued = TRUE WHERE sku = 'BK-003';
UPDATE orders SET invoice_no = nextval('invoice_numbers') WHERE status = 'paid';

CREATE VIEW catalog AS SELECT id, sku, title, price FROM products WHERE NOT discontinued;
