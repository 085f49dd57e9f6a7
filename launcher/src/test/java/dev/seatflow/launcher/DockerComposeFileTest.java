package dev.seatflow.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml stays consistent with the services' images, ports and health endpoints. */
class DockerComposeFileTest {

    private static final Logger log = LoggerFactory.getLogger(DockerComposeFileTest.class);
    private static final List<String> SERVICES = List.of("api-gateway", "seat-processor", "audit-sink", "expiry-warner");
    private static final Path COMPOSE = Path.of(System.getProperty("seatflow.repo-root", "..")).resolve("docker-compose.yml");

    @Test
    @SuppressWarnings("unchecked")
    void runsEveryServiceFromItsImageOnItsOwnPortWithAReadinessCheck() throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        for (String name : SERVICES) {
            Map<String, Object> service = (Map<String, Object>) services.get(name);
            assertThat(service).as(name).isNotNull();
            Map<String, Object> config = defaults(name);
            int port = (Integer) at(config, "server", "port");
            int management = (Integer) at(config, "management", "server", "port");
            assertThat(service.get("image")).isEqualTo("seatflow/" + name + ":" + System.getProperty("seatflow.version"));
            // Only the gateway's API is published on every interface; management ports on loopback only.
            List<String> published = new java.util.ArrayList<>(name.equals("api-gateway") ? List.of(port + ":" + port) : List.of());
            published.add("127.0.0.1:" + management + ":" + management);
            assertThat((List<String>) service.get("ports")).as(name).containsExactlyElementsOf(published);
            Map<String, Object> health = (Map<String, Object>) service.get("healthcheck");
            assertThat(health.get("test").toString()).contains("http://localhost:" + port + "/readyz");
            Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) service.get("depends_on");
            assertThat(dependsOn).containsKey("kafka");
            dependsOn.forEach((dependency, condition) -> {
                assertThat(condition).containsEntry("condition", "service_healthy");
                assertThat((Map<String, Object>) services.get(dependency)).as(dependency).containsKey("healthcheck");
            });
        }
    }

    @Test
    void isValidForDockerComposeWhereItsCliExists() throws Exception {
        boolean compose = run("docker", "compose", "version") == 0;
        if (!compose) {
            log.warn("SKIPPED docker compose config: the docker compose CLI is not installed here");
        }
        assumeTrue(compose, "docker compose CLI not available");
        assertThat(run("docker", "compose", "-f", COMPOSE.toString(), "config", "-q")).isZero();
    }

    private static Map<String, Object> compose() throws IOException {
        try (InputStream in = Files.newInputStream(COMPOSE)) {
            return new Yaml().load(in);
        }
    }

    /** The service's own configuration file, where its default ports are defined. */
    private static Map<String, Object> defaults(String service) throws IOException {
        try (InputStream in = DockerComposeFileTest.class.getClassLoader().getResourceAsStream(service + ".yml")) {
            return new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> config, String... keys) {
        Object value = config;
        for (String key : keys) {
            value = ((Map<String, Object>) value).get(key);
        }
        return value;
    }

    private static int run(String... command) throws Exception {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
