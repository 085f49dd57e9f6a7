package dev.seatflow.signing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Creates @TempDir directories under the current java.io.tmpdir (target/tmp in surefire). The default factory
 * ends up in /tmp, because the JDK caches java.io.tmpdir before surefire sets it in the forked JVM.
 */
public class BuildDirTempDirFactory implements TempDirFactory {

    @Override
    public Path createTempDirectory(AnnotatedElementContext elementContext, ExtensionContext extensionContext)
            throws Exception {
        Path base = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        return Files.createTempDirectory(base, "junit-");
    }
}
