package dev.seatflow.gateway.commands;

import dev.seatflow.schemas.decision.SeatDecision;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Requests waiting for their decision, by command id. Requests with the same id and the same
 * request (a retry while the first still waits) share the decision; one with the same id and
 * another request (an Idempotency-Key reused while its first request waits) is refused, as the
 * processor refuses it once the first is decided. One that gives up does not take the decision
 * from the others.
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
        final ByteBuffer request;
        int requests;

        Waiting(ByteBuffer request) {
            this.request = request;
        }
    }

    /** @return the wait, or empty when a request with this id but another fingerprint is waiting */
    Optional<Waiter> await(UUID commandId, ByteBuffer request) {
        Waiting entry = waiting.compute(commandId, (id, current) -> {
            if (current != null && !current.request.equals(request)) {
                return current;
            }
            Waiting next = current != null ? current : new Waiting(request);
            next.requests++;
            return next;
        });
        return entry.request.equals(request) ? Optional.of(new Waiter(commandId, entry.decision)) : Optional.empty();
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
