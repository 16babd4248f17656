/**
 * What {@code unwrap} hands out beyond JDBC: service operations that have no {@code java.sql} equivalent.
 * Together with {@code dev.rowpipe.jdbc} this is the driver's public API; everything under
 * {@code dev.rowpipe.internal} may change in any release.
 *
 * <pre>{@code
 * FireboltEngines engines = connection.unwrap(FireboltEngines.class);     // jdbc:firebolt: connections
 * TreasureDataApi td = connection.unwrap(TreasureDataApi.class);          // jdbc:td: connections
 * statement.unwrap(RowpipeStatement.class).setProgressListener(p -> ...); // QueryProgress events, both services
 * }</pre>
 */
package dev.rowpipe.api;
