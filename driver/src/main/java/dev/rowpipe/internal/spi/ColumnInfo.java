package dev.rowpipe.internal.spi;

import java.util.Objects;

/** A result column: its label and type. */
public record ColumnInfo(String name, ColumnType type) {
    public ColumnInfo {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
    }
}
