/** The entities of the JPA test: customers, orders and lines (relations, cascades, keys), accounts (locking). */
package io.shardsql.hibernate.model;
