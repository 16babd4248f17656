package dev.rowpipe.local.firebolt2;

/** Which kind of 2.0 endpoint a request reached. */
enum EngineRole {
    /** The account's system engine: metadata, USE, engine statements; no data of user tables. */
    SYSTEM,
    /** A user engine of the account: everything. */
    USER,
    /** Firebolt Core: a user engine without authentication, accounts or other engines. */
    CORE
}
