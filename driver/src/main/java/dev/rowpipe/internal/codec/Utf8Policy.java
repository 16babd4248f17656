package dev.rowpipe.internal.codec;

/** What a UTF-8 decoder does with bytes that are not UTF-8; each format's reader picks one and says why. */
public enum Utf8Policy {
    /** A malformed sequence is a {@link Utf8.Malformed} naming its bytes and where they are. */
    STRICT,
    /**
     * A malformed sequence becomes one U+FFFD, exactly where and as often as the JDK's UTF-8 decoder puts one
     * ({@code new String(bytes, UTF_8)}, a Reader), and decoding goes on after it.
     */
    REPLACE
}
