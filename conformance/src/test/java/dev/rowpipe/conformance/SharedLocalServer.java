package dev.rowpipe.conformance;

import dev.rowpipe.local.LocalServer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * One local server (both APIs, and Firebolt 2.0 and Core) for the whole conformance run, started on first use and closed when JUnit ends:
 * every consumer here talks to the same server, and starting one per class would cost more than the tests.
 */
public final class SharedLocalServer implements ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SharedLocalServer.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent("server", k -> Running.start(), Running.class).server;
    }

    /** The server and its folder, closed and deleted by JUnit when the run ends. */
    private static final class Running implements ExtensionContext.Store.CloseableResource {
        final LocalServer server;
        final Path dir;

        private Running(LocalServer server, Path dir) {
            this.server = server;
            this.dir = dir;
        }

        static Running start() {
            try {
                Path dir = Files.createTempDirectory("rowpipe-conformance-");
                LocalServer server = LocalServer.builder().dataDir(dir).port(0).sampleRows(2_000)
                        .engineStartDelayMs(100)
                        .firebolt2(dev.rowpipe.local.firebolt2.Firebolt2Settings.builder().core(true).build())
                        .build().start();
                return new Running(server, dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
    }
}
