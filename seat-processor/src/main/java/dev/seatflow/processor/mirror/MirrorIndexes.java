package dev.seatflow.processor.mirror;

import dev.seatflow.support.redis.RedisConnector;
import dev.seatflow.support.redis.RedisKeys;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the time indexes the gateway pages through ({@code licenses_by_created},
 * {@code sessions_by_start}, {@code user_sessions:{u}}) once for a mirror written by a release
 * before them. The mirror's writes keep them from then on; a flushed Redis is rebuilt from the
 * events, indexes included, so an empty Redis needs nothing here. A marker key records that it ran;
 * deleting it (after a rolling upgrade in which old mirrors wrote without indexing) runs it again.
 */
final class MirrorIndexes {

    private static final Logger log = LoggerFactory.getLogger(MirrorIndexes.class);
    private static final String LICENSES = ":licenses";
    private static final String SESSIONS = ":active_sessions";

    private final RedisConnector redis;
    private final RedisKeys keys;
    private final String script;

    MirrorIndexes(RedisConnector redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
        this.script = read();
    }

    /** Builds the indexes unless Redis says they are built; one GET when they are. */
    void ensureBuilt() {
        RedisCommands<String, String> sync = redis.connection().sync();
        String marker = keys.mirrorIndexesBuilt();
        if (sync.get(marker) == null) {
            Set<String> tenants = tenants(sync);
            long added = 0;
            for (String tenant : tenants) {
                added += sync.<Long>eval(script, ScriptOutputType.INTEGER,
                        new String[] {keys.licenses(tenant), keys.licensesByCreation(tenant), keys.activeSessions(tenant), keys.sessionsByStart(tenant)},
                        keys.license(tenant, ""), keys.session(""), keys.userSessionsByStart(tenant, ""));
            }
            sync.set(marker, "1");
            log.info("mirror time indexes built for {} tenants ({} entries added)", tenants.size(), added);
        }
    }

    /** Tenants that have a license set or a live-session set, found by SCAN (never KEYS). */
    private Set<String> tenants(RedisCommands<String, String> sync) {
        Set<String> tenants = new TreeSet<>();
        String start = keys.prefix() + "tenant:";
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = sync.scan(cursor, ScanArgs.Builder.matches(start + "*").limit(1_000));
            for (String key : page.getKeys()) {
                String rest = key.substring(start.length());
                if (rest.endsWith(LICENSES) || rest.endsWith(SESSIONS)) {
                    String tenant = rest.substring(0, rest.lastIndexOf(':'));
                    if (!tenant.contains(":")) {
                        tenants.add(tenant);
                    }
                }
            }
            cursor = page;
        } while (!cursor.isFinished());
        return tenants;
    }

    private static String read() {
        try (InputStream in = MirrorIndexes.class.getResourceAsStream("/lua/mirror-index-backfill.lua")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
