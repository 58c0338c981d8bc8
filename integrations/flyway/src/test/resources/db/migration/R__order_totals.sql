-- Repeatable: re-applied whenever its checksum changes.
CREATE OR REPLACE VIEW order_totals AS
SELECT o.id AS order_id, o.customer_id, sum(l.quantity * p.price) AS total
FROM orders o
JOIN order_lines l ON l.order_id = o.id
JOIN products p ON p.id = l.product_id
GROUP BY o.id, o.customer_id;
