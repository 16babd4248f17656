package dev.rowpipe.local.firebolt;

import java.io.IOException;
import java.io.Writer;

/** The backslash escapes of Firebolt's TabSeparated text, v1's and 2.0's alike. */
public final class TsvEscapes {
    private TsvEscapes() {
    }

    /**
     * Writes {@code s} with {@code \\}, tab, line breaks and NUL escaped; a quote too when {@code quoted} (inside an
     * array's quoted element, where it would end it).
     */
    public static void write(Writer out, String s, boolean quoted) throws IOException {
        int n = s.length();
        int start = 0;
        for (int i = 0; i < n; i++) {
            String replacement = switch (s.charAt(i)) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\0' -> "\\0";
                case '\'' -> quoted ? "\\'" : null;
                default -> null;
            };
            if (replacement != null) {
                out.write(s, start, i - start);
                out.write(replacement);
                start = i + 1;
            }
        }
        out.write(s, start, n - start);
    }
}
