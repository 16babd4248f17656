package dev.rowpipe.local;

import java.util.Locale;

/**
 * Which faults to inject; all off by default. Written as {@code key=value} pairs separated by {@code ,} or
 * {@code ;}, both in the {@code --fault-*} flags and per request in the {@code X-Rowpipe-Fault} header or the
 * {@code rowpipe_fault} query parameter:
 * {@code latency-ms=200, error-rate=0.5, seed=7, cut-after-bytes=100, error-after-rows=10, expire-tokens}.
 *
 * @param latencyMs      added before each answer
 * @param errorRate      share (0..1) of requests answered with 503 or 429 instead, drawn from a seeded random
 * @param seed           seed of that random, so a run is repeatable
 * @param cutAfterBytes  close the connection after this many body bytes (negative: off)
 * @param errorAfterRows write an error line into a 200 body after this many rows (negative: off)
 * @param expireTokens   expire every issued token before handling the request
 */
public record FaultSettings(long latencyMs, double errorRate, long seed, long cutAfterBytes, long errorAfterRows,
                            boolean expireTokens) {

    public static final FaultSettings NONE = new FaultSettings(0, 0, 42, -1, -1, false);

    public FaultSettings {
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latency-ms must be >= 0: " + latencyMs);
        }
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("error-rate must be within 0..1: " + errorRate);
        }
    }

    public boolean isNone() {
        return latencyMs == 0 && errorRate == 0 && cutAfterBytes < 0 && errorAfterRows < 0 && !expireTokens;
    }

    public FaultSettings withLatencyMs(long v) {
        return new FaultSettings(v, errorRate, seed, cutAfterBytes, errorAfterRows, expireTokens);
    }

    public FaultSettings withErrorRate(double v) {
        return new FaultSettings(latencyMs, v, seed, cutAfterBytes, errorAfterRows, expireTokens);
    }

    public FaultSettings withSeed(long v) {
        return new FaultSettings(latencyMs, errorRate, v, cutAfterBytes, errorAfterRows, expireTokens);
    }

    public FaultSettings withCutAfterBytes(long v) {
        return new FaultSettings(latencyMs, errorRate, seed, v, errorAfterRows, expireTokens);
    }

    public FaultSettings withErrorAfterRows(long v) {
        return new FaultSettings(latencyMs, errorRate, seed, cutAfterBytes, v, expireTokens);
    }

    public FaultSettings withExpireTokens(boolean v) {
        return new FaultSettings(latencyMs, errorRate, seed, cutAfterBytes, errorAfterRows, v);
    }

    /** These settings with every pair of {@code spec} applied on top. */
    public FaultSettings with(String spec) {
        FaultSettings result = this;
        if (spec == null || spec.isBlank()) {
            return result;
        }
        for (String part : spec.split("[,;]")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            String key = (eq < 0 ? item : item.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "true" : item.substring(eq + 1).trim();
            try {
                switch (key) {
                    case "latency-ms":
                    case "latency":
                        result = result.withLatencyMs(Long.parseLong(value));
                        break;
                    case "error-rate":
                        result = result.withErrorRate(Double.parseDouble(value));
                        break;
                    case "seed":
                        result = result.withSeed(Long.parseLong(value));
                        break;
                    case "cut-after-bytes":
                        result = result.withCutAfterBytes(Long.parseLong(value));
                        break;
                    case "error-after-rows":
                        result = result.withErrorAfterRows(Long.parseLong(value));
                        break;
                    case "expire-tokens":
                        result = result.withExpireTokens(Boolean.parseBoolean(value));
                        break;
                    default:
                        throw new IllegalArgumentException("Unknown fault '" + key + "' (known: latency-ms, error-rate,"
                                + " seed, cut-after-bytes, error-after-rows, expire-tokens)");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Fault '" + key + "' needs a number: '" + value + "'", e);
            }
        }
        return result;
    }
}
