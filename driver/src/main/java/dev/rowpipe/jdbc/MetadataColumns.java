package dev.rowpipe.jdbc;

import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.ColumnType;
import java.util.ArrayList;
import java.util.List;

/**
 * The column layouts of every {@link java.sql.DatabaseMetaData} result, exactly as the JDBC 4.3 javadoc lists
 * them (names, order, types). Tools read these columns by name and by position, so a layout is never shortened
 * even when the driver has nothing to put in some column. Row values must match the kinds used here: String for
 * VARCHAR, Integer for SMALLINT and INTEGER, Long for BIGINT, Boolean for BOOLEAN.
 */
final class MetadataColumns {
    private MetadataColumns() {
    }

    private static final ColumnType TEXT = ColumnType.of(ColumnType.Kind.VARCHAR, "VARCHAR");
    private static final ColumnType SHORT = ColumnType.of(ColumnType.Kind.SMALLINT, "SMALLINT");
    private static final ColumnType INT = ColumnType.of(ColumnType.Kind.INTEGER, "INTEGER");
    private static final ColumnType LONG = ColumnType.of(ColumnType.Kind.BIGINT, "BIGINT");
    private static final ColumnType BOOL = ColumnType.of(ColumnType.Kind.BOOLEAN, "BOOLEAN");

    /**
     * Builds a layout from "NAME:type" specs where type is s (String), h (short), i (int), l (long), b (boolean).
     */
    private static List<ColumnInfo> layout(String... specs) {
        List<ColumnInfo> out = new ArrayList<>(specs.length);
        for (String spec : specs) {
            int colon = spec.indexOf(':');
            String name = spec.substring(0, colon);
            ColumnType type = switch (spec.charAt(colon + 1)) {
                case 's' -> TEXT;
                case 'h' -> SHORT;
                case 'i' -> INT;
                case 'l' -> LONG;
                case 'b' -> BOOL;
                default -> throw new IllegalArgumentException("Unknown layout type in " + spec);
            };
            out.add(new ColumnInfo(name, type));
        }
        return List.copyOf(out);
    }

    static final List<ColumnInfo> PROCEDURES = layout("PROCEDURE_CAT:s", "PROCEDURE_SCHEM:s", "PROCEDURE_NAME:s",
            "RESERVED1:s", "RESERVED2:s", "RESERVED3:s", "REMARKS:s", "PROCEDURE_TYPE:h", "SPECIFIC_NAME:s");

    static final List<ColumnInfo> PROCEDURE_COLUMNS = layout("PROCEDURE_CAT:s", "PROCEDURE_SCHEM:s",
            "PROCEDURE_NAME:s", "COLUMN_NAME:s", "COLUMN_TYPE:h", "DATA_TYPE:i", "TYPE_NAME:s", "PRECISION:i",
            "LENGTH:i", "SCALE:h", "RADIX:h", "NULLABLE:h", "REMARKS:s", "COLUMN_DEF:s", "SQL_DATA_TYPE:i",
            "SQL_DATETIME_SUB:i", "CHAR_OCTET_LENGTH:i", "ORDINAL_POSITION:i", "IS_NULLABLE:s", "SPECIFIC_NAME:s");

    static final List<ColumnInfo> TABLES = layout("TABLE_CAT:s", "TABLE_SCHEM:s", "TABLE_NAME:s", "TABLE_TYPE:s",
            "REMARKS:s", "TYPE_CAT:s", "TYPE_SCHEM:s", "TYPE_NAME:s", "SELF_REFERENCING_COL_NAME:s",
            "REF_GENERATION:s");

    static final List<ColumnInfo> SCHEMAS = layout("TABLE_SCHEM:s", "TABLE_CATALOG:s");

    static final List<ColumnInfo> CATALOGS = layout("TABLE_CAT:s");

    static final List<ColumnInfo> TABLE_TYPES = layout("TABLE_TYPE:s");

    static final List<ColumnInfo> COLUMNS = layout("TABLE_CAT:s", "TABLE_SCHEM:s", "TABLE_NAME:s",
            "COLUMN_NAME:s", "DATA_TYPE:i", "TYPE_NAME:s", "COLUMN_SIZE:i", "BUFFER_LENGTH:i", "DECIMAL_DIGITS:i",
            "NUM_PREC_RADIX:i", "NULLABLE:i", "REMARKS:s", "COLUMN_DEF:s", "SQL_DATA_TYPE:i", "SQL_DATETIME_SUB:i",
            "CHAR_OCTET_LENGTH:i", "ORDINAL_POSITION:i", "IS_NULLABLE:s", "SCOPE_CATALOG:s", "SCOPE_SCHEMA:s",
            "SCOPE_TABLE:s", "SOURCE_DATA_TYPE:h", "IS_AUTOINCREMENT:s", "IS_GENERATEDCOLUMN:s",
            // The driver's own column after the standard ones: the type as the service spells it (Nullable(Int64),
            // array<string>), which TYPE_NAME does not carry.
            "SOURCE_TYPE_NAME:s");

    static final List<ColumnInfo> COLUMN_PRIVILEGES = layout("TABLE_CAT:s", "TABLE_SCHEM:s", "TABLE_NAME:s",
            "COLUMN_NAME:s", "GRANTOR:s", "GRANTEE:s", "PRIVILEGE:s", "IS_GRANTABLE:s");

    static final List<ColumnInfo> TABLE_PRIVILEGES = layout("TABLE_CAT:s", "TABLE_SCHEM:s", "TABLE_NAME:s",
            "GRANTOR:s", "GRANTEE:s", "PRIVILEGE:s", "IS_GRANTABLE:s");

    static final List<ColumnInfo> BEST_ROW_IDENTIFIER = layout("SCOPE:h", "COLUMN_NAME:s", "DATA_TYPE:i",
            "TYPE_NAME:s", "COLUMN_SIZE:i", "BUFFER_LENGTH:i", "DECIMAL_DIGITS:h", "PSEUDO_COLUMN:h");

    static final List<ColumnInfo> VERSION_COLUMNS = layout("SCOPE:h", "COLUMN_NAME:s", "DATA_TYPE:i",
            "TYPE_NAME:s", "COLUMN_SIZE:i", "BUFFER_LENGTH:i", "DECIMAL_DIGITS:h", "PSEUDO_COLUMN:h");

    static final List<ColumnInfo> PRIMARY_KEYS = layout("TABLE_CAT:s", "TABLE_SCHEM:s", "TABLE_NAME:s",
            "COLUMN_NAME:s", "KEY_SEQ:h", "PK_NAME:s");

    /** Shared by getImportedKeys, getExportedKeys and getCrossReference. */
    static final List<ColumnInfo> KEYS = layout("PKTABLE_CAT:s", "PKTABLE_SCHEM:s", "PKTABLE_NAME:s",
            "PKCOLUMN_NAME:s", "FKTABLE_CAT:s", "FKTABLE_SCHEM:s", "FKTABLE_NAME:s", "FKCOLUMN_NAME:s",
            "KEY_SEQ:h", "UPDATE_RULE:h", "DELETE_RULE:h", "FK_NAME:s", "PK_NAME:s", "DEFERRABILITY:h");

    static final List<ColumnInfo> TYPE_INFO = layout("TYPE_NAME:s", "DATA_TYPE:i", "PRECISION:i",
            "LITERAL_PREFIX:s", "LITERAL_SUFFIX:s", "CREATE_PARAMS:s", "NULLABLE:h", "CASE_SENSITIVE:b",
            "SEARCHABLE:h", "UNSIGNED_ATTRIBUTE:b", "FIXED_PREC_SCALE:b", "AUTO_INCREMENT:b", "LOCAL_TYPE_NAME:s",
            "MINIMUM_SCALE:h", "MAXIMUM_SCALE:h", "SQL_DATA_TYPE:i", "SQL_DATETIME_SUB:i", "NUM_PREC_RADIX:i");

    static final List<ColumnInfo> INDEX_INFO = layout("TABLE_CAT:s", "TABLE_SCHEM:s", "TABLE_NAME:s",
            "NON_UNIQUE:b", "INDEX_QUALIFIER:s", "INDEX_NAME:s", "TYPE:h", "ORDINAL_POSITION:h", "COLUMN_NAME:s",
            "ASC_OR_DESC:s", "CARDINALITY:l", "PAGES:l", "FILTER_CONDITION:s");

    static final List<ColumnInfo> UDTS = layout("TYPE_CAT:s", "TYPE_SCHEM:s", "TYPE_NAME:s", "CLASS_NAME:s",
            "DATA_TYPE:i", "REMARKS:s", "BASE_TYPE:h");

    static final List<ColumnInfo> SUPER_TYPES = layout("TYPE_CAT:s", "TYPE_SCHEM:s", "TYPE_NAME:s",
            "SUPERTYPE_CAT:s", "SUPERTYPE_SCHEM:s", "SUPERTYPE_NAME:s");

    static final List<ColumnInfo> SUPER_TABLES = layout("TABLE_CAT:s", "TABLE_SCHEM:s", "TABLE_NAME:s",
            "SUPERTABLE_NAME:s");

    static final List<ColumnInfo> ATTRIBUTES = layout("TYPE_CAT:s", "TYPE_SCHEM:s", "TYPE_NAME:s", "ATTR_NAME:s",
            "DATA_TYPE:i", "ATTR_TYPE_NAME:s", "ATTR_SIZE:i", "DECIMAL_DIGITS:i", "NUM_PREC_RADIX:i", "NULLABLE:i",
            "REMARKS:s", "ATTR_DEF:s", "SQL_DATA_TYPE:i", "SQL_DATETIME_SUB:i", "CHAR_OCTET_LENGTH:i",
            "ORDINAL_POSITION:i", "IS_NULLABLE:s", "SCOPE_CATALOG:s", "SCOPE_SCHEMA:s", "SCOPE_TABLE:s",
            "SOURCE_DATA_TYPE:h");

    static final List<ColumnInfo> CLIENT_INFO_PROPERTIES = layout("NAME:s", "MAX_LEN:i", "DEFAULT_VALUE:s",
            "DESCRIPTION:s");

    static final List<ColumnInfo> FUNCTIONS = layout("FUNCTION_CAT:s", "FUNCTION_SCHEM:s", "FUNCTION_NAME:s",
            "REMARKS:s", "FUNCTION_TYPE:h", "SPECIFIC_NAME:s");

    static final List<ColumnInfo> FUNCTION_COLUMNS = layout("FUNCTION_CAT:s", "FUNCTION_SCHEM:s",
            "FUNCTION_NAME:s", "COLUMN_NAME:s", "COLUMN_TYPE:h", "DATA_TYPE:i", "TYPE_NAME:s", "PRECISION:i",
            "LENGTH:i", "SCALE:h", "RADIX:h", "NULLABLE:h", "REMARKS:s", "CHAR_OCTET_LENGTH:i", "ORDINAL_POSITION:i",
            "IS_NULLABLE:s", "SPECIFIC_NAME:s");

    static final List<ColumnInfo> PSEUDO_COLUMNS = layout("TABLE_CAT:s", "TABLE_SCHEM:s", "TABLE_NAME:s",
            "COLUMN_NAME:s", "DATA_TYPE:i", "COLUMN_SIZE:i", "DECIMAL_DIGITS:i", "NUM_PREC_RADIX:i",
            "COLUMN_USAGE:s", "REMARKS:s", "CHAR_OCTET_LENGTH:i", "IS_NULLABLE:s");
}
