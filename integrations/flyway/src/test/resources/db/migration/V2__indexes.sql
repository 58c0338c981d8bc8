-- Index builds run online, outside a transaction block: this migration runs in autocommit.
CREATE INDEX orders_customer_idx ON orders (customer_id);
CREATE INDEX order_lines_product_idx ON order_lines (product_id);
ALTER TABLE order_lines ADD CONSTRAINT order_lines_product_once UNIQUE (order_id, product_id);
