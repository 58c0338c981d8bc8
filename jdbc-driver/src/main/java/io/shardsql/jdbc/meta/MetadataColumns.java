package io.shardsql.jdbc.meta;

import io.shardsql.protocol.message.ColumnMetadata;

import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The column sets that {@code DatabaseMetaData}'s result sets must have (names and types as the JDBC
 * Javadoc specifies them). Written as {@code "NAME:t"} where t is {@code i} int, {@code s} short,
 * {@code l} long, {@code b} boolean, or nothing for a string.
 */
final class MetadataColumns {
    static final List<ColumnMetadata> TABLES = of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS",
            "TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "SELF_REFERENCING_COL_NAME", "REF_GENERATION");
    static final List<ColumnMetadata> COLUMNS = of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME",
            "DATA_TYPE:i", "TYPE_NAME", "COLUMN_SIZE:i", "BUFFER_LENGTH:i", "DECIMAL_DIGITS:i", "NUM_PREC_RADIX:i",
            "NULLABLE:i", "REMARKS", "COLUMN_DEF", "SQL_DATA_TYPE:i", "SQL_DATETIME_SUB:i", "CHAR_OCTET_LENGTH:i",
            "ORDINAL_POSITION:i", "IS_NULLABLE", "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_TABLE", "SOURCE_DATA_TYPE:s",
            "IS_AUTOINCREMENT", "IS_GENERATEDCOLUMN");
    static final List<ColumnMetadata> PRIMARY_KEYS = of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME",
            "KEY_SEQ:s", "PK_NAME");
    static final List<ColumnMetadata> INDEX_INFO = of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "NON_UNIQUE:b",
            "INDEX_QUALIFIER", "INDEX_NAME", "TYPE:s", "ORDINAL_POSITION:s", "COLUMN_NAME", "ASC_OR_DESC",
            "CARDINALITY:l", "PAGES:l", "FILTER_CONDITION");
    static final List<ColumnMetadata> TYPE_INFO = of("TYPE_NAME", "DATA_TYPE:i", "PRECISION:i", "LITERAL_PREFIX",
            "LITERAL_SUFFIX", "CREATE_PARAMS", "NULLABLE:s", "CASE_SENSITIVE:b", "SEARCHABLE:s", "UNSIGNED_ATTRIBUTE:b",
            "FIXED_PREC_SCALE:b", "AUTO_INCREMENT:b", "LOCAL_TYPE_NAME", "MINIMUM_SCALE:s", "MAXIMUM_SCALE:s",
            "SQL_DATA_TYPE:i", "SQL_DATETIME_SUB:i", "NUM_PREC_RADIX:i");
    static final List<ColumnMetadata> SCHEMAS = of("TABLE_SCHEM", "TABLE_CATALOG");
    static final List<ColumnMetadata> CATALOGS = of("TABLE_CAT");
    static final List<ColumnMetadata> TABLE_TYPES = of("TABLE_TYPE");

    static final List<ColumnMetadata> PROCEDURES = of("PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME", "RESERVED1",
            "RESERVED2", "RESERVED3", "REMARKS", "PROCEDURE_TYPE:s", "SPECIFIC_NAME");
    static final List<ColumnMetadata> PROCEDURE_COLUMNS = of("PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME",
            "COLUMN_NAME", "COLUMN_TYPE:s", "DATA_TYPE:i", "TYPE_NAME", "PRECISION:i", "LENGTH:i", "SCALE:s", "RADIX:s",
            "NULLABLE:s", "REMARKS", "COLUMN_DEF", "SQL_DATA_TYPE:i", "SQL_DATETIME_SUB:i", "CHAR_OCTET_LENGTH:i",
            "ORDINAL_POSITION:i", "IS_NULLABLE", "SPECIFIC_NAME");
    static final List<ColumnMetadata> COLUMN_PRIVILEGES = of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME",
            "GRANTOR", "GRANTEE", "PRIVILEGE", "IS_GRANTABLE");
    static final List<ColumnMetadata> TABLE_PRIVILEGES = of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "GRANTOR",
            "GRANTEE", "PRIVILEGE", "IS_GRANTABLE");
    static final List<ColumnMetadata> ROW_IDENTIFIER = of("SCOPE:s", "COLUMN_NAME", "DATA_TYPE:i", "TYPE_NAME",
            "COLUMN_SIZE:i", "BUFFER_LENGTH:i", "DECIMAL_DIGITS:s", "PSEUDO_COLUMN:s");
    static final List<ColumnMetadata> KEYS = of("PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME",
            "FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ:s", "UPDATE_RULE:s",
            "DELETE_RULE:s", "FK_NAME", "PK_NAME", "DEFERRABILITY:s");
    static final List<ColumnMetadata> UDTS = of("TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "CLASS_NAME", "DATA_TYPE:i",
            "REMARKS", "BASE_TYPE:s");
    static final List<ColumnMetadata> SUPER_TYPES = of("TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "SUPERTYPE_CAT",
            "SUPERTYPE_SCHEM", "SUPERTYPE_NAME");
    static final List<ColumnMetadata> SUPER_TABLES = of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "SUPERTABLE_NAME");
    static final List<ColumnMetadata> ATTRIBUTES = of("TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "ATTR_NAME", "DATA_TYPE:i",
            "ATTR_TYPE_NAME", "ATTR_SIZE:i", "DECIMAL_DIGITS:i", "NUM_PREC_RADIX:i", "NULLABLE:i", "REMARKS",
            "ATTR_DEF", "SQL_DATA_TYPE:i", "SQL_DATETIME_SUB:i", "CHAR_OCTET_LENGTH:i", "ORDINAL_POSITION:i",
            "IS_NULLABLE", "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_TABLE", "SOURCE_DATA_TYPE:s");
    static final List<ColumnMetadata> CLIENT_INFO = of("NAME", "MAX_LEN:i", "DEFAULT_VALUE", "DESCRIPTION");
    static final List<ColumnMetadata> FUNCTIONS = of("FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "REMARKS",
            "FUNCTION_TYPE:s", "SPECIFIC_NAME");
    static final List<ColumnMetadata> FUNCTION_COLUMNS = of("FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME",
            "COLUMN_NAME", "COLUMN_TYPE:s", "DATA_TYPE:i", "TYPE_NAME", "PRECISION:i", "LENGTH:i", "SCALE:s", "RADIX:s",
            "NULLABLE:s", "REMARKS", "CHAR_OCTET_LENGTH:i", "ORDINAL_POSITION:i", "IS_NULLABLE", "SPECIFIC_NAME");
    static final List<ColumnMetadata> PSEUDO_COLUMNS = of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME",
            "DATA_TYPE:i", "COLUMN_SIZE:i", "DECIMAL_DIGITS:i", "NUM_PREC_RADIX:i", "COLUMN_USAGE", "REMARKS",
            "CHAR_OCTET_LENGTH:i", "IS_NULLABLE");

    private MetadataColumns() {}

    static List<ColumnMetadata> of(String... specs) {
        List<ColumnMetadata> columns = new ArrayList<>();
        for (String spec : specs) {
            int colon = spec.indexOf(':');
            String name = colon < 0 ? spec : spec.substring(0, colon);
            String t = colon < 0 ? "" : spec.substring(colon + 1);
            columns.add(switch (t) {
                case "i" -> new ColumnMetadata(name, Types.INTEGER, "INTEGER", 10, 0, ResultSetMetaData.columnNullable);
                case "s" -> new ColumnMetadata(name, Types.SMALLINT, "SMALLINT", 5, 0,
                        ResultSetMetaData.columnNullable);
                case "l" -> new ColumnMetadata(name, Types.BIGINT, "BIGINT", 19, 0, ResultSetMetaData.columnNullable);
                case "b" -> new ColumnMetadata(name, Types.BOOLEAN, "BOOLEAN", 1, 0, ResultSetMetaData.columnNullable);
                default -> new ColumnMetadata(name, Types.VARCHAR, "VARCHAR", TypeMapping.MAX_LENGTH, 0,
                        ResultSetMetaData.columnNullable);
            });
        }
        return List.copyOf(columns);
    }
}
