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
}
