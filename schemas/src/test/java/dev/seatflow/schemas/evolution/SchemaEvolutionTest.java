package dev.seatflow.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/** Fails when a schema change cannot read data written with an already released version. */
class SchemaEvolutionTest {

    private final ReleasedSchemas released = ReleasedSchemas.load();

    @Test
    void everyCurrentSchemaHasAReleasedVersion() {
        for (Schema current : SchemaCatalog.CURRENT) {
            assertThat(released.versionsOf(current.getFullName()))
                    .as("released versions of %s (run ReleaseSchemas)", current.getFullName())
                    .isNotEmpty();
        }
    }

    @Test
    void everyCurrentSchemaReadsEveryReleasedVersion() {
        List<String> problems = new ArrayList<>();
        for (Schema current : SchemaCatalog.CURRENT) {
            problems.addAll(incompatibilities(current, released.versionsOf(current.getFullName())));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void guardRejectsANewFieldWithoutDefault() {
        Schema v1 = released.versionsOf("dev.seatflow.schemas.common.TenantSettings").get(0);
        String json = v1.toString().replace("\"fields\":[",
                "\"fields\":[{\"name\":\"region\",\"type\":\"string\"},");
        Schema changed = new Schema.Parser().parse(json);

        assertThat(incompatibilities(changed, List.of(v1))).singleElement().asString().contains("region");
    }

    @Test
    void guardAcceptsANewFieldWithDefault() {
        Schema v1 = released.versionsOf("dev.seatflow.schemas.common.TenantSettings").get(0);
        String json = v1.toString().replace("\"fields\":[",
                "\"fields\":[{\"name\":\"region\",\"type\":\"string\",\"default\":\"eu\"},");

        assertThat(incompatibilities(new Schema.Parser().parse(json), List.of(v1))).isEmpty();
    }

    private static List<String> incompatibilities(Schema reader, List<Schema> writers) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < writers.size(); i++) {
            var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writers.get(i)).getResult();
            if (result.getCompatibility() != SchemaCompatibilityType.COMPATIBLE) {
                problems.add(reader.getFullName() + " cannot read v" + (i + 1) + ": " + result.getIncompatibilities());
            }
        }
        return problems;
    }
}
