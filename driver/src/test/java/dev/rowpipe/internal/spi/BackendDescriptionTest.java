package dev.rowpipe.internal.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.spi.BackendDescription.IdentifierCase;
import dev.rowpipe.internal.spi.BackendDescription.NullOrder;
import dev.rowpipe.internal.spi.BackendDescription.StatementKind;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackendDescriptionTest {
    private static BackendDescription.Builder minimal() {
        return BackendDescription.builder().identifierCase(IdentifierCase.LOWER, IdentifierCase.MIXED)
                .nullOrder(NullOrder.HIGH);
    }

    @Test
    void unsetValuesDeclareNothing() {
        BackendDescription d = minimal().build();
        assertEquals(List.of(), d.sqlKeywords());
        assertEquals(List.of(), d.numericFunctions());
        assertEquals(List.of(), d.tableTypes());
        assertEquals(List.of(), d.types());
        assertEquals(Set.of(), d.catalogsIn());
        assertEquals(Set.of(), d.schemasIn());
        assertEquals(List.of("catalog", "schema", ".", ""),
                List.of(d.catalogTerm(), d.schemaTerm(), d.catalogSeparator(), d.extraNameCharacters()));
        assertTrue(d.catalogAtStart());
    }

    @Test
    void caseRulesAndNullOrderMustBeSet() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BackendDescription.builder().nullOrder(NullOrder.LOW).build());
        assertTrue(e.getMessage().contains("identifierCase"), e.getMessage());
        e = assertThrows(IllegalStateException.class,
                () -> BackendDescription.builder().identifierCase(IdentifierCase.UPPER, IdentifierCase.MIXED).build());
        assertTrue(e.getMessage().contains("nullOrder"), e.getMessage());
    }

    @Test
    void aWordThatWouldBreakTheCommaListIsRefused() {
        for (String bad : new String[] {"A,B", "TWO WORDS", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> minimal().sqlKeywords("OK", bad).build());
            assertTrue(e.getMessage().contains("sqlKeywords") && e.getMessage().contains("'" + bad + "'"),
                    e.getMessage());
        }
        assertThrows(NullPointerException.class, () -> minimal().stringFunctions("A", null).build());
    }

    @Test
    void isImmutable() {
        Set<StatementKind> kinds = EnumSet.of(StatementKind.DATA_MANIPULATION);
        BackendDescription d = minimal().catalogsIn(kinds).build();
        kinds.add(StatementKind.TABLE_DEFINITION);
        assertEquals(Set.of(StatementKind.DATA_MANIPULATION), d.catalogsIn());
        assertThrows(UnsupportedOperationException.class, () -> d.catalogsIn().add(StatementKind.PROCEDURE_CALL));
        assertThrows(UnsupportedOperationException.class, () -> d.sqlKeywords().add("X"));
    }

    @Test
    void typeRowsStartPlainAndRefuseImpossibleValues() {
        TypeInfo t = TypeInfo.of("INT", Types.INTEGER, 10);
        assertEquals(new TypeInfo("INT", Types.INTEGER, 10, null, null, null, DatabaseMetaData.typeNullable, false,
                DatabaseMetaData.typePredBasic, false, false, false, "INT", 0, 0, null), t);
        assertEquals(4, t.withScale(2, 4).maximumScale());
        assertThrows(IllegalArgumentException.class, () -> t.withScale(3, 2));
        assertThrows(IllegalArgumentException.class, () -> t.withNullable(7));
        assertThrows(IllegalArgumentException.class, () -> t.withSearchable(4));
        assertThrows(IllegalArgumentException.class, () -> TypeInfo.of("INT", Types.INTEGER, -1));
        assertThrows(NullPointerException.class, () -> TypeInfo.of(null, Types.INTEGER, 10));
    }

    @Test
    void everyTypeNameIsARowOfTheTypeTableWithTheKindsJdbcType() {
        List<TypeInfo> types = List.of(TypeInfo.of("INT8", Types.BIGINT, 19), TypeInfo.of("TEXT", Types.VARCHAR, 10));
        BackendDescription d = minimal().types(types)
                .typeNames(java.util.Map.of(ColumnType.Kind.BIGINT, "INT8", ColumnType.Kind.VARCHAR, "TEXT")).build();
        assertEquals("INT8", d.sqlTypeName(ColumnType.of(ColumnType.Kind.BIGINT, "Nullable(Int64)")));
        assertEquals("TEXT", d.sqlTypeName(ColumnType.of(ColumnType.Kind.VARCHAR, "String")));
        // A kind the description does not name keeps the service's spelling.
        assertEquals("IntervalDay", d.sqlTypeName(ColumnType.of(ColumnType.Kind.OTHER, "IntervalDay")));

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> minimal().types(types)
                .typeNames(java.util.Map.of(ColumnType.Kind.DOUBLE, "FLOAT8")).build());
        assertTrue(missing.getMessage().contains("DOUBLE") && missing.getMessage().contains("'FLOAT8'"),
                missing.getMessage());
        // Listed, but with another JDBC type than the kind's: DATA_TYPE of the column and of the row would differ.
        assertThrows(IllegalArgumentException.class, () -> minimal().types(types)
                .typeNames(java.util.Map.of(ColumnType.Kind.INTEGER, "INT8")).build());
    }
}
