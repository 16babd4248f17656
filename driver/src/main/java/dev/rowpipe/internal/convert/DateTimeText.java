package dev.rowpipe.internal.convert;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Parses the date and time texts the services send, straight from a char range: {@code 2024-01-31},
 * {@code 2024-01-31 12:34:56[.fffffffff]} (or with {@code T}), optionally followed by an offset ({@code Z},
 * {@code +00}, {@code +05:30}, {@code -0800}) or, after a space, a zone name ({@code UTC},
 * {@code Europe/Berlin}). Hand-written because DateTimeFormatter needs a String and accepts none of the
 * short offsets Firebolt prints.
 */
public final class DateTimeText {

    /**
     * A parsed value.
     * @param dateTime the wall-clock date and time (midnight when the text has no time)
     * @param hasTime  false for a date alone
     * @param zone     the offset or zone written in the text, else null
     */
    public record Parsed(LocalDateTime dateTime, boolean hasTime, ZoneId zone) {
    }

    private final char[] c;
    private int p;
    private final int end;

    private DateTimeText(char[] chars, int start, int end) {
        this.c = chars;
        int s = start;
        int e = end;
        while (s < e && c[s] <= ' ') {
            s++;
        }
        while (e > s && c[e - 1] <= ' ') {
            e--;
        }
        this.p = s;
        this.end = e;
    }

    /** Returns null when the text is not a date or timestamp. */
    public static Parsed parse(char[] chars, int start, int end) {
        try {
            return new DateTimeText(chars, start, end).dateTime();
        } catch (DateTimeException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    /** Parses a time of day alone ({@code 12:34:56.789}); null when the text is not one. */
    public static LocalTime parseTime(char[] chars, int start, int end) {
        try {
            DateTimeText t = new DateTimeText(chars, start, end);
            LocalTime time = t.time();
            return time != null && t.p == t.end ? time : null;
        } catch (DateTimeException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private Parsed dateTime() {
        boolean negative = p < end && c[p] == '-';
        if (negative) {
            p++;
        }
        int year = digits(4, 9);
        if (year < 0 || !take('-')) {
            return null;
        }
        int month = digits(1, 2);
        if (month < 0 || !take('-')) {
            return null;
        }
        int day = digits(1, 2);
        if (day < 0) {
            return null;
        }
        LocalDate date = LocalDate.of(negative ? -year : year, month, day);
        if (p == end) {
            return new Parsed(date.atStartOfDay(), false, null);
        }
        if (c[p] != ' ' && c[p] != 'T' && c[p] != 't') {
            return null;
        }
        p++;
        LocalTime time = time();
        if (time == null) {
            return null;
        }
        ZoneId zone = zone();
        if (zone == null && p != end) {
            return null;
        }
        return new Parsed(LocalDateTime.of(date, time), true, zone);
    }

    private LocalTime time() {
        int hour = digits(1, 2);
        if (hour < 0 || !take(':')) {
            return null;
        }
        int minute = digits(2, 2);
        if (minute < 0) {
            return null;
        }
        int second = 0;
        int nanos = 0;
        if (take(':')) {
            second = digits(2, 2);
            if (second < 0) {
                return null;
            }
            if (take('.') || take(',')) {
                int scale = 100_000_000;
                int count = 0;
                while (p < end && c[p] >= '0' && c[p] <= '9') {
                    // Digits past nanoseconds are dropped: java.time cannot hold them.
                    if (count < 9) {
                        nanos += (c[p] - '0') * scale;
                        scale /= 10;
                    }
                    count++;
                    p++;
                }
                if (count == 0) {
                    return null;
                }
            }
        }
        if (hour == 24 && minute == 0 && second == 0 && nanos == 0) {
            return null;
        }
        return LocalTime.of(hour, minute, second, nanos);
    }

    /** Reads an offset or zone name if one follows; leaves p at end when it consumed one. */
    private ZoneId zone() {
        int q = p;
        while (q < end && c[q] == ' ') {
            q++;
        }
        if (q == end) {
            p = end;
            return null;
        }
        char first = c[q];
        if ((first == 'Z' || first == 'z') && q + 1 == end) {
            p = end;
            return ZoneOffset.UTC;
        }
        if (first == '+' || first == '-') {
            p = q + 1;
            int hours = digits(1, 2);
            if (hours < 0) {
                return null;
            }
            int minutes = 0;
            int seconds = 0;
            if (p < end) {
                take(':');
                minutes = digits(2, 2);
                if (minutes < 0) {
                    return null;
                }
                if (p < end) {
                    take(':');
                    seconds = digits(2, 2);
                    if (seconds < 0) {
                        return null;
                    }
                }
            }
            if (p != end) {
                return null;
            }
            int sign = first == '-' ? -1 : 1;
            return ZoneOffset.ofHoursMinutesSeconds(sign * hours, sign * minutes, sign * seconds);
        }
        if (q == p) {
            // A zone name must be separated by a space: "12:34:56UTC" is not a timestamp we know.
            return null;
        }
        p = end;
        return ZoneId.of(new String(c, q, end - q));
    }

    private boolean take(char expected) {
        if (p < end && c[p] == expected) {
            p++;
            return true;
        }
        return false;
    }

    /** Reads between min and max digits; -1 when fewer than min. */
    private int digits(int min, int max) {
        int value = 0;
        int count = 0;
        while (p < end && count < max && c[p] >= '0' && c[p] <= '9') {
            value = value * 10 + (c[p] - '0');
            p++;
            count++;
        }
        return count < min ? -1 : value;
    }
}
