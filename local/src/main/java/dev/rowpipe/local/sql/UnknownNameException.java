package dev.rowpipe.local.sql;

/**
 * A qualified name the service does not accept (a database used as a schema, another database's table): the
 * statement parsed, but names nothing the service would let it read.
 */
public final class UnknownNameException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public UnknownNameException(String message) {
        super(message);
    }
}
