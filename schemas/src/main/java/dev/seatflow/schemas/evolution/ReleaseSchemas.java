package dev.seatflow.schemas.evolution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Release step: records every current schema that differs from its latest released version as
 * the next version under {@code src/main/resources/released}. Run it when cutting a release:
 * {@code cd schemas && ../mvnw -q compile exec:java -Dexec.mainClass=dev.seatflow.schemas.evolution.ReleaseSchemas}.
 */
public final class ReleaseSchemas {

    private static final Logger log = LoggerFactory.getLogger(ReleaseSchemas.class);

    private ReleaseSchemas() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "src/main/resources/released");
        ReleasedSchemas released = ReleasedSchemas.load();
        for (Schema current : SchemaCatalog.CURRENT) {
            List<Schema> versions = released.versionsOf(current.getFullName());
            if (!versions.isEmpty() && sameForm(versions.get(versions.size() - 1), current)) {
                continue;
            }
            Path file = root.resolve(current.getFullName()).resolve("v" + (versions.size() + 1) + ".avsc");
            Files.createDirectories(file.getParent());
            Files.writeString(file, current.toString(true) + System.lineSeparator());
            log.info("released {}", file);
        }
    }

    private static boolean sameForm(Schema a, Schema b) {
        return SchemaNormalization.parsingFingerprint64(a) == SchemaNormalization.parsingFingerprint64(b)
                && a.toString().equals(b.toString());
    }
}
