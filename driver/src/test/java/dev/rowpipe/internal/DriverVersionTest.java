package dev.rowpipe.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.testing.PomVersion;
import dev.rowpipe.jdbc.RowpipeDriver;
import org.junit.jupiter.api.Test;

class DriverVersionTest {

    @Test
    void versionIsThePoms() {
        String pom = PomVersion.get();
        assertEquals(pom, DriverVersion.full());
        String[] parts = pom.split("[.-]");
        assertEquals(Integer.parseInt(parts[0]), DriverVersion.major());
        assertEquals(Integer.parseInt(parts[1]), DriverVersion.minor());
        RowpipeDriver driver = new RowpipeDriver();
        assertEquals(DriverVersion.major(), driver.getMajorVersion());
        assertEquals(DriverVersion.minor(), driver.getMinorVersion());
    }

    @Test
    void userAgentNamesDriverVersionServiceAndJava() {
        String ua = DriverVersion.userAgent("Treasure Data");
        assertEquals(PomVersion.userAgent("Treasure Data"), ua);
        assertTrue(ua.matches("rowpipe-jdbc/\\d+\\.\\d+\\S* \\(Treasure Data; Java \\S+\\)"), ua);
    }

    @Test
    void theApplicationsNameEndsTheCommentMadeSafeForAHeader() {
        String base = PomVersion.userAgent("Firebolt");
        String prefix = base.substring(0, base.length() - 1);
        assertEquals(prefix + "; app DBeaver 24.2.0)", DriverVersion.userAgent("Firebolt", "DBeaver 24.2.0"));
        assertEquals(prefix + "; app a_b_ c_d_ e)", DriverVersion.userAgent("Firebolt", " a(b)  c\\d\u00e9\r\n e "));
        assertEquals(base, DriverVersion.userAgent("Firebolt", null));
        assertEquals(base, DriverVersion.userAgent("Firebolt", "  \t "));
        String longName = "x".repeat(500);
        assertEquals(prefix + "; app " + "x".repeat(DriverVersion.MAX_APPLICATION_NAME) + ")",
                DriverVersion.userAgent("Firebolt", longName));
    }
}
