package dev.rowpipe.internal.firebolt;

import java.time.Clock;

/**
 * Time as the polling loops see it: a clock for deadlines and a way to wait. Tests substitute a fake that
 * advances the clock instead of sleeping.
 */
interface Pacer {
    Clock clock();

    void sleep(long millis) throws InterruptedException;

    static Pacer system() {
        Clock clock = Clock.systemUTC();
        return new Pacer() {
            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public void sleep(long millis) throws InterruptedException {
                Thread.sleep(millis);
            }
        };
    }
}
