package dev.rowpipe.internal.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.api.QueryProgress;
import dev.rowpipe.api.QueryProgress.State;
import dev.rowpipe.internal.error.SqlState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {
    private final List<QueryProgress> events = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong(1_000);
    private final ProgressReporter reporter = new ProgressReporter(events::add, clock::get);

    private static ProgressReporter.Figures rows(long resultRows, long resultBytes) {
        return new ProgressReporter.Figures(null, -1, -1, resultRows, resultBytes, -1);
    }

    @Test
    void nothingBeforeSubmittedAndNothingAfterTheLastEvent() {
        reporter.update(State.RUNNING, "running", rows(1, -1));
        reporter.ended(false);
        assertEquals(List.of(), events, "no id yet: nothing to name");
        reporter.submitted("Treasure Data", "7");
        clock.addAndGet(5_000_000);
        reporter.update(State.QUEUED, "queued", ProgressReporter.Figures.NONE);
        reporter.finished("success", rows(-1, 40));
        reporter.failed("error", ProgressReporter.Figures.NONE, "late");
        reporter.endedWith(SqlState.GENERAL_ERROR.exception("late too"));
        reporter.ended(true);
        reporter.update(State.RUNNING, "running", ProgressReporter.Figures.NONE);
        assertEquals(List.of(State.SUBMITTED, State.QUEUED, State.FINISHED),
                events.stream().map(QueryProgress::state).toList());
        QueryProgress end = events.get(2);
        assertEquals(1, end.resultRows(), "figures reported before submitted are kept");
        assertEquals(40, end.resultBytes());
        assertEquals("success", end.serviceStatus());
        assertEquals(Duration.ofMillis(5), end.elapsed());
        assertEquals(Duration.ZERO, events.get(0).elapsed());
    }

    @Test
    void theStatusWordIsTheLastOneTheServiceNamed() {
        reporter.submitted("Firebolt", "q");
        reporter.update(State.QUEUED, "engine starting", ProgressReporter.Figures.NONE);
        reporter.update(State.RUNNING, null, ProgressReporter.Figures.NONE);
        assertEquals("engine starting", events.get(1).serviceStatus());
        assertEquals(null, events.get(2).serviceStatus(), "Firebolt names no status once the answer starts");
        reporter.endedWith(SqlState.GENERAL_ERROR.exception("boom"));
        assertEquals(null, events.get(3).serviceStatus());
    }

    @Test
    void theLastEventFollowsTheFailureTheCallerSees() {
        reporter.submitted("Firebolt", "q");
        reporter.endedWith(SqlState.TIMEOUT_EXPIRED.exception("Firebolt query q timed out after 1 s"));
        assertEquals(State.CANCELLED, events.get(1).state());
        assertEquals("Firebolt query q timed out after 1 s", events.get(1).message());

        ProgressReporter other = new ProgressReporter(events::add, clock::get);
        other.submitted("Firebolt", "r");
        other.endedWith(SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.exception("bad"));
        assertEquals(State.FAILED, events.get(3).state());

        ProgressReporter cancelled = new ProgressReporter(events::add, clock::get);
        cancelled.submitted("Firebolt", "s");
        cancelled.ended(true);
        assertEquals(State.CANCELLED, events.get(5).state());
    }

    @Test
    void updateTakesOnlyIntermediateStatesAndNoneReportsNothing() {
        assertThrows(IllegalArgumentException.class, () -> reporter.update(State.FINISHED, null, null));
        assertThrows(IllegalArgumentException.class, () -> reporter.update(State.SUBMITTED, null, null));
        assertFalse(ProgressReporter.NONE.active());
        assertTrue(reporter.active());
        ProgressReporter.NONE.submitted("Firebolt", "x");
        ProgressReporter.NONE.finished(null, null);
        assertTrue(State.CANCELLED.isTerminal() && !State.RUNNING.isTerminal());
    }
}
