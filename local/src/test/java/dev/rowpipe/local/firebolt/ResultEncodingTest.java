package dev.rowpipe.local.firebolt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultEncodingTest {

    @Test
    void compressOneWinsThenAcceptEncodingDecides() {
        assertEquals(ResultEncoding.COMPRESSED_BLOCKS, ResultEncoding.of("1", List.of("gzip")));
        assertEquals(ResultEncoding.COMPRESSED_BLOCKS, ResultEncoding.of(" TRUE ", null));
        assertEquals(ResultEncoding.GZIP, ResultEncoding.of("0", List.of("gzip")));
        assertEquals(ResultEncoding.GZIP, ResultEncoding.of(null, List.of("gzip")));
        assertEquals(ResultEncoding.IDENTITY, ResultEncoding.of("false", null));
        assertTrue(ResultEncoding.validCompress(null));
        assertTrue(ResultEncoding.validCompress("0"));
        assertFalse(ResultEncoding.validCompress("yes"));
        assertFalse(ResultEncoding.validCompress("2"));
    }

    @Test
    void acceptEncodingListsGzipUnlessItsWeightIsZero() {
        assertTrue(ResultEncoding.acceptsGzip(List.of("gzip")));
        assertTrue(ResultEncoding.acceptsGzip(List.of("br;q=1.0, GZIP ; q=0.001")));
        assertTrue(ResultEncoding.acceptsGzip(List.of("deflate", "x-gzip")));
        assertFalse(ResultEncoding.acceptsGzip(List.of("gzip;q=0.000")));
        assertFalse(ResultEncoding.acceptsGzip(List.of("gzip; q=0")));
        assertFalse(ResultEncoding.acceptsGzip(List.of("gzipped, br")));
        assertFalse(ResultEncoding.acceptsGzip(List.of()));
        assertFalse(ResultEncoding.acceptsGzip(null));
    }
}
