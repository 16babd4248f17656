package dev.rowpipe.internal.spi;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a service says about itself through {@code DatabaseMetaData}: the words and functions of its SQL, the
 * table types it lists, whether catalogs and schemas may qualify names, how it cases identifiers, where NULLs
 * sort, its type table and which of its types names each kind of column. The JDBC layer renders these values and
 * assumes none of its own, so a backend gets
 * exactly what it declares. Identifier quoting belongs to {@link SqlDialect}; the metadata search-string escape
 * is the driver's own ({@link LikePattern#ESCAPE}), since the JDBC layer filters every catalog row itself.
 *
 * <p>Build one with {@link #builder()}. Values a backend leaves unset default only where one answer holds for any
 * service: nothing declared (no keywords, functions, table types or types; names never qualified), JDBC's terms
 * {@code catalog} and {@code schema}, no extra name characters, and the SQL standard's qualified-name syntax
 * ({@code .}, catalog first). Identifier case rules and NULL ordering have no such answer and must be set.
 *
 * @param sqlKeywords         words the service reserves beyond SQL:2003 (getSQLKeywords)
 * @param numericFunctions    Open Group CLI names of the numeric functions (getNumericFunctions)
 * @param stringFunctions     string functions (getStringFunctions)
 * @param systemFunctions     system functions (getSystemFunctions)
 * @param timeDateFunctions   time and date functions (getTimeDateFunctions)
 * @param tableTypes          every TABLE_TYPE its catalog rows may carry (getTableTypes)
 * @param catalogTerm         what the service calls a catalog (getCatalogTerm)
 * @param schemaTerm          what the service calls a schema (getSchemaTerm)
 * @param catalogSeparator    between a catalog and the rest of a qualified name (getCatalogSeparator)
 * @param catalogAtStart      true when the catalog starts a qualified name (isCatalogAtStart)
 * @param catalogsIn          statements in which a catalog may qualify a name (supportsCatalogsIn*)
 * @param schemasIn           statements in which a schema may qualify a name (supportsSchemasIn*); empty for a
 *                            service without schemas
 * @param extraNameCharacters characters beyond a-z, 0-9 and _ allowed in unquoted names (getExtraNameCharacters)
 * @param unquotedCase        what the service does with the case of an unquoted identifier
 * @param quotedCase          what the service does with the case of a quoted identifier
 * @param nullOrder           where NULLs sort (nullsAreSorted*)
 * @param types               the type table (getTypeInfo), in the service's order of preference per JDBC type
 * @param typeNames           the SQL type name (a TYPE_NAME of {@code types} with the kind's JDBC type) a column of
 *                            each kind reports in getColumns and ResultSetMetaData; a kind left out (a type the
 *                            driver does not know, {@link ColumnType.Kind#OTHER}) reports the service's spelling
 */
public record BackendDescription(List<String> sqlKeywords, List<String> numericFunctions,
                                 List<String> stringFunctions, List<String> systemFunctions,
                                 List<String> timeDateFunctions, List<String> tableTypes, String catalogTerm,
                                 String schemaTerm, String catalogSeparator, boolean catalogAtStart,
                                 Set<StatementKind> catalogsIn, Set<StatementKind> schemasIn,
                                 String extraNameCharacters, IdentifierCase unquotedCase,
                                 IdentifierCase quotedCase, NullOrder nullOrder, List<TypeInfo> types,
                                 Map<ColumnType.Kind, String> typeNames) {

    /** The kinds of statement JDBC asks about in {@code supportsCatalogsIn*} and {@code supportsSchemasIn*}. */
    public enum StatementKind {
        DATA_MANIPULATION,
        PROCEDURE_CALL,
        TABLE_DEFINITION,
        INDEX_DEFINITION,
        PRIVILEGE_DEFINITION;

        /** Every kind: names may be qualified wherever a name appears. */
        public static Set<StatementKind> all() {
            return EnumSet.allOf(StatementKind.class);
        }
    }

    /** What a service does with the case of an identifier it is given. */
    public enum IdentifierCase {
        /** Folded to upper case. */
        UPPER,
        /** Folded to lower case. */
        LOWER,
        /** Kept as written, and names that differ in case are different names. */
        MIXED
    }

    /** Where NULLs come in a sorted result. */
    public enum NullOrder {
        /** NULL sorts above every value: last ascending, first descending. */
        HIGH,
        /** NULL sorts below every value: first ascending, last descending. */
        LOW,
        /** First whatever the direction. */
        AT_START,
        /** Last whatever the direction. */
        AT_END
    }

    public BackendDescription {
        sqlKeywords = words(sqlKeywords, "sqlKeywords");
        numericFunctions = words(numericFunctions, "numericFunctions");
        stringFunctions = words(stringFunctions, "stringFunctions");
        systemFunctions = words(systemFunctions, "systemFunctions");
        timeDateFunctions = words(timeDateFunctions, "timeDateFunctions");
        tableTypes = List.copyOf(Objects.requireNonNull(tableTypes, "tableTypes is null"));
        Objects.requireNonNull(catalogTerm, "catalogTerm is null");
        Objects.requireNonNull(schemaTerm, "schemaTerm is null");
        Objects.requireNonNull(catalogSeparator, "catalogSeparator is null");
        catalogsIn = Set.copyOf(Objects.requireNonNull(catalogsIn, "catalogsIn is null"));
        schemasIn = Set.copyOf(Objects.requireNonNull(schemasIn, "schemasIn is null"));
        Objects.requireNonNull(extraNameCharacters, "extraNameCharacters is null");
        Objects.requireNonNull(unquotedCase, "unquotedCase is null");
        Objects.requireNonNull(quotedCase, "quotedCase is null");
        Objects.requireNonNull(nullOrder, "nullOrder is null");
        types = List.copyOf(Objects.requireNonNull(types, "types is null"));
        typeNames = names(Objects.requireNonNull(typeNames, "typeNames is null"), types);
    }

    /**
     * Each kind's name must be a row of the type table with the kind's JDBC type, so that every TYPE_NAME a column
     * reports is listed by getTypeInfo with the DATA_TYPE the column reports (tools match the two by name).
     */
    private static Map<ColumnType.Kind, String> names(Map<ColumnType.Kind, String> names, List<TypeInfo> types) {
        Map<ColumnType.Kind, String> copy = new EnumMap<>(ColumnType.Kind.class);
        for (Map.Entry<ColumnType.Kind, String> e : names.entrySet()) {
            ColumnType.Kind kind = Objects.requireNonNull(e.getKey(), "typeNames holds a null kind");
            String name = Objects.requireNonNull(e.getValue(), "typeNames holds no name for " + kind);
            boolean listed = types.stream().anyMatch(t -> t.name().equals(name) && t.dataType() == kind.sqlType());
            if (!listed) {
                throw new IllegalArgumentException("typeNames names " + kind + " '" + name
                        + "'; expected the TYPE_NAME of a type row with DATA_TYPE " + kind.sqlType());
            }
            copy.put(kind, name);
        }
        return java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * The SQL type name a column of {@code type} reports (getColumns TYPE_NAME, getColumnTypeName): the name the
     * description gives its kind, without parameters or nullability, or the service's own spelling for a kind it
     * does not name.
     */
    public String sqlTypeName(ColumnType type) {
        String name = typeNames.get(type.kind());
        return name != null ? name : type.typeName();
    }

    /** JDBC hands these out as one comma-separated string, so a word may hold neither a comma nor a space. */
    private static List<String> words(List<String> words, String what) {
        List<String> copy = List.copyOf(Objects.requireNonNull(words, what + " is null"));
        for (String w : copy) {
            if (w.isEmpty() || w.indexOf(',') >= 0 || w.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(
                        what + " holds '" + w + "'; expected a word without commas or spaces");
            }
        }
        return copy;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects a description; {@link #build()} fails naming the first value that must be set and is not. */
    public static final class Builder {
        private List<String> sqlKeywords = List.of();
        private List<String> numericFunctions = List.of();
        private List<String> stringFunctions = List.of();
        private List<String> systemFunctions = List.of();
        private List<String> timeDateFunctions = List.of();
        private List<String> tableTypes = List.of();
        private String catalogTerm = "catalog";
        private String schemaTerm = "schema";
        private String catalogSeparator = ".";
        private boolean catalogAtStart = true;
        private Set<StatementKind> catalogsIn = Set.of();
        private Set<StatementKind> schemasIn = Set.of();
        private String extraNameCharacters = "";
        private IdentifierCase unquotedCase;
        private IdentifierCase quotedCase;
        private NullOrder nullOrder;
        private List<TypeInfo> types = List.of();
        private Map<ColumnType.Kind, String> typeNames = Map.of();

        private Builder() {
        }

        public Builder sqlKeywords(String... value) {
            sqlKeywords = List.of(value);
            return this;
        }

        public Builder numericFunctions(String... value) {
            numericFunctions = List.of(value);
            return this;
        }

        public Builder stringFunctions(String... value) {
            stringFunctions = List.of(value);
            return this;
        }

        public Builder systemFunctions(String... value) {
            systemFunctions = List.of(value);
            return this;
        }

        public Builder timeDateFunctions(String... value) {
            timeDateFunctions = List.of(value);
            return this;
        }

        public Builder tableTypes(String... value) {
            tableTypes = List.of(value);
            return this;
        }

        public Builder catalogTerm(String value) {
            catalogTerm = value;
            return this;
        }

        public Builder schemaTerm(String value) {
            schemaTerm = value;
            return this;
        }

        /** How a catalog joins the rest of a qualified name: {@code catalog<separator>...} or the reverse. */
        public Builder catalogSeparator(String separator, boolean atStart) {
            catalogSeparator = separator;
            catalogAtStart = atStart;
            return this;
        }

        public Builder catalogsIn(Set<StatementKind> value) {
            catalogsIn = value;
            return this;
        }

        public Builder schemasIn(Set<StatementKind> value) {
            schemasIn = value;
            return this;
        }

        public Builder extraNameCharacters(String value) {
            extraNameCharacters = value;
            return this;
        }

        public Builder identifierCase(IdentifierCase unquoted, IdentifierCase quoted) {
            unquotedCase = unquoted;
            quotedCase = quoted;
            return this;
        }

        public Builder nullOrder(NullOrder value) {
            nullOrder = value;
            return this;
        }

        public Builder types(List<TypeInfo> value) {
            types = value;
            return this;
        }

        /** The SQL type name of each kind of column (see {@link BackendDescription#typeNames()}). */
        public Builder typeNames(Map<ColumnType.Kind, String> value) {
            typeNames = value;
            return this;
        }

        public BackendDescription build() {
            if (unquotedCase == null || quotedCase == null) {
                throw new IllegalStateException("identifierCase is not set: a backend must say how it cases names");
            }
            if (nullOrder == null) {
                throw new IllegalStateException("nullOrder is not set: a backend must say where NULLs sort");
            }
            return new BackendDescription(sqlKeywords, numericFunctions, stringFunctions, systemFunctions,
                    timeDateFunctions, tableTypes, catalogTerm, schemaTerm, catalogSeparator, catalogAtStart,
                    catalogsIn, schemasIn, extraNameCharacters, unquotedCase, quotedCase, nullOrder, types,
                    typeNames);
        }
    }
}
