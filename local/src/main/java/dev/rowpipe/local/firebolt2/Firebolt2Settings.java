package dev.rowpipe.local.firebolt2;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the local server serves of Firebolt 2.0 and Firebolt Core; immutable. {@link #OFF} serves neither (the
 * default of {@code LocalServer}); {@link #builder()} starts from the demo setup with the 2.0 platform on.
 *
 * @param platform              serve the 2.0 platform: token endpoint, {@code engineUrl}, system and user engines
 * @param core                  serve a Firebolt Core engine (no authentication)
 * @param corePort              port of the Core engine; 0 picks a free one
 * @param coreDatabase          Core's default database (Firebolt Core calls it {@code firebolt})
 * @param account               the account name
 * @param serviceAccounts       who may sign in
 * @param engines               the user engines
 * @param queryHistoryDelayMs   how long after a query's start (and end) its {@code engine_query_history} row appears
 * @param transactionTimeoutMs  idle time after which an open transaction is rolled back
 */
public record Firebolt2Settings(boolean platform, boolean core, int corePort, String coreDatabase, String account,
                                List<ServiceAccount> serviceAccounts, List<UserEngineSpec> engines,
                                long queryHistoryDelayMs, long transactionTimeoutMs) {

    public static final String DEMO_ACCOUNT = "local";
    public static final String DEMO_CLIENT_ID = "rowpipe-demo-client";
    public static final String DEMO_CLIENT_SECRET = "rowpipe-demo-secret";
    public static final String UNLINKED_CLIENT_ID = "rowpipe-unlinked-client";
    public static final String UNLINKED_CLIENT_SECRET = "rowpipe-unlinked-secret";
    public static final String CORE_DATABASE = "firebolt";

    /** Neither the 2.0 platform nor Core. */
    public static final Firebolt2Settings OFF = builder().platform(false).build();

    public Firebolt2Settings {
        Objects.requireNonNull(coreDatabase, "coreDatabase is null");
        Objects.requireNonNull(account, "account is null");
        serviceAccounts = List.copyOf(serviceAccounts);
        engines = List.copyOf(engines);
        if (corePort < 0 || corePort > 65535) {
            throw new IllegalArgumentException("corePort must be within 0..65535: " + corePort);
        }
        if (queryHistoryDelayMs < 0) {
            throw new IllegalArgumentException("queryHistoryDelayMs must be >= 0: " + queryHistoryDelayMs);
        }
        if (transactionTimeoutMs <= 0) {
            throw new IllegalArgumentException("transactionTimeoutMs must be > 0: " + transactionTimeoutMs);
        }
        List<String> names = new ArrayList<>();
        for (UserEngineSpec e : engines) {
            if (names.contains(e.name())) {
                throw new IllegalArgumentException("Two engines named '" + e.name() + "'");
            }
            names.add(e.name());
        }
    }

    public boolean enabled() {
        return platform || core;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts from the demo setup: 2.0 on, Core off, the demo and the unlinked service account, two engines. */
    public static final class Builder {
        private boolean platform = true;
        private boolean core;
        private int corePort;
        private String coreDatabase = CORE_DATABASE;
        private String account = DEMO_ACCOUNT;
        private final List<ServiceAccount> serviceAccounts = new ArrayList<>(List.of(
                new ServiceAccount(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, true),
                new ServiceAccount(UNLINKED_CLIENT_ID, UNLINKED_CLIENT_SECRET, false)));
        private List<UserEngineSpec> engines = List.of(
                new UserEngineSpec("local_engine", true, true),
                new UserEngineSpec("local_engine_2", false, true));
        private long queryHistoryDelayMs = 100;
        private long transactionTimeoutMs = 300_000;

        private Builder() {
        }

        public Builder platform(boolean enabled) {
            this.platform = enabled;
            return this;
        }

        public Builder core(boolean enabled) {
            this.core = enabled;
            return this;
        }

        public Builder corePort(int port) {
            this.corePort = port;
            return this;
        }

        public Builder coreDatabase(String name) {
            this.coreDatabase = Objects.requireNonNull(name, "coreDatabase is null");
            return this;
        }

        public Builder account(String name) {
            this.account = Objects.requireNonNull(name, "account is null");
            return this;
        }

        /** Adds a service account linked to a user of the account (it may use every engine and database). */
        public Builder serviceAccount(String clientId, String clientSecret) {
            serviceAccounts.add(new ServiceAccount(clientId, clientSecret, true));
            return this;
        }

        /** Adds a service account that signs in but is linked to no user, so every engine refuses it. */
        public Builder unlinkedServiceAccount(String clientId, String clientSecret) {
            serviceAccounts.add(new ServiceAccount(clientId, clientSecret, false));
            return this;
        }

        /** Replaces the user engines. */
        public Builder engines(List<UserEngineSpec> engines) {
            this.engines = List.copyOf(engines);
            return this;
        }

        public Builder queryHistoryDelayMs(long ms) {
            this.queryHistoryDelayMs = ms;
            return this;
        }

        public Builder transactionTimeoutMs(long ms) {
            this.transactionTimeoutMs = ms;
            return this;
        }

        public Firebolt2Settings build() {
            return new Firebolt2Settings(platform, core, corePort, coreDatabase, account, serviceAccounts, engines,
                    queryHistoryDelayMs, transactionTimeoutMs);
        }
    }
}
