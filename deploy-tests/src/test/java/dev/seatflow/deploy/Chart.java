package dev.seatflow.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.yaml.snakeyaml.Yaml;

/** Renders helm/seatflow through helm-java (the Helm engine as a native library, no helm binary). */
final class Chart {

    static final Path REPO_ROOT = Path.of(System.getProperty("seatflow.repo-root", "..")).toAbsolutePath().normalize();
    static final Path DIR = REPO_ROOT.resolve("helm/seatflow");
    static final Path PRODUCTION_VALUES = DIR.resolve("values-production.yaml");
    static final String RELEASE = "seatflow";

    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

    private Chart() {
    }

    static Helm helm() {
        return new Helm(DIR);
    }

    /** What an install must set beyond values.yaml; the tests that render "defaults" set it too. */
    static final Map<String, Object> REQUIRED = Map.of("firebase.projectId", "example-project");

    /** Default values, cached: rendering is the slow part and the output never changes within a run. */
    static Rendered defaults() {
        return CACHE.computeIfAbsent("defaults", k -> render(null, Map.of()));
    }

    static Rendered production() {
        return CACHE.computeIfAbsent("production", k -> render(PRODUCTION_VALUES, Map.of()));
    }

    static Rendered render(Path valuesFile, Map<String, Object> sets) {
        TemplateCommand command = helm().template().withName(RELEASE).withNamespace("seatflow");
        if (valuesFile != null) {
            command.withValuesFile(valuesFile);
        } else {
            REQUIRED.forEach(command::set);
        }
        sets.forEach(command::set);
        return new Rendered(command.call());
    }

    /** The rendered manifest as Kubernetes objects. */
    record Rendered(String text, List<Map<String, Object>> objects) {

        Rendered(String text) {
            this(text, parse(text));
        }

        private static List<Map<String, Object>> parse(String text) {
            Iterable<Object> documents = new Yaml().loadAll(text);
            return StreamSupport.stream(documents.spliterator(), false).filter(Objects::nonNull)
                    .map(Yaml2::map).collect(Collectors.toList());
        }

        List<Map<String, Object>> ofKind(String kind) {
            return objects.stream().filter(o -> kind.equals(o.get("kind"))).collect(Collectors.toList());
        }

        Map<String, Object> get(String kind, String name) {
            return objects.stream().filter(o -> kind.equals(o.get("kind")) && name.equals(Yaml2.at(o, "metadata.name")))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered; have " + names()));
        }

        boolean has(String kind, String name) {
            return objects.stream().anyMatch(o -> kind.equals(o.get("kind")) && name.equals(Yaml2.at(o, "metadata.name")));
        }

        List<String> names() {
            List<String> names = new ArrayList<>();
            objects.forEach(o -> names.add(o.get("kind") + "/" + Yaml2.at(o, "metadata.name")));
            return names;
        }
    }
}
