package dev.rowpipe.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.testing.PomVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Runs after {@code package}: opens the shaded jar a user downloads and checks that it cannot clash with
 * anything else on a tool's classpath.
 */
class ShadedJarIT {

    private static Path jar() throws IOException {
        String version = PomVersion.get();
        Path jar = Path.of("target", "rowpipe-jdbc-" + version + ".jar");
        assertTrue(Files.isRegularFile(jar), "shaded jar missing: " + jar.toAbsolutePath());
        return jar;
    }

    @Test
    void everyClassIsUnderTheDriversOwnPackage() throws IOException {
        List<String> foreign = new ArrayList<>();
        int classes = 0;
        try (JarFile jar = new JarFile(jar().toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (name.endsWith(".class")) {
                    classes++;
                    if (!name.startsWith("dev/rowpipe/")) {
                        foreign.add(name);
                    }
                }
            }
        }
        assertTrue(classes > 500, "the jar should carry its relocated dependencies, found " + classes + " classes");
        assertEquals(List.of(), foreign.subList(0, Math.min(20, foreign.size())));
    }

    @Test
    void driverServiceFileNamesOnlyOurDriver() throws IOException {
        try (JarFile jar = new JarFile(jar().toFile())) {
            JarEntry entry = jar.getJarEntry("META-INF/services/java.sql.Driver");
            try (InputStream in = jar.getInputStream(entry)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                assertEquals("dev.rowpipe.jdbc.RowpipeDriver", text);
            }
        }
    }

    @Test
    void manifestNamesTheAutomaticModule() throws IOException {
        try (JarFile jar = new JarFile(jar().toFile())) {
            assertEquals("dev.rowpipe.jdbc", jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
        }
        // The module system reads the jar as that automatic module (a bad package or service entry would fail here).
        ModuleDescriptor module = ModuleFinder.of(jar()).find("dev.rowpipe.jdbc").orElseThrow().descriptor();
        assertTrue(module.isAutomatic());
        assertTrue(module.packages().containsAll(Set.of("dev.rowpipe.jdbc", "dev.rowpipe.api")), module.packages()
                .toString());
        assertTrue(module.provides().stream().anyMatch(p -> p.service().equals("java.sql.Driver")
                && p.providers().equals(List.of("dev.rowpipe.jdbc.RowpipeDriver"))), module.provides().toString());
    }

    @Test
    void jarLoadsAloneAndAcceptsBothPrefixes() throws Exception {
        URL url = jar().toUri().toURL();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {url}, ClassLoader.getPlatformClassLoader())) {
            List<Driver> drivers = new ArrayList<>();
            ServiceLoader.load(Driver.class, loader).forEach(d -> {
                if (d.getClass().getClassLoader() == loader) {
                    drivers.add(d);
                }
            });
            assertEquals(1, drivers.size());
            Driver driver = drivers.get(0);
            assertTrue(driver.acceptsURL("jdbc:firebolt://api.app.firebolt.io/db"));
            assertTrue(driver.acceptsURL("jdbc:td://api.treasuredata.com/sample_datasets"));
            assertEquals(null, driver.connect("jdbc:postgresql://localhost/x", new java.util.Properties()));
            assertEquals(PomVersion.get().split("[.-]")[0], String.valueOf(driver.getMajorVersion()));
            assertEquals(PomVersion.get().split("[.-]")[1], String.valueOf(driver.getMinorVersion()));
        }
    }

    @Test
    void jarCarriesNoNativeLibraries() throws IOException {
        List<String> natives = new ArrayList<>();
        try (JarFile jar = new JarFile(jar().toFile())) {
            jar.stream().map(JarEntry::getName)
                    .filter(n -> n.endsWith(".so") || n.endsWith(".dll") || n.endsWith(".dylib") || n.endsWith(".jnilib"))
                    .forEach(natives::add);
        }
        assertEquals(List.of(), natives);
    }

    /**
     * LZ4Factory loads its implementation classes by name; decoding a real compressed block through the jar
     * alone proves the relocation rewrote those names too.
     */
    @Test
    void relocatedLz4DecodesACompressedBlock() throws Exception {
        byte[] block = HexFormat.of().parseHex("c5bcbc07c11ec471fd74af8d5b0f00c5" + "8226000000af000000"
                + "7f48656c6c6f210a070082009300009a00b06c6f210a48656c6c6f210a");
        URL url = jar().toUri().toURL();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {url}, ClassLoader.getPlatformClassLoader())) {
            Class<?> type = loader.loadClass("dev.rowpipe.internal.codec.CompressedBlockInputStream");
            try (InputStream in = (InputStream) type.getConstructor(InputStream.class)
                    .newInstance(new ByteArrayInputStream(block))) {
                assertEquals("Hello!\n".repeat(25), new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            }
            assertTrue(loader.loadClass("dev.rowpipe.shaded.lz4.lz4.LZ4Factory").getClassLoader() == loader);
        }
    }

    @Test
    void theBundledHttpClientLogsThroughTheDriversBindingWithoutItsWireLog() throws Exception {
        URL url = jar().toUri().toURL();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {url}, ClassLoader.getPlatformClassLoader())) {
            Class<?> factory = Class.forName("dev.rowpipe.shaded.slf4j.LoggerFactory", true, loader);
            java.lang.reflect.Method logger = factory.getMethod("getLogger", String.class);
            // The names HttpClient asks for once relocated.
            Object wire = logger.invoke(null, "dev.rowpipe.shaded.hc.client5.http.wire");
            Object headers = logger.invoke(null, "dev.rowpipe.shaded.hc.client5.http.headers");
            assertEquals("dev.rowpipe.shaded.slf4j.helpers.NOPLogger", wire.getClass().getName());
            assertTrue(headers.getClass().getName().startsWith("dev.rowpipe.internal.logging."),
                    headers.getClass().getName());
        }
    }
}
