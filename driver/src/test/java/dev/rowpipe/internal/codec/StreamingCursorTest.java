package dev.rowpipe.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.spi.ResponseBody;
import dev.rowpipe.internal.spi.RowBuffer;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StreamingCursorTest {

    /** Records what the cursor asked of its response. */
    private static final class RecordingBody implements ResponseBody {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void close() {
            calls.add("close");
        }

        @Override
        public void abort() {
            calls.add("abort");
        }
    }

    /** A cursor whose row reads wait for a latch, so a test can close it while a read is in progress. */
    private static final class GatedCursor extends StreamingCursor {
        final CountDownLatch reading = new CountDownLatch(1);
        final CountDownLatch proceed = new CountDownLatch(1);

        GatedCursor(AutoCloseable onClose) {
            super(1, onClose);
        }

        @Override
        protected boolean readRow(RowBuffer row) {
            reading.countDown();
            try {
                proceed.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            row.setLong(0, 1);
            return true;
        }

        @Override
        protected SQLException translate(Exception e) {
            return endedEarly(e);
        }
    }

    @Test
    void closeBetweenReadsReleasesTheResponseOnce() throws Exception {
        RecordingBody body = new RecordingBody();
        GatedCursor cursor = new GatedCursor(body);
        cursor.proceed.countDown();
        assertTrue(cursor.next(new RowBuffer(1)));
        cursor.close();
        cursor.close();
        assertEquals(List.of("close"), body.calls);
        assertFalse(cursor.next(new RowBuffer(1)), "a closed cursor has no more rows");
    }

    @Test
    void closeDuringARunningReadAbortsInsteadOfDraining() throws Exception {
        RecordingBody body = new RecordingBody();
        GatedCursor cursor = new GatedCursor(body);
        CompletableFuture<Boolean> read = CompletableFuture.supplyAsync(() -> {
            try {
                return cursor.next(new RowBuffer(1));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(cursor.reading.await(5, TimeUnit.SECONDS));
        cursor.close();
        assertEquals(List.of("abort"), body.calls, "a drain must never race a reader on the same stream");
        cursor.proceed.countDown();
        read.get(5, TimeUnit.SECONDS);
        assertFalse(cursor.next(new RowBuffer(1)));
        assertEquals(List.of("abort"), body.calls);
    }
}
