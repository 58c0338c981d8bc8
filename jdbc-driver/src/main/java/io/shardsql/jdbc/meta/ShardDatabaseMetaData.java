package io.shardsql.jdbc.meta;

import io.shardsql.jdbc.error.SqlErrors;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;

/**
 * {@link DatabaseMetaData} for tools (DBeaver, sqlline, ORMs). Capabilities are constants here, one
 * line per JDBC method (false / 0 / "" where ShardSQL has nothing to say); catalog queries
 * ({@code getTables}, {@code getColumns}, {@code getPrimaryKeys}, {@code getIndexInfo}, ...) are
 * answered by {@link MetadataQueries} from the {@code sys} tables. Identifiers: unquoted names fold to
 * lower case, {@code "} quotes (docs/sql.md). Isolation answers come from the handshake's AuthOk.
 */
public final class ShardDatabaseMetaData implements DatabaseMetaData {
    public static final String PRODUCT_NAME = "ShardSQL";
    /** The schema user tables are reported in. */
    public static final String USER_SCHEMA = MetadataQueries.USER_SCHEMA;
    /** Calcite's limit on identifier length. */
    static final int MAX_IDENTIFIER_LENGTH = 128;
    /** Words ShardSQL reserves or adds beyond SQL:2003 (docs/sql.md). */
    static final String KEYWORDS = "BYTEA,CONFLICT,DO,IF,INDEX,LIMIT,NOTHING,OFFSET,PASSWORD,SNAPSHOT,TEXT,UPSERT";
    static final String NUMERIC_FUNCTIONS = "ABS,ACOS,ASIN,ATAN,ATAN2,CEILING,COS,COT,DEGREES,EXP,FLOOR,LOG10,LN,MOD,"
            + "PI,POWER,RADIANS,RAND,ROUND,SIGN,SIN,SQRT,TAN,TRUNCATE";
    static final String STRING_FUNCTIONS = "ASCII,CHAR_LENGTH,CHARACTER_LENGTH,CONCAT,INITCAP,LEFT,LOWER,LTRIM,OVERLAY,"
            + "POSITION,REPLACE,REPEAT,RIGHT,RTRIM,SUBSTRING,TRIM,UPPER";
    static final String TIME_DATE_FUNCTIONS = "CURRENT_DATE,CURRENT_TIME,CURRENT_TIMESTAMP,DAYOFMONTH,DAYOFWEEK,"
            + "DAYOFYEAR,EXTRACT,FLOOR,CEIL,HOUR,LOCALTIME,LOCALTIMESTAMP,MINUTE,MONTH,QUARTER,SECOND,TIMESTAMPADD,"
            + "TIMESTAMPDIFF,WEEK,YEAR";

    private final MetadataSource source;
    private final Connection connection;
    private final MetadataQueries queries;

    /** The metadata of {@code source}'s connection. */
    public ShardDatabaseMetaData(MetadataSource source) {
        this.source = source;
        this.connection = source.connection();
        this.queries = new MetadataQueries(source);
    }

    /** The server's version from HelloReply ({@code "ShardSQL 0.1.0"}) without the product name. */
    String productVersion() {
        String v = source.session().serverVersion();
        return v.regionMatches(true, 0, PRODUCT_NAME + " ", 0, PRODUCT_NAME.length() + 1)
                ? v.substring(PRODUCT_NAME.length() + 1) : v;
    }

    int versionPart(int i) {
        String[] parts = productVersion().split("[^0-9]+");
        int found = 0;
        for (String p : parts) {
            if (p.isEmpty()) continue;
            if (found++ == i) {
                try {
                    return Integer.parseInt(p);
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    @Override public boolean allProceduresAreCallable() throws SQLException { return false; }
    @Override public boolean allTablesAreSelectable() throws SQLException { return true; }
    @Override public String getURL() throws SQLException { return source.url(); }
    @Override public String getUserName() throws SQLException { return source.user(); }
    @Override public boolean isReadOnly() throws SQLException { return connection.isReadOnly(); }
    @Override public boolean nullsAreSortedHigh() throws SQLException { return true; }
    @Override public boolean nullsAreSortedLow() throws SQLException { return false; }
    @Override public boolean nullsAreSortedAtStart() throws SQLException { return false; }
    @Override public boolean nullsAreSortedAtEnd() throws SQLException { return false; }
    @Override public String getDatabaseProductName() throws SQLException { return PRODUCT_NAME; }
    @Override public String getDatabaseProductVersion() throws SQLException { return productVersion(); }
    @Override public String getDriverName() throws SQLException { return DriverVersion.NAME; }
    @Override public String getDriverVersion() throws SQLException { return DriverVersion.VERSION; }
    @Override public int getDriverMajorVersion() { return DriverVersion.MAJOR; }
    @Override public int getDriverMinorVersion() { return DriverVersion.MINOR; }
    @Override public boolean usesLocalFiles() throws SQLException { return false; }
    @Override public boolean usesLocalFilePerTable() throws SQLException { return false; }
    @Override public boolean supportsMixedCaseIdentifiers() throws SQLException { return false; }
    @Override public boolean storesUpperCaseIdentifiers() throws SQLException { return false; }
    @Override public boolean storesLowerCaseIdentifiers() throws SQLException { return true; }
    @Override public boolean storesMixedCaseIdentifiers() throws SQLException { return false; }
    @Override public boolean supportsMixedCaseQuotedIdentifiers() throws SQLException { return true; }
    @Override public boolean storesUpperCaseQuotedIdentifiers() throws SQLException { return false; }
    @Override public boolean storesLowerCaseQuotedIdentifiers() throws SQLException { return false; }
    @Override public boolean storesMixedCaseQuotedIdentifiers() throws SQLException { return false; }
    @Override public String getIdentifierQuoteString() throws SQLException { return "\""; }
    @Override public String getSQLKeywords() throws SQLException { return KEYWORDS; }
    @Override public String getNumericFunctions() throws SQLException { return NUMERIC_FUNCTIONS; }
    @Override public String getStringFunctions() throws SQLException { return STRING_FUNCTIONS; }
    @Override public String getSystemFunctions() throws SQLException { return ""; }
    @Override public String getTimeDateFunctions() throws SQLException { return TIME_DATE_FUNCTIONS; }
    @Override public String getSearchStringEscape() throws SQLException { return "\\"; }
    @Override public String getExtraNameCharacters() throws SQLException { return ""; }
    @Override public boolean supportsAlterTableWithAddColumn() throws SQLException { return true; }
    @Override public boolean supportsAlterTableWithDropColumn() throws SQLException { return true; }
    @Override public boolean supportsColumnAliasing() throws SQLException { return true; }
    @Override public boolean nullPlusNonNullIsNull() throws SQLException { return true; }
    @Override public boolean supportsConvert() throws SQLException { return false; }
    @Override public boolean supportsConvert(int a0, int a1) throws SQLException { return false; }
    @Override public boolean supportsTableCorrelationNames() throws SQLException { return true; }
    @Override public boolean supportsDifferentTableCorrelationNames() throws SQLException { return false; }
    @Override public boolean supportsExpressionsInOrderBy() throws SQLException { return true; }
    @Override public boolean supportsOrderByUnrelated() throws SQLException { return true; }
    @Override public boolean supportsGroupBy() throws SQLException { return true; }
    @Override public boolean supportsGroupByUnrelated() throws SQLException { return true; }
    @Override public boolean supportsGroupByBeyondSelect() throws SQLException { return true; }
    @Override public boolean supportsLikeEscapeClause() throws SQLException { return true; }
    @Override public boolean supportsMultipleResultSets() throws SQLException { return false; }
    @Override public boolean supportsMultipleTransactions() throws SQLException { return true; }
    @Override public boolean supportsNonNullableColumns() throws SQLException { return true; }
    @Override public boolean supportsMinimumSQLGrammar() throws SQLException { return true; }
    @Override public boolean supportsCoreSQLGrammar() throws SQLException { return false; }
    @Override public boolean supportsExtendedSQLGrammar() throws SQLException { return false; }
    @Override public boolean supportsANSI92EntryLevelSQL() throws SQLException { return false; }
    @Override public boolean supportsANSI92IntermediateSQL() throws SQLException { return false; }
    @Override public boolean supportsANSI92FullSQL() throws SQLException { return false; }
    @Override public boolean supportsIntegrityEnhancementFacility() throws SQLException { return false; }
    @Override public boolean supportsOuterJoins() throws SQLException { return true; }
    @Override public boolean supportsFullOuterJoins() throws SQLException { return true; }
    @Override public boolean supportsLimitedOuterJoins() throws SQLException { return true; }
    @Override public String getSchemaTerm() throws SQLException { return "schema"; }
    @Override public String getProcedureTerm() throws SQLException { return "procedure"; }
    @Override public String getCatalogTerm() throws SQLException { return "catalog"; }
    @Override public boolean isCatalogAtStart() throws SQLException { return true; }
    @Override public String getCatalogSeparator() throws SQLException { return "."; }

    @Override
    public boolean supportsSchemasInDataManipulation() throws SQLException {
        return true; // public.t, sys.t (not in DDL)
    }

    @Override public boolean supportsSchemasInProcedureCalls() throws SQLException { return false; }
    @Override public boolean supportsSchemasInTableDefinitions() throws SQLException { return false; }
    @Override public boolean supportsSchemasInIndexDefinitions() throws SQLException { return false; }
    @Override public boolean supportsSchemasInPrivilegeDefinitions() throws SQLException { return false; }
    @Override public boolean supportsCatalogsInDataManipulation() throws SQLException { return false; }
    @Override public boolean supportsCatalogsInProcedureCalls() throws SQLException { return false; }
    @Override public boolean supportsCatalogsInTableDefinitions() throws SQLException { return false; }
    @Override public boolean supportsCatalogsInIndexDefinitions() throws SQLException { return false; }
    @Override public boolean supportsCatalogsInPrivilegeDefinitions() throws SQLException { return false; }
    @Override public boolean supportsPositionedDelete() throws SQLException { return false; }
    @Override public boolean supportsPositionedUpdate() throws SQLException { return false; }
    /** {@code SELECT ... FOR UPDATE / FOR SHARE} (docs/sql.md, "Row locks"). */
    @Override public boolean supportsSelectForUpdate() throws SQLException { return true; }
    @Override public boolean supportsStoredProcedures() throws SQLException { return false; }
    @Override public boolean supportsSubqueriesInComparisons() throws SQLException { return true; }
    @Override public boolean supportsSubqueriesInExists() throws SQLException { return true; }
    @Override public boolean supportsSubqueriesInIns() throws SQLException { return true; }
    @Override public boolean supportsSubqueriesInQuantifieds() throws SQLException { return true; }
    @Override public boolean supportsCorrelatedSubqueries() throws SQLException { return true; }
    @Override public boolean supportsUnion() throws SQLException { return true; }
    @Override public boolean supportsUnionAll() throws SQLException { return true; }
    @Override public boolean supportsOpenCursorsAcrossCommit() throws SQLException { return false; }
    @Override public boolean supportsOpenCursorsAcrossRollback() throws SQLException { return false; }
    @Override public boolean supportsOpenStatementsAcrossCommit() throws SQLException { return true; }
    @Override public boolean supportsOpenStatementsAcrossRollback() throws SQLException { return true; }
    @Override public int getMaxBinaryLiteralLength() throws SQLException { return 0; }
    @Override public int getMaxCharLiteralLength() throws SQLException { return 0; }
    @Override public int getMaxColumnNameLength() throws SQLException { return MAX_IDENTIFIER_LENGTH; }
    @Override public int getMaxColumnsInGroupBy() throws SQLException { return 0; }
    @Override public int getMaxColumnsInIndex() throws SQLException { return 0; }
    @Override public int getMaxColumnsInOrderBy() throws SQLException { return 0; }
    @Override public int getMaxColumnsInSelect() throws SQLException { return 0; }
    @Override public int getMaxColumnsInTable() throws SQLException { return 0; }
    @Override public int getMaxConnections() throws SQLException { return 0; }
    @Override public int getMaxCursorNameLength() throws SQLException { return 0; }
    @Override public int getMaxIndexLength() throws SQLException { return 0; }
    @Override public int getMaxSchemaNameLength() throws SQLException { return MAX_IDENTIFIER_LENGTH; }
    @Override public int getMaxProcedureNameLength() throws SQLException { return 0; }
    @Override public int getMaxCatalogNameLength() throws SQLException { return 0; }
    @Override public int getMaxRowSize() throws SQLException { return 0; }
    @Override public boolean doesMaxRowSizeIncludeBlobs() throws SQLException { return false; }
    @Override public int getMaxStatementLength() throws SQLException { return 0; }
    @Override public int getMaxStatements() throws SQLException { return 0; }
    @Override public int getMaxTableNameLength() throws SQLException { return MAX_IDENTIFIER_LENGTH; }
    @Override public int getMaxTablesInSelect() throws SQLException { return 0; }
    @Override public int getMaxUserNameLength() throws SQLException { return MAX_IDENTIFIER_LENGTH; }
    @Override public int getDefaultTransactionIsolation() throws SQLException { return source.session().isolation(); }
    @Override public boolean supportsTransactions() throws SQLException { return true; }

    @Override
    public boolean supportsTransactionIsolationLevel(int a0) throws SQLException {
        return (source.session().supportedIsolations() & a0) != 0;
    }

    @Override
    public boolean supportsDataDefinitionAndDataManipulationTransactions() throws SQLException {
        return true;
    }

    @Override public boolean supportsDataManipulationTransactionsOnly() throws SQLException { return false; }
    @Override public boolean dataDefinitionCausesTransactionCommit() throws SQLException { return false; }
    @Override public boolean dataDefinitionIgnoredInTransactions() throws SQLException { return false; }

    @Override
    public ResultSet getProcedures(String a0, String a1, String a2) throws SQLException {
        return queries.empty(MetadataColumns.PROCEDURES);
    }

    @Override
    public ResultSet getProcedureColumns(String a0, String a1, String a2, String a3) throws SQLException {
        return queries.empty(MetadataColumns.PROCEDURE_COLUMNS);
    }

    @Override
    public ResultSet getTables(String a0, String a1, String a2, String[] a3) throws SQLException {
        return queries.getTables(a0, a1, a2, a3);
    }

    @Override public ResultSet getSchemas() throws SQLException { return queries.getSchemas(null, null); }
    @Override public ResultSet getCatalogs() throws SQLException { return queries.getCatalogs(); }
    @Override public ResultSet getTableTypes() throws SQLException { return queries.getTableTypes(); }

    @Override
    public ResultSet getColumns(String a0, String a1, String a2, String a3) throws SQLException {
        return queries.getColumns(a0, a1, a2, a3);
    }

    @Override
    public ResultSet getColumnPrivileges(String a0, String a1, String a2, String a3) throws SQLException {
        return queries.empty(MetadataColumns.COLUMN_PRIVILEGES);
    }

    @Override
    public ResultSet getTablePrivileges(String a0, String a1, String a2) throws SQLException {
        return queries.empty(MetadataColumns.TABLE_PRIVILEGES);
    }

    @Override
    public ResultSet getBestRowIdentifier(String a0, String a1, String a2, int a3, boolean a4) throws SQLException {
        return queries.empty(MetadataColumns.ROW_IDENTIFIER);
    }

    @Override
    public ResultSet getVersionColumns(String a0, String a1, String a2) throws SQLException {
        return queries.empty(MetadataColumns.ROW_IDENTIFIER);
    }

    @Override
    public ResultSet getPrimaryKeys(String a0, String a1, String a2) throws SQLException {
        return queries.getPrimaryKeys(a0, a1, a2);
    }

    @Override
    public ResultSet getImportedKeys(String a0, String a1, String a2) throws SQLException {
        return queries.getForeignKeys(a0, a1, null, a2, true);
    }

    @Override
    public ResultSet getExportedKeys(String a0, String a1, String a2) throws SQLException {
        return queries.getForeignKeys(a0, a1, a2, null, false);
    }

    @Override
    public ResultSet getCrossReference(String a0, String a1, String a2, String a3, String a4,
            String a5) throws SQLException {
        boolean sameSchemas = a1 == null || a4 == null || a1.equals(a4);
        return sameSchemas ? queries.getForeignKeys(a0 != null ? a0 : a3, a1 != null ? a1 : a4, a2, a5, false)
                : queries.empty(MetadataColumns.KEYS);
    }

    @Override public ResultSet getTypeInfo() throws SQLException { return queries.getTypeInfo(); }

    @Override
    public ResultSet getIndexInfo(String a0, String a1, String a2, boolean a3, boolean a4) throws SQLException {
        return queries.getIndexInfo(a0, a1, a2, a3);
    }

    @Override
    public boolean supportsResultSetType(int a0) throws SQLException {
        return a0 == ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public boolean supportsResultSetConcurrency(int a0, int a1) throws SQLException {
        return a0 == ResultSet.TYPE_FORWARD_ONLY && a1 == ResultSet.CONCUR_READ_ONLY;
    }

    @Override public boolean ownUpdatesAreVisible(int a0) throws SQLException { return false; }
    @Override public boolean ownDeletesAreVisible(int a0) throws SQLException { return false; }
    @Override public boolean ownInsertsAreVisible(int a0) throws SQLException { return false; }
    @Override public boolean othersUpdatesAreVisible(int a0) throws SQLException { return false; }
    @Override public boolean othersDeletesAreVisible(int a0) throws SQLException { return false; }
    @Override public boolean othersInsertsAreVisible(int a0) throws SQLException { return false; }
    @Override public boolean updatesAreDetected(int a0) throws SQLException { return false; }
    @Override public boolean deletesAreDetected(int a0) throws SQLException { return false; }
    @Override public boolean insertsAreDetected(int a0) throws SQLException { return false; }
    @Override public boolean supportsBatchUpdates() throws SQLException { return true; }

    @Override
    public ResultSet getUDTs(String a0, String a1, String a2, int[] a3) throws SQLException {
        return queries.empty(MetadataColumns.UDTS);
    }

    @Override public Connection getConnection() throws SQLException { return connection; }
    @Override public boolean supportsSavepoints() throws SQLException { return false; }
    @Override public boolean supportsNamedParameters() throws SQLException { return false; }
    @Override public boolean supportsMultipleOpenResults() throws SQLException { return false; }
    @Override public boolean supportsGetGeneratedKeys() throws SQLException { return false; }

    @Override
    public ResultSet getSuperTypes(String a0, String a1, String a2) throws SQLException {
        return queries.empty(MetadataColumns.SUPER_TYPES);
    }

    @Override
    public ResultSet getSuperTables(String a0, String a1, String a2) throws SQLException {
        return queries.empty(MetadataColumns.SUPER_TABLES);
    }

    @Override
    public ResultSet getAttributes(String a0, String a1, String a2, String a3) throws SQLException {
        return queries.empty(MetadataColumns.ATTRIBUTES);
    }

    @Override
    public boolean supportsResultSetHoldability(int a0) throws SQLException {
        return a0 == ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override public int getResultSetHoldability() throws SQLException { return ResultSet.CLOSE_CURSORS_AT_COMMIT; }
    @Override public int getDatabaseMajorVersion() throws SQLException { return versionPart(0); }
    @Override public int getDatabaseMinorVersion() throws SQLException { return versionPart(1); }
    @Override public int getJDBCMajorVersion() throws SQLException { return 4; }
    @Override public int getJDBCMinorVersion() throws SQLException { return 2; }
    @Override public int getSQLStateType() throws SQLException { return DatabaseMetaData.sqlStateSQL; }
    @Override public boolean locatorsUpdateCopy() throws SQLException { return false; }
    @Override public boolean supportsStatementPooling() throws SQLException { return false; }
    @Override public RowIdLifetime getRowIdLifetime() throws SQLException { return RowIdLifetime.ROWID_UNSUPPORTED; }

    @Override
    public ResultSet getSchemas(String a0, String a1) throws SQLException {
        return queries.getSchemas(a0, a1);
    }

    @Override public boolean supportsStoredFunctionsUsingCallSyntax() throws SQLException { return false; }
    @Override public boolean autoCommitFailureClosesAllResultSets() throws SQLException { return false; }

    @Override
    public ResultSet getClientInfoProperties() throws SQLException {
        return queries.empty(MetadataColumns.CLIENT_INFO);
    }

    @Override
    public ResultSet getFunctions(String a0, String a1, String a2) throws SQLException {
        return queries.empty(MetadataColumns.FUNCTIONS);
    }

    @Override
    public ResultSet getFunctionColumns(String a0, String a1, String a2, String a3) throws SQLException {
        return queries.empty(MetadataColumns.FUNCTION_COLUMNS);
    }

    @Override
    public ResultSet getPseudoColumns(String a0, String a1, String a2, String a3) throws SQLException {
        return queries.empty(MetadataColumns.PSEUDO_COLUMNS);
    }

    @Override public boolean generatedKeyAlwaysReturned() throws SQLException { return false; }
    @Override public long getMaxLogicalLobSize() throws SQLException { return 0; }
    @Override public boolean supportsRefCursors() throws SQLException { return false; }
    @Override public boolean supportsSharding() throws SQLException { return false; }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) return iface.cast(this);
        throw SqlErrors.general("not a wrapper for " + iface.getName());
    }

    @Override public boolean isWrapperFor(Class<?> iface) { return iface.isInstance(this); }
}
