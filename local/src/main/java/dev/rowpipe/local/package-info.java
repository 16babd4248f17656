/** The local server: Firebolt v1 and Treasure Data v3 REST APIs on loopback over DuckDB. */
package dev.rowpipe.local;
