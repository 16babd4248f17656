/** The local server: Firebolt v1, Firebolt 2.0 and Core, and Treasure Data v3 REST APIs on loopback over DuckDB. */
package dev.rowpipe.local;
