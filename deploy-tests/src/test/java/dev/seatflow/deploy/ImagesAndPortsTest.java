package dev.seatflow.deploy;

import static dev.seatflow.deploy.Yaml2.at;
import static dev.seatflow.deploy.Yaml2.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.yaml.snakeyaml.Yaml;

/** The chart, docker-compose.yml and the Jib configuration name the same images, ports and user. */
class ImagesAndPortsTest {

    private static final Path ROOT = Chart.REPO_ROOT;

    @Test
    @SuppressWarnings("unchecked")
    void chartComposeAndJibAgreeOnImagesAndPorts() throws Exception {
        Map<String, Object> compose = yaml(ROOT.resolve("docker-compose.yml"));
        String prefix = pomValue(ROOT.resolve("pom.xml"), "/project/properties/seatflow.image.prefix");
        String version = pomValue(ROOT.resolve("pom.xml"), "/project/version");
        assertThat(version).isEqualTo(System.getProperty("seatflow.version", version));
        Chart.Rendered rendered = Chart.defaults();
        for (Service service : Service.values()) {
            Map<String, Object> composeService = map(at(compose, "services." + service.name));
            // Jib: <prefix><artifactId>:<project version>, port from the module's seatflow.http.port.
            String jibImage = prefix + service.name + ":" + version;
            int jibPort = Integer.parseInt(pomValue(ROOT.resolve(service.name).resolve("pom.xml"), "/project/properties/seatflow.http.port"));
            assertThat(composeService.get("image")).as(service.name).isEqualTo(jibImage);
            assertThat(service.container(rendered).get("image")).as(service.name).isEqualTo(jibImage);
            // The management port as the service defines it; Compose publishes it on loopback only, and
            // only the gateway's API on every interface.
            int managementPort = (Integer) at(yaml(ROOT.resolve(service.name + "/src/main/resources/" + service.name + ".yml")), "management.server.port");
            List<String> published = new java.util.ArrayList<>(service == Service.API_GATEWAY ? List.of(jibPort + ":" + jibPort) : List.of());
            published.add("127.0.0.1:" + managementPort + ":" + managementPort);
            assertThat(List.copyOf((List<String>) composeService.get("ports"))).as(service.name).containsExactlyElementsOf(published);
            assertThat(service.containerPort(rendered)).as(service.name).isEqualTo(jibPort);
            assertThat(service.managementPort(rendered)).as(service.name).isEqualTo(managementPort);
            assertThat(at(composeService, "healthcheck.test").toString()).contains(":" + jibPort + "/readyz");
        }
    }

    @Test
    void podsRunAsTheUserTheImagesAreBuiltWith() throws Exception {
        String user = pomValue(ROOT.resolve("pom.xml"),
                "/project/build/pluginManagement/plugins/plugin[artifactId='jib-maven-plugin']/configuration/container/user");
        assertThat(user).isEqualTo("10001:10001");
        for (Service service : Service.values()) {
            Map<String, Object> pod = service.pod(Chart.defaults());
            assertThat(at(pod, "securityContext.runAsUser") + ":" + at(pod, "securityContext.runAsGroup")).isEqualTo(user);
        }
    }

    @Test
    void productionImagesComeFromTheRegistryPrefixWithTheSameNames() {
        for (Service service : Service.values()) {
            assertThat(service.container(Chart.production()).get("image"))
                    .isEqualTo("europe-west1-docker.pkg.dev/acme-seatflow/seatflow/" + service.name + ":0.1.0-SNAPSHOT");
        }
    }

    private static Map<String, Object> yaml(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return new Yaml().load(in);
        }
    }

    private static String pomValue(Path pom, String xpath) throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        String value = XPathFactory.newInstance().newXPath().evaluate(xpath, document).trim();
        assertThat(value).as(xpath + " in " + pom).isNotEmpty();
        return value;
    }
}
