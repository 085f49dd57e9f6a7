package dev.seatflow.processor.mirror;

import java.util.List;

/**
 * The Redis writes one record turns into, applied atomically by {@code mirror-apply.lua}.
 *
 * @param sequenceKey the tenant's sequence key
 * @param sequence the event's tenant sequence; -1 for records without one (heartbeats)
 * @param operations flattened operations (see the script)
 */
record MirrorWrite(String sequenceKey, long sequence, List<String> operations) {
}
