package dev.rowpipe.local;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Starts one {@link LocalServer} per test class, on a free port in a temporary folder, and injects it into
 * test methods, constructors and {@code @BeforeAll}/{@code @BeforeEach} methods that take a LocalServer.
 * Small sample data and a short engine start delay keep tests fast.
 *
 * <pre>{@code
 * @ExtendWith(LocalServerExtension.class)
 * class MyTest {
 *     @Test void query(LocalServer server) { ... server.fireboltJdbcUrl() ... }
 * }
 * }</pre>
 */
public class LocalServerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LocalServerExtension.class);

    /** Override to change the server settings (data folder and port are set afterwards). */
    protected LocalServer.Builder configure(LocalServer.Builder builder) {
        return builder.sampleRows(2_000).engineStartDelayMs(100);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Path dir = Files.createTempDirectory("rowpipe-local-");
        LocalServer server = configure(LocalServer.builder()).dataDir(dir).port(0).build().start();
        context.getStore(NS).put("dir", dir);
        context.getStore(NS).put("server", server);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        LocalServer server = context.getStore(NS).remove("server", LocalServer.class);
        if (server != null) {
            server.close();
        }
        Path dir = context.getStore(NS).remove("dir", Path.class);
        if (dir != null) {
            deleteTree(dir);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        LocalServer server = find(context);
        if (server == null) {
            throw new ParameterResolutionException("LocalServerExtension has no server: register it on the class");
        }
        return server;
    }

    private static LocalServer find(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            LocalServer s = c.getStore(NS).get("server", LocalServer.class);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw new UncheckedIOException(e);
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
