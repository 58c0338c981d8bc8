INSERT INTO customers (email, name) VALUES ('ada@example.com', 'Ada Lovelace');
INSERT INTO customers (email, name, active) VALUES ('alan@example.com', 'Alan Turing', FALSE);
INSERT INTO customers (email, name) VALUES ('grace@example.com', 'Grace Hopper');

INSERT INTO products (sku, title, price, stock) VALUES
    ('BK-001', 'Notes on the Analytical Engine', 19.90, 12),
    ('BK-002', 'On Computable Numbers', 24.50, 3),
    ('BK-003', 'A Manual of Operation for the Automatic Sequence Controlled Calculator', 99.00, 1);

INSERT INTO orders (id, customer_id, status) SELECT 1, id, 'paid' FROM customers WHERE email = 'ada@example.com';
INSERT INTO orders (id, customer_id) SELECT 2, id FROM customers WHERE email = 'grace@example.com';

INSERT INTO order_lines (order_id, line_no, product_id, quantity)
    SELECT 1, 1, id, 2 FROM products WHERE sku = 'BK-001';
INSERT INTO order_lines (order_id, line_no, product_id, quantity)
    SELECT 1, 2, id, 1 FROM products WHERE sku = 'BK-002';
INSERT INTO order_lines (order_id, line_no, product_id, quantity)
    SELECT 2, 1, id, 1 FROM products WHERE sku = 'BK-003';
