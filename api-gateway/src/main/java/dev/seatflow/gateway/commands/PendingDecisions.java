package dev.seatflow.gateway.commands;

import dev.seatflow.schemas.decision.SeatDecision;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Requests waiting for their decision, by command id; requests retried with the same key share one. */
final class PendingDecisions {

    private final Map<UUID, CompletableFuture<SeatDecision>> waiting = new ConcurrentHashMap<>();

    CompletableFuture<SeatDecision> await(UUID commandId) {
        return waiting.computeIfAbsent(commandId, id -> new CompletableFuture<>());
    }

    void decided(SeatDecision decision) {
        CompletableFuture<SeatDecision> future = waiting.remove(decision.getCommandId());
        if (future != null) {
            future.complete(decision);
        }
    }

    void abandon(UUID commandId, CompletableFuture<SeatDecision> future) {
        waiting.remove(commandId, future);
    }

    int size() {
        return waiting.size();
    }
}
