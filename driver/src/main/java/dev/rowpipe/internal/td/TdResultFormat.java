package dev.rowpipe.internal.td;

import dev.rowpipe.internal.codec.Utf8Policy;
import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.RowCursor;
import java.io.InputStream;
import java.util.List;

/** The {@code result_format} choices and the cursor that reads each. */
enum TdResultFormat {
    MSGPACK_GZ("msgpack.gz"),
    MSGPACK("msgpack"),
    JSON("json"),
    TSV("tsv"),
    CSV("csv");

    /**
     * How every format reads string bytes that are not UTF-8: each malformed sequence becomes U+FFFD, as the JDK
     * (and msgpack-java in td-client-java) decodes. TD keeps strings as they were ingested (td-agent and bulk
     * import send msgpack strings unchecked; Hive and Presto strings are bytes), so a stray byte is real data that
     * must not fail a whole export, and one policy for all formats reads the same bytes the same in each.
     */
    static final Utf8Policy UTF8 = Utf8Policy.REPLACE;

    private final String wireName;

    TdResultFormat(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    static TdResultFormat of(String wireName) {
        for (TdResultFormat f : values()) {
            if (f.wireName.equalsIgnoreCase(wireName)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown result format " + wireName);
    }

    RowCursor open(InputStream body, List<ColumnInfo> columns, AutoCloseable onClose) {
        return switch (this) {
            case MSGPACK_GZ -> TdMsgpackCursor.gzip(body, columns, onClose);
            case MSGPACK -> TdMsgpackCursor.plain(body, columns, onClose);
            case JSON -> new TdJsonLinesCursor(body, columns, onClose);
            case TSV -> TdDelimitedCursor.tsv(body, columns, onClose);
            case CSV -> TdDelimitedCursor.csv(body, columns, onClose);
        };
    }
}
