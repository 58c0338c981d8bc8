-- Not transactional (an index build): Flyway records it as failed.
CREATE INDEX fi_t_b_idx ON fi_t (no_such_column);
