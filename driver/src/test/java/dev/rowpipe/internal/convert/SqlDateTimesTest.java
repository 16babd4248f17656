package dev.rowpipe.internal.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SimpleTimeZone;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SqlDateTimes against the valueOf methods it replaces, with every time zone the JVM knows as the default: random
 * values from the year 1000 to 2200 (the Julian calendar, local mean time before 1900, the last rules after 2037),
 * and every transition from 1890 to 2040 at half-hour steps two hours either side (gaps and overlaps), each value
 * read twice (computed, then from the table).
 */
class SqlDateTimesTest {
    private TimeZone saved;

    @BeforeEach
    void save() {
        saved = TimeZone.getDefault();
    }

    @AfterEach
    void restore() {
        TimeZone.setDefault(saved);
        SqlDateTimes.reset();
    }

    @Test
    void sameValuesAsValueOfInEveryZone() {
        Random random = new Random(13);
        int checked = 0;
        int inRange = 0;
        int fromTable = 0;
        for (String id : TimeZone.getAvailableIDs()) {
            TimeZone.setDefault(TimeZone.getTimeZone(id));
            List<LocalDateTime> values = new ArrayList<>();
            for (int k = 0; k < 150; k++) {
                values.add(randomDateTime(random, 1000, 2200));
            }
            for (int k = 0; k < 150; k++) {
                values.add(randomDateTime(random, 1895, 2040));
            }
            values.addAll(aroundTransitions(id));
            for (int pass = 0; pass < 2; pass++) {
                for (LocalDateTime t : values) {
                    check(id, t);
                    checked++;
                }
            }
            for (LocalDateTime t : values.subList(150, 300)) {
                inRange++;
                fromTable += SqlDateTimes.fromTable(t.toLocalDate()) ? 1 : 0;
            }
        }
        assertTrue(checked > 500_000, "values checked: " + checked);
        // Most zones are served from the table: all but the few whose IDs java.time maps to another zone.
        assertTrue(fromTable > inRange * 0.9, fromTable + " of " + inRange + " values from 1895 to 2040 from the table");
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        assertTrue(SqlDateTimes.fromTable(LocalDate.of(2024, 7, 1)));
        assertFalse(SqlDateTimes.fromTable(LocalDate.of(2024, 3, 31)), "the day clocks went forward");
        assertFalse(SqlDateTimes.fromTable(LocalDate.of(1899, 12, 31)));
        assertFalse(SqlDateTimes.fromTable(LocalDate.of(2038, 1, 1)));
    }

    @Test
    void aChangedDefaultZoneIsReadOnTheNextCall() {
        LocalDateTime t = LocalDateTime.of(2024, 7, 1, 12, 30, 15, 123_456_789);
        for (String id : new String[] {"Europe/Berlin", "America/New_York", "Asia/Kolkata", "Europe/Berlin", "UTC"}) {
            TimeZone.setDefault(TimeZone.getTimeZone(id));
            check(id, t);
        }
        TimeZone berlin = TimeZone.getTimeZone("Europe/Berlin");
        berlin.setRawOffset(5 * 3_600_000);
        TimeZone.setDefault(berlin);
        check("Europe/Berlin with another raw offset", t);
    }

    @Test
    void customAndMappedZonesAreValueOfsOwn() {
        SimpleTimeZone custom = new SimpleTimeZone(3_600_000, "Custom/DST", java.util.Calendar.MARCH, 1, 0, 3_600_000,
                java.util.Calendar.OCTOBER, 1, 0, 3_600_000);
        Random random = new Random(5);
        for (TimeZone tz : new TimeZone[] {custom, TimeZone.getTimeZone("EST"), TimeZone.getTimeZone("PST"),
            TimeZone.getTimeZone("GMT+05:30"), TimeZone.getTimeZone(ZoneOffset.ofHoursMinutes(-3, -30))}) {
            TimeZone.setDefault(tz);
            for (int k = 0; k < 2000; k++) {
                check(tz.getID(), randomDateTime(random, 1890, 2100));
            }
        }
    }

    private static void check(String zone, LocalDateTime t) {
        Timestamp expected = Timestamp.valueOf(t);
        Timestamp actual = SqlDateTimes.timestamp(t);
        assertEquals(expected.getTime(), actual.getTime(), () -> zone + " " + t);
        assertEquals(expected.getNanos(), actual.getNanos(), () -> zone + " " + t);
        assertEquals(expected, actual, () -> zone + " " + t);
        assertEquals(expected.toString(), actual.toString(), () -> zone + " " + t);
        LocalDate d = t.toLocalDate();
        Date expectedDate = Date.valueOf(d);
        Date actualDate = SqlDateTimes.date(d);
        assertEquals(expectedDate.getTime(), actualDate.getTime(), () -> zone + " " + d);
        assertEquals(expectedDate.toString(), actualDate.toString(), () -> zone + " " + d);
        LocalTime lt = t.toLocalTime();
        Time expectedTime = Time.valueOf(lt);
        assertEquals(expectedTime.getTime(), SqlDateTimes.time(lt).getTime(), () -> zone + " " + lt);
    }

    private static LocalDateTime randomDateTime(Random r, int fromYear, int toYear) {
        long from = LocalDate.of(fromYear, 1, 1).toEpochDay();
        long to = LocalDate.of(toYear, 1, 1).toEpochDay();
        LocalDate d = LocalDate.ofEpochDay(from + (long) (r.nextDouble() * (to - from)));
        int nanos = r.nextInt(4) == 0 ? 0 : r.nextInt(1_000_000_000);
        return d.atStartOfDay().plusSeconds(r.nextInt(86_400)).plusNanos(nanos);
    }

    /** Local times from two hours before to two hours after each transition, in half hours, plus a few seconds. */
    private static List<LocalDateTime> aroundTransitions(String id) {
        List<LocalDateTime> out = new ArrayList<>();
        ZoneRules rules;
        try {
            rules = ZoneId.of(id, ZoneId.SHORT_IDS).getRules();
        } catch (RuntimeException e) {
            return out;
        }
        ZoneOffsetTransition tr = rules.nextTransition(LocalDate.of(1890, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC));
        while (tr != null && tr.getDateTimeBefore().getYear() < 2040) {
            LocalDateTime at = tr.getDateTimeBefore();
            for (int minutes = -120; minutes <= 120; minutes += 30) {
                out.add(at.plusMinutes(minutes));
                out.add(at.plusMinutes(minutes).plusSeconds(1).plusNanos(1));
            }
            out.add(tr.getDateTimeAfter().minusSeconds(1));
            tr = rules.nextTransition(tr.getInstant());
        }
        return out;
    }
}
