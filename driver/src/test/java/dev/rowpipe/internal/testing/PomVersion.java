package dev.rowpipe.internal.testing;

/** The pom's version as Maven passes it to the tests, to check it against what the driver says. */
public final class PomVersion {
    private PomVersion() {
    }

    public static String get() {
        String v = System.getProperty("project.version");
        if (v == null || v.isEmpty()) {
            throw new IllegalStateException("system property project.version is not set: surefire and failsafe pass "
                    + "it (driver/pom.xml); run the test through Maven or set it by hand");
        }
        return v;
    }

    /** The User-Agent the driver must send to {@code service}. */
    public static String userAgent(String service) {
        return "rowpipe-jdbc/" + get() + " (" + service + "; Java " + System.getProperty("java.version") + ")";
    }
}
