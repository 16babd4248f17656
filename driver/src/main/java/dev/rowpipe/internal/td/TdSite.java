package dev.rowpipe.internal.td;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Treasure Data's sites and the REST v3 host of each; the {@code site} property picks one. */
enum TdSite {
    US01("api.treasuredata.com"),
    JP01("api.treasuredata.co.jp"),
    EU01("api.eu01.treasuredata.com"),
    AP02("api.ap02.treasuredata.com"),
    AP03("api.ap03.treasuredata.com");

    /** The site names as users write them, in the order TD lists its sites. */
    static final List<String> NAMES = Arrays.stream(values()).map(TdSite::siteName).toList();

    private final String host;

    TdSite(String host) {
        this.host = host;
    }

    /** {@code us01}, {@code jp01}, ... */
    String siteName() {
        return name().toLowerCase(Locale.ROOT);
    }

    String host() {
        return host;
    }

    /** The site of a {@code site} value already checked against {@link #NAMES}. */
    static TdSite of(String siteName) {
        return valueOf(siteName.toUpperCase(Locale.ROOT));
    }
}
