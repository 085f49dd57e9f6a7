package dev.seatflow.processor.mirror;

import java.util.List;

/**
 * The Redis writes one record turns into, applied atomically by {@code mirror-apply.lua}.
 *
 * @param keys every key the writes touch, the tenant's sequence key first; all of one tenant (one slot)
 * @param sequence the event's tenant sequence; -1 for records without one (heartbeats)
 * @param operations flattened operations naming their keys by index in {@code keys} (see the script)
 */
record MirrorWrite(List<String> keys, long sequence, List<String> operations) {
}
