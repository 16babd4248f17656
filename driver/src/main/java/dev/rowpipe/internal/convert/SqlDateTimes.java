package dev.rowpipe.internal.convert;

import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.TimeZone;

/**
 * {@code java.sql.Date}, {@code Time} and {@code Timestamp} from {@code java.time} values, equal to what
 * {@code Date.valueOf}, {@code Time.valueOf} and {@code Timestamp.valueOf} return, without their calendar code on
 * the hot path. {@code valueOf} reads the fields in the JVM's default time zone through {@code java.util}'s
 * calendar system (a calendar date object per call, the zone's offset looked up by wall time); here the value is
 * epoch arithmetic, the local date's milliseconds minus the zone's offset on that day, with the offset kept per
 * day of the default zone once computed.
 * <p>The offset of a day is taken from {@code Timestamp.valueOf} itself (at noon, checked at the first and the last
 * second of the day), so it is the one {@code java.util} uses, and a day is served from the table only when
 * {@link ZoneRules} show no offset change within a day of it on either side. Everything else takes
 * {@code valueOf} unchanged, so every value is the one {@code valueOf} gives: days with a transition (gaps and
 * overlaps resolved as {@code java.util} resolves them), dates outside 1900 to 2037 ({@code java.util.TimeZone}
 * reads the tz database differently there: local mean time before 1900, a last rule after 2037; and the Julian
 * calendar before 1582), and default zones whose rules {@code java.time} may not read the same way (a custom
 * {@code TimeZone}, an ID that {@code ZoneId} maps to another, such as {@code EST}). The default zone is read on
 * every call, as {@code valueOf} reads it; setting another one starts another table.
 */
public final class SqlDateTimes {
    private static final long MILLIS_PER_DAY = 86_400_000L;
    /** 1900-01-01 and 2037-12-31 as epoch days: the range served from the table. */
    static final long FIRST_DAY = LocalDate.of(1900, 1, 1).toEpochDay();
    static final long LAST_DAY = LocalDate.of(2037, 12, 31).toEpochDay();
    private static final int PAGE_BITS = 9;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;
    /** The class of the time zones the JVM makes from the tz database (sun.util.calendar.ZoneInfo). */
    private static final Class<?> TZDB_ZONE = TimeZone.getTimeZone("Europe/Paris").getClass();

    private static volatile ZoneDays current;

    private SqlDateTimes() {
    }

    /** What {@code Timestamp.valueOf(t)} returns. */
    public static Timestamp timestamp(LocalDateTime t) {
        LocalDate date = t.toLocalDate();
        long day = date.toEpochDay();
        int offset = zoneDays().offset(day);
        if (offset == ZoneDays.SLOW) {
            return Timestamp.valueOf(t);
        }
        Timestamp ts = new Timestamp(day * MILLIS_PER_DAY + t.toLocalTime().toSecondOfDay() * 1000L - offset);
        ts.setNanos(t.getNano());
        return ts;
    }

    /** What {@code Date.valueOf(d)} returns. */
    public static Date date(LocalDate d) {
        long day = d.toEpochDay();
        int offset = zoneDays().offset(day);
        return offset == ZoneDays.SLOW ? Date.valueOf(d) : new Date(day * MILLIS_PER_DAY - offset);
    }

    /** What {@code Time.valueOf(t)} returns: that time on 1970-01-01, without fractions of a second. */
    public static Time time(LocalTime t) {
        int offset = zoneDays().offset(0);
        return offset == ZoneDays.SLOW ? Time.valueOf(t) : new Time(t.toSecondOfDay() * 1000L - offset);
    }

    /** The table of the default zone as it is now. */
    private static ZoneDays zoneDays() {
        TimeZone tz = TimeZone.getDefault();
        ZoneDays z = current;
        if (z != null && z.isFor(tz)) {
            return z;
        }
        z = ZoneDays.of(tz);
        current = z;
        return z;
    }

    /** For tests: whether values of {@code d} come from the table (else from valueOf). */
    static boolean fromTable(LocalDate d) {
        return zoneDays().offset(d.toEpochDay()) != ZoneDays.SLOW;
    }

    /** For tests: forgets the table, so the next call starts from nothing. */
    static void reset() {
        current = null;
    }

    /** One default zone's offsets, per day, filled as days are asked for. */
    private static final class ZoneDays {
        /** Returned for a day served by valueOf. */
        static final int SLOW = Integer.MIN_VALUE;
        /** Stored for a day served by valueOf (an entry of 0 is a day not computed yet). */
        private static final int SLOW_ENTRY = 2;

        private final String id;
        private final int rawOffset;
        private final Class<?> type;
        /** Null when no day of this zone is served from the table. */
        final ZoneRules rules;
        /**
         * Pages of {@link #PAGE_SIZE} days from {@link #FIRST_DAY}; an entry is {@code offset << 1 | 1}, or
         * {@link #SLOW_ENTRY}, or 0 (not yet known). Filled racily: an int is written whole, and a page another
         * thread sees before its entries is all zeros, which only means "compute it".
         */
        private final int[][] pages = new int[(int) ((LAST_DAY - FIRST_DAY) / PAGE_SIZE + 1)][];

        private ZoneDays(TimeZone tz, ZoneRules rules) {
            this.id = tz.getID();
            this.rawOffset = tz.getRawOffset();
            this.type = tz.getClass();
            this.rules = rules;
        }

        static ZoneDays of(TimeZone tz) {
            ZoneRules rules = null;
            if (tz.getClass() == TZDB_ZONE) {
                try {
                    ZoneId zone = tz.toZoneId();
                    if (zone.getId().equals(tz.getID())) {
                        rules = zone.getRules();
                    }
                } catch (RuntimeException e) {
                    // A zone java.time cannot read: every value from valueOf.
                }
            }
            return new ZoneDays(tz, rules);
        }

        /** True when {@code tz} is the zone this table was made for. */
        boolean isFor(TimeZone tz) {
            return tz.getClass() == type && tz.getID().equals(id) && tz.getRawOffset() == rawOffset;
        }

        /** The offset in milliseconds {@code java.util} applies on {@code day}, or {@link #SLOW}. */
        int offset(long day) {
            if (rules == null || day < FIRST_DAY || day > LAST_DAY) {
                return SLOW;
            }
            int index = (int) (day - FIRST_DAY);
            int[] page = pages[index >>> PAGE_BITS];
            if (page == null) {
                page = new int[PAGE_SIZE];
                pages[index >>> PAGE_BITS] = page;
            }
            int entry = page[index & (PAGE_SIZE - 1)];
            if (entry == 0) {
                entry = compute(day);
                page[index & (PAGE_SIZE - 1)] = entry;
            }
            return entry == SLOW_ENTRY ? SLOW : entry >> 1;
        }

        /**
         * The day's entry: its offset as {@code Timestamp.valueOf} applies it, when no transition lies within a
         * day of it (so one offset holds from its first to its last millisecond, whatever {@code java.util}
         * makes of the days around a transition) and valueOf agrees at noon, midnight and the last second.
         */
        private int compute(long day) {
            long start = day * MILLIS_PER_DAY;
            ZoneOffsetTransition next = rules.nextTransition(Instant.ofEpochMilli(start - MILLIS_PER_DAY));
            if (next != null && next.toEpochSecond() * 1000 < start + 2 * MILLIS_PER_DAY) {
                return SLOW_ENTRY;
            }
            LocalDate date = LocalDate.ofEpochDay(day);
            long offset = start + MILLIS_PER_DAY / 2 - Timestamp.valueOf(date.atTime(12, 0)).getTime();
            if (start - offset != Timestamp.valueOf(date.atStartOfDay()).getTime()
                    || start + MILLIS_PER_DAY - 1000 - offset != Timestamp.valueOf(date.atTime(23, 59, 59)).getTime()
                    || Math.abs(offset) > MILLIS_PER_DAY) {
                return SLOW_ENTRY;
            }
            return (int) offset << 1 | 1;
        }
    }
}
