package dev.seatflow.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seatflow.schemas.SampleRecords;
import java.nio.ByteBuffer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * Round trip through a real Apicurio Registry: the one named by SEATFLOW_SCHEMA_REGISTRY_URL, else
 * a Testcontainers one. Skipped, with the reason logged, where neither exists.
 */
class RegistryAvroSerdeTest {

    private static final Logger log = LoggerFactory.getLogger(RegistryAvroSerdeTest.class);
    private static GenericContainer<?> container;
    private static String registryUrl;

    @BeforeAll
    static void registry() {
        registryUrl = System.getenv("SEATFLOW_SCHEMA_REGISTRY_URL");
        if (registryUrl != null && !registryUrl.isBlank()) {
            log.info("schema registry round trip against {} (SEATFLOW_SCHEMA_REGISTRY_URL)", registryUrl);
            return;
        }
        boolean docker = DockerClientFactory.instance().isDockerAvailable();
        if (!docker) {
            log.warn("SKIPPED schema registry round trip: no SEATFLOW_SCHEMA_REGISTRY_URL and no Docker engine for an Apicurio Registry container");
        }
        assumeTrue(docker, "no schema registry available (no Docker, no SEATFLOW_SCHEMA_REGISTRY_URL)");
        container = new GenericContainer<>("apicurio/apicurio-registry:3.1.7")
                .withExposedPorts(8080)
                .waitingFor(Wait.forHttp("/apis/registry/v3/system/info").forStatusCode(200));
        container.start();
        registryUrl = "http://" + container.getHost() + ":" + container.getMappedPort(8080) + "/apis/registry/v3";
        log.info("schema registry round trip against Testcontainers Apicurio Registry at {}", registryUrl);
    }

    @AfterAll
    static void stop() {
        if (container != null) {
            container.stop();
        }
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void roundTripsEveryRecordShapeWithConfluentCompatibleFraming() {
        AvroSerdeFactory serdes = AvroSerdeFactory.create(SerdeSettings.registry(registryUrl));
        for (SpecificRecord record : SampleRecords.all()) {
            Serde serde = serdes.valueSerde(record.getClass());
            byte[] bytes = serde.serializer().serialize("seatflow.test.v1", record);
            assertThat(bytes[0]).as("magic byte").isZero();
            assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).as("schema id").isPositive();
            assertThat(serde.deserializer().deserialize("seatflow.test.v1", bytes)).isEqualTo(record);
        }
    }
}
