package dev.rowpipe.internal.firebolt;

import java.sql.SQLException;

/** Where a session's bearer tokens come from: v1's login ({@link FireboltAuth}) or 2.0's sign-in ({@link ServiceAccountAuth}). */
interface TokenSource {
    /** A token valid for a while yet; signs in when needed. */
    String token() throws SQLException;

    /** The server refused {@code token} (HTTP 401): the next {@link #token()} gets a new one. */
    void invalidate(String token);

    /** Server text with every secret this source knows (and any echoed credential header) masked. */
    String scrub(String text);
}
