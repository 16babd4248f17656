package dev.rowpipe.local;

import dev.rowpipe.local.firebolt2.Firebolt2Settings;

/** A local server per test class that serves Firebolt 2.0 and Core beside v1, with a short history delay. */
public class Firebolt2Extension extends LocalServerExtension {

    @Override
    protected LocalServer.Builder configure(LocalServer.Builder builder) {
        return super.configure(builder).td(false).firebolt2(Firebolt2Settings.builder().core(true)
                .serviceAccount("encoded+client", "s3cr+t&x=y%z")
                .queryHistoryDelayMs(200).build());
    }
}
