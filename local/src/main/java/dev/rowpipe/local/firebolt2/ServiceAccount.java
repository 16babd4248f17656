package dev.rowpipe.local.firebolt2;

import java.util.Objects;

/**
 * A 2.0 service account: signs in with client credentials. An unlinked one (not linked to a user of the account,
 * so without any role) gets a token but fails on engine access, as the real service shows it.
 *
 * @param clientId     the client id
 * @param clientSecret the client secret
 * @param linked       whether it is linked to a user of the account
 */
public record ServiceAccount(String clientId, String clientSecret, boolean linked) {

    public ServiceAccount {
        Objects.requireNonNull(clientId, "clientId is null");
        Objects.requireNonNull(clientSecret, "clientSecret is null");
        if (clientId.isEmpty()) {
            throw new IllegalArgumentException("clientId is empty");
        }
    }

    /** Without the secret. */
    @Override
    public String toString() {
        return "ServiceAccount[" + clientId + (linked ? "" : ", unlinked") + "]";
    }
}
