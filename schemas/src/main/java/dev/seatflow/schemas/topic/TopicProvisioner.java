package dev.seatflow.schemas.topic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics that do not exist yet. Existing topics keep their configuration, except the
 * configs a spec marks as required, which are set again where they differ (a topic created by an
 * older version, or by hand).
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final long TIMEOUT_SECONDS = 30;

    private TopicProvisioner() {
    }

    /**
     * @param replicationFactor empty for the broker's default
     */
    public static void ensure(Admin admin, List<TopicSpec> specs, Optional<Short> replicationFactor) {
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Set<String> foundExisting = create(admin, specs.stream().filter(spec -> !existing.contains(spec.name())).toList(), replicationFactor);
            enforce(admin, specs.stream()
                    .filter(spec -> (existing.contains(spec.name()) || foundExisting.contains(spec.name())) && !spec.required().isEmpty())
                    .toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot provision topics: " + e.getMessage(), e);
        }
    }

    /**
     * Creates the missing topics; returns those that existed after all. The topic list is metadata
     * that lags (a topic created a moment ago, or by another service starting at the same time, may
     * not be listed yet), so such a topic is found here and its required settings enforced too.
     */
    private static Set<String> create(Admin admin, List<TopicSpec> missing, Optional<Short> replicationFactor)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existed = new HashSet<>();
        if (missing.isEmpty()) {
            return existed;
        }
        List<NewTopic> topics = missing.stream()
                .map(spec -> new NewTopic(spec.name(), Optional.of(spec.partitions()), replicationFactor).configs(spec.creationConfigs()))
                .toList();
        for (var entry : admin.createTopics(topics).values().entrySet()) {
            try {
                entry.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                log.info("created topic {}", entry.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                existed.add(entry.getKey());
            }
        }
        return existed;
    }

    private static void enforce(Admin admin, List<TopicSpec> specs) throws InterruptedException, ExecutionException, TimeoutException {
        if (specs.isEmpty()) {
            return;
        }
        List<ConfigResource> resources = specs.stream().map(spec -> new ConfigResource(ConfigResource.Type.TOPIC, spec.name())).toList();
        Map<ConfigResource, Config> current = admin.describeConfigs(resources).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        for (TopicSpec spec : specs) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
            Collection<AlterConfigOp> changes = new ArrayList<>();
            spec.required().forEach((key, wanted) -> {
                ConfigEntry entry = current.get(resource).get(key);
                String actual = entry == null ? null : entry.value();
                if (!wanted.equals(actual)) {
                    log.warn("topic {} has {}={}, the platform needs {}: changing it", spec.name(), key, actual, wanted);
                    changes.add(new AlterConfigOp(new ConfigEntry(key, wanted), AlterConfigOp.OpType.SET));
                }
            });
            if (!changes.isEmpty()) {
                admin.incrementalAlterConfigs(Map.of(resource, changes)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                awaitApplied(admin, resource, spec.required());
            }
        }
    }

    /**
     * The controller has accepted a change when the call returns; a broker applies it when its
     * metadata catches up, which under load takes a moment. Until then it would stamp commands with
     * their producer's time, so provisioning returns only once a broker describes the change.
     */
    private static void awaitApplied(Admin admin, ConfigResource resource, Map<String, String> wanted)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            Config config = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(resource);
            boolean applied = wanted.entrySet().stream().allMatch(entry -> {
                ConfigEntry actual = config.get(entry.getKey());
                return actual != null && entry.getValue().equals(actual.value());
            });
            if (applied) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("topic " + resource.name() + " does not show " + wanted + " after changing it");
            }
            Thread.sleep(100);
        }
    }
}
