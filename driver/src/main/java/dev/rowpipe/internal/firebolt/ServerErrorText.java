package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.error.SqlState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * Recognises the error text Firebolt (ClickHouse underneath) appends to a body that already started with
 * status 200: {@code Code: 241. DB::Exception: Memory limit exceeded ...}.
 */
final class ServerErrorText {
    /** How much of the error is kept in the exception message. */
    private static final int MAX_MESSAGE = 2000;

    private ServerErrorText() {
    }

    /** True when the text looks like such an error line. */
    static boolean looksLikeError(CharSequence text) {
        return indexOf(text, "DB::Exception") >= 0 || startsWithCode(text);
    }

    /** The error part of the text (from {@code Code:} when present), or null when there is none. */
    static String extract(String text) {
        int exception = text.indexOf("DB::Exception");
        if (exception < 0) {
            return startsWithCode(text.trim()) ? cut(text.trim()) : null;
        }
        int code = text.lastIndexOf("Code:", exception);
        int from = code >= 0 ? code : text.lastIndexOf('\n', exception) + 1;
        return cut(text.substring(from).trim());
    }

    static SQLException exception(String serverText) {
        return SqlState.GENERAL_ERROR.exception("Server error in result: " + serverText);
    }

    /**
     * Reads what is left of the body after the parser stopped, up to {@code limit} bytes, so that an error
     * message split across the parser's buffer is whole. The server ends the body right after its error text.
     */
    static String readRest(InputStream in, int limit) {
        try {
            return new String(in.readNBytes(limit), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean startsWithCode(CharSequence text) {
        if (text.length() < 7 || !"Code: ".contentEquals(text.subSequence(0, 6))) {
            return false;
        }
        char digit = text.charAt(6);
        return digit >= '0' && digit <= '9';
    }

    private static String cut(String text) {
        String oneLine = text.strip();
        return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE) + "...";
    }

    private static int indexOf(CharSequence text, String needle) {
        if (text instanceof String s) {
            return s.indexOf(needle);
        }
        return text.toString().indexOf(needle);
    }
}
