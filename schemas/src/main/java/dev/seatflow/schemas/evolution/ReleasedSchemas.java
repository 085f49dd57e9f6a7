package dev.seatflow.schemas.evolution;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * The schema versions already released, kept under {@code released/<full name>/v<n>.avsc} on the
 * classpath as self-contained schemas. Data written with any of them must stay readable: the
 * single-object decoder resolves old writers through them and a test checks that every current
 * schema can read them.
 */
public final class ReleasedSchemas {

    private static final String ROOT = "released/";

    private final Map<String, List<Schema>> byName = new ConcurrentHashMap<>();

    private ReleasedSchemas() {
    }

    public static ReleasedSchemas load() {
        ReleasedSchemas released = new ReleasedSchemas();
        for (Schema current : SchemaCatalog.CURRENT) {
            released.byName.put(current.getFullName(), readVersions(current.getFullName()));
        }
        return released;
    }

    /** Released versions of a type, oldest first; empty if it was never released. */
    public List<Schema> versionsOf(String fullName) {
        return byName.getOrDefault(fullName, List.of());
    }

    private static List<Schema> readVersions(String fullName) {
        List<Schema> versions = new ArrayList<>();
        ClassLoader loader = ReleasedSchemas.class.getClassLoader();
        for (int version = 1; ; version++) {
            String path = ROOT + fullName + "/v" + version + ".avsc";
            try (InputStream in = loader.getResourceAsStream(path)) {
                if (in == null) {
                    return List.copyOf(versions);
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read released schema " + path, e);
            }
        }
    }
}
