package dev.rowpipe.local.firebolt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EngineQueryHandlerTest {

    @Test
    void acceptEncodingListsGzipUnlessItsWeightIsZero() {
        assertTrue(EngineQueryHandler.acceptsGzip(List.of("gzip")));
        assertTrue(EngineQueryHandler.acceptsGzip(List.of("br;q=1.0, GZIP ; q=0.001")));
        assertTrue(EngineQueryHandler.acceptsGzip(List.of("deflate", "x-gzip")));
        assertFalse(EngineQueryHandler.acceptsGzip(List.of("gzip;q=0.000")));
        assertFalse(EngineQueryHandler.acceptsGzip(List.of("gzip; q=0")));
        assertFalse(EngineQueryHandler.acceptsGzip(List.of("gzipped, br")));
        assertFalse(EngineQueryHandler.acceptsGzip(List.of()));
        assertFalse(EngineQueryHandler.acceptsGzip(null));
    }
}
