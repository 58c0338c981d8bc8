package io.shardsql.flyway;

import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.database.base.BaseDatabaseType;
import org.flywaydb.core.internal.database.base.Database;
import org.flywaydb.core.internal.jdbc.JdbcConnectionFactory;
import org.flywaydb.core.internal.jdbc.StatementInterceptor;
import org.flywaydb.core.internal.parser.Parser;
import org.flywaydb.core.internal.parser.ParsingContext;

import java.sql.Connection;
import java.sql.Types;

/**
 * ShardSQL as a Flyway database type: chosen for a URL starting with {@code jdbc:shardsql:}, or for a
 * connection whose {@code DatabaseMetaData.getDatabaseProductName()} is {@code ShardSQL}. Registered in
 * {@code META-INF/services/org.flywaydb.core.extensibility.Plugin}.
 */
public final class ShardSqlDatabaseType extends BaseDatabaseType {
    /** What the driver answers to {@code getDatabaseProductName()}. */
    static final String PRODUCT_NAME = "ShardSQL";
    /** The prefix of every ShardSQL JDBC URL. */
    static final String URL_PREFIX = "jdbc:shardsql:";
    /** The driver's class ({@code shardsql-jdbc}). */
    static final String DRIVER_CLASS = "io.shardsql.jdbc.Driver";

    @Override
    public String getName() {
        return PRODUCT_NAME;
    }

    @Override
    public int getNullType() {
        return Types.NULL;
    }

    @Override
    public boolean handlesJDBCUrl(String url) {
        return url != null && url.regionMatches(true, 0, URL_PREFIX, 0, URL_PREFIX.length());
    }

    @Override
    public String getDriverClass(String url, ClassLoader classLoader) {
        return DRIVER_CLASS;
    }

    @Override
    public boolean handlesDatabaseProductNameAndVersion(String productName, String productVersion,
                                                        Connection connection) {
        return productName != null && productName.startsWith(PRODUCT_NAME);
    }

    @Override
    public Database<?> createDatabase(Configuration configuration, JdbcConnectionFactory connectionFactory,
                                      StatementInterceptor statementInterceptor) {
        return new ShardSqlDatabase(configuration, connectionFactory, statementInterceptor);
    }

    @Override
    public Parser createParser(Configuration configuration, ResourceProvider resourceProvider,
                               ParsingContext parsingContext) {
        return new ShardSqlParser(configuration, parsingContext);
    }

    @Override
    public boolean detectUserRequiredByUrl(String url) {
        return !url.contains("user=");
    }

    @Override
    public boolean detectPasswordRequiredByUrl(String url) {
        return !url.contains("password=");
    }
}
