package io.shardsql.hibernate;

import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolver;

/**
 * Picks {@link ShardSqlDialect} when the JDBC driver reports the product name {@value #PRODUCT_NAME}
 * ({@code DatabaseMetaData.getDatabaseProductName()} of the ShardSQL driver). Hibernate finds this class
 * through {@code META-INF/services/org.hibernate.engine.jdbc.dialect.spi.DialectResolver}, so an application
 * needs no {@code hibernate.dialect} setting; for any other product it answers null and Hibernate asks its
 * other resolvers.
 */
public final class ShardSqlDialectResolver implements DialectResolver {
    /** The product name the ShardSQL JDBC driver reports. */
    public static final String PRODUCT_NAME = "ShardSQL";

    @Override
    public Dialect resolveDialect(DialectResolutionInfo info) {
        return PRODUCT_NAME.equals(info.getDatabaseName()) ? new ShardSqlDialect(info) : null;
    }
}
