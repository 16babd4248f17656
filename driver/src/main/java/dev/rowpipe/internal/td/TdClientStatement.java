package dev.rowpipe.internal.td;

/** A statement the driver answers itself instead of issuing it as a job. */
sealed interface TdClientStatement permits TdSwapStatement, TdSetStatement {
}
