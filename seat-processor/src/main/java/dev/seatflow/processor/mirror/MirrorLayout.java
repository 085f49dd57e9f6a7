package dev.seatflow.processor.mirror;

import dev.seatflow.support.redis.RedisConnector;
import dev.seatflow.support.redis.RedisKeys;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the key layout the mirror writes ({@link RedisKeys#LAYOUT}) and removes a mirror of key
 * layout 1 when, and only when, an operator asks for it by recording layout {@code 1}. Never on its
 * own: during a rolling upgrade old processors still keep layout 1 (and old gateways read it), and
 * deleting its offsets would make them rebuild it all. A missing layout key (fresh install, flush,
 * eviction) is simply recorded; if layout 1's own progress keys are found then, a warning says how
 * to remove it. One GET when the layout is current. Deleting is idempotent: mirrors may race.
 */
final class MirrorLayout {

    private static final Logger log = LoggerFactory.getLogger(MirrorLayout.class);
    private static final int BATCH = 500;
    /** What an operator records to have layout 1's keys deleted (README: upgrading the mirror). */
    private static final String REMOVE_LAYOUT_ONE = "1";

    private final RedisConnector redis;
    private final RedisKeys keys;
    private final LayoutOneKeys layoutOne;

    MirrorLayout(RedisConnector redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
        this.layoutOne = new LayoutOneKeys(keys.prefix());
    }

    void ensureCurrent() {
        RedisClusterCommands<String, String> sync = redis.connection().sync();
        String recorded = sync.get(keys.mirrorLayout());
        if (RedisKeys.LAYOUT.equals(recorded)) {
            return;
        }
        boolean layoutOneHere = hasLayoutOne(sync);
        if (REMOVE_LAYOUT_ONE.equals(recorded)) {
            long deleted = layoutOneHere ? deleteLayoutOne(sync) : 0;
            log.info("redis mirror: asked to delete key layout 1; {} keys deleted", deleted);
        } else if (layoutOneHere) {
            log.warn("redis mirror: keys of key layout 1 remain beside layout {}; once no earlier release runs, "
                    + "SET {} {} to have them deleted", RedisKeys.LAYOUT, keys.mirrorLayout(), REMOVE_LAYOUT_ONE);
        }
        sync.set(keys.mirrorLayout(), RedisKeys.LAYOUT);
    }

    /** Layout 1's progress keys are its evidence: data keys alone may be another application's. */
    private boolean hasLayoutOne(RedisClusterCommands<String, String> sync) {
        boolean[] found = {false};
        for (LayoutOneKeys.Shape shape : LayoutOneKeys.SHAPES) {
            if (shape.progress() && !found[0]) {
                scan(sync, shape, page -> found[0] = true);
            }
        }
        return found[0];
    }

    /** Data first, progress last: a cleanup cut short still finds its evidence and runs again. */
    private long deleteLayoutOne(RedisClusterCommands<String, String> sync) {
        long[] deleted = {0};
        for (boolean progress : new boolean[] {false, true}) {
            for (LayoutOneKeys.Shape shape : LayoutOneKeys.SHAPES) {
                if (shape.progress() == progress) {
                    scan(sync, shape, page -> {
                        deleted[0] += sync.del(page.toArray(String[]::new));
                        return false;
                    });
                }
            }
        }
        return deleted[0];
    }

    /**
     * SCANs (never KEYS; on a cluster Lettuce scans every master in turn) for the shape's keys in
     * pages, handing each page's keys of that shape over until {@code stop} says so.
     */
    private void scan(RedisClusterCommands<String, String> sync, LayoutOneKeys.Shape shape, Predicate<List<String>> stop) {
        ScanArgs args = ScanArgs.Builder.matches(layoutOne.pattern(shape)).limit(BATCH);
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = sync.scan(cursor, args);
            List<String> found = page.getKeys().stream().filter(key -> layoutOne.matches(shape, key)).toList();
            if (!found.isEmpty() && stop.test(found)) {
                return;
            }
            cursor = page;
        } while (!cursor.isFinished());
    }
}
