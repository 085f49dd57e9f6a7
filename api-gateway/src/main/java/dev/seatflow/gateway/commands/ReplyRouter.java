package dev.seatflow.gateway.commands;

import dev.seatflow.schemas.DeciderVersion;
import dev.seatflow.schemas.decision.SeatDecision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which reply answers a request, and checks every early answer against the log.
 *
 * <p>An early reply (read before its transaction commits) answers at once when it was decided by
 * this gateway's {@link DeciderVersion}: any replay of the same log by the same logic decides the
 * same. Its command record is remembered until the record's committed reply arrives and is
 * compared with it ({@code confirmed}); a second early reply for the same record (the replay after
 * an aborted transaction) is compared too ({@code replayed}). A difference is a bug
 * ({@code divergent}, ERROR log with both). Neither answers anyone again: requests waiting now with
 * the same command id sent records of their own (a client's retry with the same key, or the key
 * reused for another request) and wait for those records' replies. A reply for another record
 * with the id of a command already answered is not compared ({@code retried}): a heartbeat is
 * decided again, so its answer may move on. A reply of another version (a rolling upgrade) never
 * answers early: the committed reply does, whatever a replay then decides.
 */
final class ReplyRouter {

    private static final Logger log = LoggerFactory.getLogger(ReplyRouter.class);
    /** How long an early answer waits for its committed reply before it is counted unconfirmed and forgotten. */
    static final Duration CONFIRM_WITHIN = Duration.ofMinutes(5);

    private final PendingDecisions pending;
    private final Clock clock;
    /** Records answered early, until their committed reply; keyed by command id and record position. */
    private final Map<Reply.Record, Answered> answered = new ConcurrentHashMap<>();
    private final Counter replayed;
    private final Counter retried;
    private final Counter divergent;
    private final Counter confirmed;
    private final Counter otherVersion;
    private final Counter unconfirmed;

    private record Answered(Reply reply, Instant at) {
    }

    ReplyRouter(PendingDecisions pending, MeterRegistry meters, Clock clock) {
        this.pending = pending;
        this.clock = clock;
        this.replayed = counter(meters, "replayed", "Early replies written again for a command record already answered (a replay after an abort), equal to the first");
        this.retried = counter(meters, "retried", "Early replies for another record with the id of a command already answered (a client's retry), not compared");
        this.divergent = counter(meters, "divergent", "Replies that differ from the early answer already given for the same command: a bug");
        this.confirmed = counter(meters, "confirmed", "Early answers whose committed reply is equal");
        this.otherVersion = counter(meters, "other_version", "Early replies of another decider version, left for the committed reply to answer");
        this.unconfirmed = counter(meters, "unconfirmed", "Early answers whose committed reply did not arrive within " + CONFIRM_WITHIN);
    }

    private static Counter counter(MeterRegistry meters, String name, String description) {
        return Counter.builder("seatflow.gateway.replies." + name).description(description).register(meters);
    }

    /** A reply read before its transaction committed. */
    void early(Reply reply) {
        SeatDecision decision = reply.decision();
        Answered same = answered.get(reply.record());
        if (same != null) {
            compare(same.reply().decision(), decision, "a later reply", replayed);
            return;
        }
        if (answered.keySet().stream().anyMatch(record -> record.commandId().equals(decision.getCommandId()))) {
            retried.increment();
        }
        if (decision.getDeciderVersion() != DeciderVersion.CURRENT) {
            otherVersion.increment();
            return;
        }
        if (pending.decided(decision)) {
            answered.put(reply.record(), new Answered(reply, clock.instant()));
        }
    }

    /**
     * A committed reply: confirms the early answer from the same record, or answers whoever still
     * waits. A record answered early has answered its requests: a request waiting now with the
     * same command id sent a record of its own (a retry, or a key reused for another request) and
     * waits for that record's reply, not this one.
     */
    void committed(Reply reply) {
        SeatDecision decision = reply.decision();
        Answered first = answered.remove(reply.record());
        if (first != null) {
            compare(first.reply().decision(), decision, "the committed reply", confirmed);
            return;
        }
        pending.decided(decision);
    }

    /** Forgets early answers whose committed reply never came (counted); called now and then. */
    void forgetUnconfirmed() {
        Instant oldest = clock.instant().minus(CONFIRM_WITHIN);
        answered.entrySet().removeIf(entry -> {
            boolean stale = entry.getValue().at().isBefore(oldest);
            if (stale) {
                unconfirmed.increment();
                log.warn("no committed reply for command {} within {} of its early answer", entry.getKey(), CONFIRM_WITHIN);
            }
            return stale;
        });
    }

    int awaitingConfirmation() {
        return answered.size();
    }

    private void compare(SeatDecision first, SeatDecision later, String what, Counter whenEqual) {
        if (first.equals(later)) {
            whenEqual.increment();
        } else {
            divergent.increment();
            log.error("divergent replies for command {}: answered {}, then {} was {}", first.getCommandId(), first, what, later);
        }
    }
}
