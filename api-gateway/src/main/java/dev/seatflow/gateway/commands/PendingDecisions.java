package dev.seatflow.gateway.commands;

import dev.seatflow.schemas.decision.SeatDecision;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Requests waiting for their decision, by command id. Requests with the same id (a retry while
 * the first still waits) share the decision; one that gives up does not take it from the others.
 * Decisions are handed over on {@code dispatch}, never on the thread that read them, so a slow
 * request (signing a license) cannot hold up the replies behind it.
 */
final class PendingDecisions {

    private final Map<UUID, Waiting> waiting = new ConcurrentHashMap<>();
    private final Executor dispatch;

    PendingDecisions(Executor dispatch) {
        this.dispatch = dispatch;
    }

    /** One request's wait; {@link #abandon} it when the request ends without the decision. */
    record Waiter(UUID commandId, CompletableFuture<SeatDecision> decision) {
    }

    private static final class Waiting {
        final CompletableFuture<SeatDecision> decision = new CompletableFuture<>();
        int requests;
    }

    Waiter await(UUID commandId) {
        Waiting entry = waiting.compute(commandId, (id, current) -> {
            Waiting next = current != null ? current : new Waiting();
            next.requests++;
            return next;
        });
        return new Waiter(commandId, entry.decision);
    }

    /** Hands the decision to every request waiting for it; false when none was. */
    boolean decided(SeatDecision decision) {
        Waiting entry = waiting.remove(decision.getCommandId());
        if (entry == null) {
            return false;
        }
        entry.decision.completeAsync(() -> decision, dispatch);
        return true;
    }

    void abandon(Waiter waiter) {
        waiting.computeIfPresent(waiter.commandId(), (id, entry) ->
                entry.decision != waiter.decision() || --entry.requests > 0 ? entry : null);
    }

    int size() {
        return waiting.size();
    }
}
