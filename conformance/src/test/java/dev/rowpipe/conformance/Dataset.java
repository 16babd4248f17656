package dev.rowpipe.conformance;

import java.math.BigDecimal;
import java.util.List;

/**
 * The rows every conformance table holds: ids 1..10, names with the strings that break literal escaping
 * ({@code O'Brien}, {@code back\slash}), two-place decimals whose last digit is a zero, and a NULL.
 */
public final class Dataset {

    public record Item(long id, String name, BigDecimal price, Integer qty, String created) {
    }

    public static final List<Item> ITEMS = List.of(
            new Item(1, "apple", new BigDecimal("12.50"), 3, "2024-01-01 10:00:00"),
            new Item(2, "O'Brien", new BigDecimal("0.10"), 1, "2024-01-02 11:30:00"),
            new Item(3, "back\\slash", new BigDecimal("99.99"), 7, "2024-01-03 12:00:00"),
            new Item(4, "pear", new BigDecimal("5.00"), null, "2024-01-04 13:15:00"),
            new Item(5, "plum", new BigDecimal("7.25"), 2, "2024-01-05 14:00:00"),
            new Item(6, "fig", new BigDecimal("3.30"), 4, "2024-02-01 09:00:00"),
            new Item(7, "kiwi", new BigDecimal("1.05"), 5, "2024-02-02 09:30:00"),
            new Item(8, "lime", new BigDecimal("2.20"), 6, "2024-02-03 10:45:00"),
            new Item(9, "date", new BigDecimal("8.80"), 8, "2024-02-04 16:20:00"),
            new Item(10, "cherry", new BigDecimal("10.00"), 9, "2024-02-05 18:00:00"));

    private Dataset() {
    }

    public static Item item(long id) {
        return ITEMS.get((int) id - 1);
    }

    /** The rows as a VALUES list in the service's own literal syntax (TD rows add time: unix seconds). */
    static String valuesSql(Service service) {
        StringBuilder sb = new StringBuilder();
        for (Item i : ITEMS) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append('(').append(service == Service.TD ? "BIGINT '" + i.id() + "'" : i.id()).append(", ")
                    .append(literal(service, i.name())).append(", ")
                    .append("CAST(").append(i.price().toPlainString()).append(" AS DECIMAL(10, 2)), ")
                    .append(i.qty() == null ? "CAST(NULL AS INT)" : "CAST(" + i.qty() + " AS INT)").append(", ")
                    .append("TIMESTAMP '").append(i.created()).append("'");
            if (service == Service.TD) {
                sb.append(", BIGINT '").append(java.time.LocalDateTime.parse(i.created().replace(' ', 'T'))
                        .toEpochSecond(java.time.ZoneOffset.UTC)).append('\'');
            }
            sb.append(')');
        }
        return sb.toString();
    }

    /** Firebolt v1 reads a backslash as an escape; Presto, Firebolt 2.0 and Core do not. */
    private static String literal(Service service, String value) {
        String v = service == Service.FIREBOLT ? value.replace("\\", "\\\\").replace("'", "\\'") : value.replace("'", "''");
        return "'" + v + "'";
    }
}
