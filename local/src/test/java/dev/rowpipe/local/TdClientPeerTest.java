package dev.rowpipe.local;

import com.treasuredata.client.TDClient;
import com.treasuredata.client.model.TDColumn;
import com.treasuredata.client.model.TDDatabase;
import com.treasuredata.client.model.TDJob;
import com.treasuredata.client.model.TDJobRequest;
import com.treasuredata.client.model.TDJobSummary;
import com.treasuredata.client.model.TDResultFormat;
import com.treasuredata.client.model.TDTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TD's own td-client-java 1.1.1 against the local server. */
@ExtendWith(LocalServerExtension.class)
class TdClientPeerTest {

    private static TDClient client(LocalServer s) {
        return TDClient.newBuilder(false).setEndpoint("127.0.0.1").setPort(s.apiPort()).setUseSSL(false)
                .setApiKey(s.demoApiKey()).setRetryLimit(0).build();
    }

    @Test
    void listsSubmitsAndReadsResults(LocalServer s) throws Exception {
        TDClient td = client(s);
        try {
            List<String> names = new ArrayList<>();
            for (TDDatabase db : td.listDatabases()) {
                names.add(db.getName());
            }
            assertTrue(names.contains("sample_datasets"), names.toString());
            TDTable www = null;
            for (TDTable t : td.listTables("sample_datasets")) {
                if (t.getName().equals("www_access")) {
                    www = t;
                }
            }
            assertEquals(2000, www.getRowCount());
            List<String> cols = new ArrayList<>();
            for (TDColumn c : www.getColumns()) {
                cols.add(c.getName() + ":" + c.getType());
            }
            assertTrue(cols.contains("code:long"), cols.toString());

            String id = td.submit(TDJobRequest.newPrestoQuery("sample_datasets",
                    "SELECT method, count(*) AS cnt FROM www_access GROUP BY method ORDER BY method"));
            TDJobSummary summary;
            long deadline = System.nanoTime() + 30_000_000_000L;
            do {
                summary = td.jobStatus(id);
            } while (!summary.getStatus().isFinished() && System.nanoTime() < deadline);
            assertEquals(TDJob.Status.SUCCESS, summary.getStatus());
            TDJob job = td.jobInfo(id);
            assertEquals(2, job.getNumRecords());
            assertEquals("[[\"method\",\"varchar\"],[\"cnt\",\"bigint\"]]", job.getResultSchema().get());
            List<String> rows = td.jobResult(id, TDResultFormat.MESSAGE_PACK_GZ, in -> {
                List<String> out = new ArrayList<>();
                try (MessageUnpacker u = MessagePack.newDefaultUnpacker(new GZIPInputStream(in))) {
                    while (u.hasNext()) {
                        out.add(u.unpackValue().toJson());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return out;
            });
            assertEquals(2, rows.size());
            assertTrue(rows.get(0).startsWith("[\"GET\","), rows.toString());

            String failing = td.submit(TDJobRequest.newHiveQuery("sample_datasets", "SELECT nope FROM www_access"));
            do {
                summary = td.jobStatus(failing);
            } while (!summary.getStatus().isFinished() && System.nanoTime() < deadline);
            assertEquals(TDJob.Status.ERROR, summary.getStatus());
            assertTrue(td.jobInfo(failing).getStdErr().contains("nope"));
        } finally {
            td.close();
        }
    }
}
