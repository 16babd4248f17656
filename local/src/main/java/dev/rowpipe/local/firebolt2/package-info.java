/**
 * Firebolt as its users have it today: the 2.0 platform (service-account sign-in on the "id" host, account
 * discovery on the "api" host, a system engine and user engines that keep session state in response headers) and
 * Firebolt Core (the same query protocol, no authentication). Served beside the v1 API of
 * {@link dev.rowpipe.local.firebolt}, over the same DuckDB file.
 */
package dev.rowpipe.local.firebolt2;
