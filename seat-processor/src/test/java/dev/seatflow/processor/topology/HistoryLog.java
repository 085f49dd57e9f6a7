package dev.seatflow.processor.topology;

import dev.seatflow.processor.topology.CommandHistories.Acquire;
import dev.seatflow.processor.topology.CommandHistories.ChangeExpiry;
import dev.seatflow.processor.topology.CommandHistories.Configure;
import dev.seatflow.processor.topology.CommandHistories.CreateLicense;
import dev.seatflow.processor.topology.CommandHistories.Delete;
import dev.seatflow.processor.topology.CommandHistories.ExplicitTick;
import dev.seatflow.processor.topology.CommandHistories.Heartbeat;
import dev.seatflow.processor.topology.CommandHistories.Release;
import dev.seatflow.processor.topology.CommandHistories.Repeat;
import dev.seatflow.processor.topology.CommandHistories.SetActive;
import dev.seatflow.processor.topology.CommandHistories.Step;
import dev.seatflow.processor.topology.ReplayDriver.LogRecord;
import dev.seatflow.schemas.command.AcquireSeat;
import dev.seatflow.schemas.command.ActivateLicense;
import dev.seatflow.schemas.command.ConfigureTenant;
import dev.seatflow.schemas.command.DeactivateLicense;
import dev.seatflow.schemas.command.DeleteLicense;
import dev.seatflow.schemas.command.ReleaseSeat;
import dev.seatflow.schemas.command.SeatCommand;
import dev.seatflow.schemas.command.Tick;
import dev.seatflow.schemas.command.UpdateLicense;
import dev.seatflow.schemas.common.Actor;
import dev.seatflow.schemas.common.Origin;
import dev.seatflow.schemas.common.Plan;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.common.Tier;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Turns a generated history into the records of a commands topic, by playing it on a processor:
 * a heartbeat or release names the session an earlier acquire was granted, which only its reply
 * tells. The processor's replies and events along the way are the straight run's outputs.
 */
final class HistoryLog {

    private final ReplayDriver driver;
    private final TopicCatalog topics;
    private final Random random;
    private final List<LogRecord> log = new ArrayList<>();
    private final List<SeatCommand> sent = new ArrayList<>();
    private final List<SeatCommand> acquires = new ArrayList<>();
    private final Map<UUID, SeatDecision> decisions = new HashMap<>();
    private final Map<String, UUID> licenses = new HashMap<>();
    private final ReplayOutputs outputs = new ReplayOutputs();
    private Instant brokerTime;

    private HistoryLog(ReplayDriver driver, Instant start, Random random) {
        this.driver = driver;
        this.topics = driver.topics();
        this.random = random;
        this.brokerTime = start;
    }

    /** The log of a history (ending with a tick long after its last command) and what a processor wrote reading it. */
    static Played play(List<Step> history, Instant start, Random random) {
        try (ReplayDriver driver = new ReplayDriver(start)) {
            HistoryLog played = new HistoryLog(driver, start, random);
            played.prologue().forEach(played::append);
            history.forEach(played::append);
            played.brokerTime = played.brokerTime.plus(Duration.ofDays(2));
            played.append(played.tick(played.brokerTime));
            played.outputs.deadLetters += driver.deadLetterCount();
            return new Played(List.copyOf(played.log), played.outputs);
        }
    }

    record Played(List<LogRecord> log, ReplayOutputs outputs) {
    }

    /**
     * Every tenant starts with a small seat cap and a license per key, some of which expire within
     * the history, so that seats run out, sessions lapse and licenses expire under live sessions.
     */
    private List<Step> prologue() {
        List<Step> steps = new ArrayList<>();
        for (int tenant = 0; tenant < CommandHistories.TENANTS; tenant++) {
            int ttl = List.of(0, 30, 60).get(random.nextInt(3));
            steps.add(new Step(0, false, tenant, new Configure(2, 1 + random.nextInt(3), ttl, random.nextInt(3))));
            for (int key = 0; key < CommandHistories.KEYS; key++) {
                int minutes = key == 0 ? 2 + random.nextInt(15) : 30 + random.nextInt(150);
                steps.add(new Step(0, false, tenant, new CreateLicense(key, minutes, random.nextInt(3))));
            }
        }
        return steps;
    }

    private void append(Step step) {
        brokerTime = brokerTime.plusMillis(step.advanceMillis());
        Instant stamp = step.stampedEarlier() ? brokerTime.minusMillis(1 + random.nextInt(10_000)) : brokerTime;
        String tenant = "tenant-" + step.tenant();
        if (step.action() instanceof ExplicitTick) {
            append(tick(stamp));
            return;
        }
        if (step.action() instanceof Repeat repeat) {
            if (!sent.isEmpty()) {
                SeatCommand again = sent.get(repeat.command() % sent.size());
                if (repeat.otherRequest()) {
                    again = SeatCommand.newBuilder(again).setPayload(sent.get(repeat.other() % sent.size()).getPayload()).build();
                }
                append(new LogRecord(again.getTenantId(), encode(again), stamp));
            }
            return;
        }
        SeatCommand command = command(tenant, stamp, step);
        sent.add(command);
        if (command.getPayload() instanceof AcquireSeat) {
            acquires.add(command);
        }
        append(new LogRecord(tenant, encode(command), stamp));
    }

    private void append(LogRecord record) {
        log.add(record);
        driver.append(record);
        outputs.add(record, driver.newReplies(), driver.newEvents(), topics);
        byte[] reply = outputs.reply(record);
        if (reply != null) {
            SeatDecision decision = topics.replies().valueSerde().deserializer().deserialize(topics.replies().name(), reply);
            decisions.putIfAbsent(decision.getCommandId(), decision);
        }
    }

    private SeatCommand command(String tenant, Instant issued, Step step) {
        Asked asked = asked(tenant, issued, step.action());
        return new SeatCommand(new UUID(random.nextLong(), random.nextLong()), tenant, issued, asked.actor(),
                new Origin("10.0.0." + step.tenant(), "replay"), 0, asked.payload());
    }

    /** Who asks for what. */
    private record Asked(Actor actor, Object payload) {
    }

    private Asked asked(String tenant, Instant issued, CommandHistories.Action action) {
        Actor admin = new Actor("admin", Role.ADMIN);
        if (action instanceof Acquire acquire) {
            return new Asked(new Actor("user-" + acquire.user(), Role.MEMBER),
                    new AcquireSeat(key(tenant, acquire.key()), "machine-" + acquire.machine()));
        }
        if (action instanceof Heartbeat heartbeat) {
            return new Asked(sessionUser(heartbeat.user(), heartbeat.acquire()),
                    new dev.seatflow.schemas.command.Heartbeat(session(heartbeat.acquire())));
        }
        if (action instanceof Release release) {
            return new Asked(release.byAdmin() ? admin : sessionUser(release.user(), release.acquire()),
                    new ReleaseSeat(session(release.acquire())));
        }
        if (action instanceof CreateLicense create) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            licenses.put(key(tenant, create.key()), id);
            return new Asked(admin, new dev.seatflow.schemas.command.CreateLicense(id, key(tenant, create.key()), Tier.PRO,
                    List.of("analytics"), issued.plus(Duration.ofMinutes(create.expiryMinutes())), create.perUser()));
        }
        if (action instanceof ChangeExpiry change) {
            return new Asked(admin, new UpdateLicense(license(tenant, change.key()), null, null,
                    issued.plus(Duration.ofMinutes(change.expiryMinutes())), null));
        }
        if (action instanceof SetActive set) {
            UUID id = license(tenant, set.key());
            return new Asked(admin, set.active() ? new ActivateLicense(id) : new DeactivateLicense(id));
        }
        if (action instanceof Delete delete) {
            return new Asked(admin, new DeleteLicense(license(tenant, delete.key())));
        }
        if (action instanceof Configure configure) {
            Plan plan = Plan.values()[configure.plan()];
            return new Asked(new Actor("owner", Role.OWNER), new ConfigureTenant(plan, plan == Plan.ENTERPRISE ? configure.seats() : null,
                    configure.ttlSeconds() == 0 ? null : configure.ttlSeconds(), null,
                    configure.perUser() < 0 ? null : configure.perUser()));
        }
        throw new IllegalArgumentException("not a command: " + action);
    }

    /** The session an earlier acquire got, or an id nobody holds when it got none. */
    private UUID session(int acquire) {
        if (acquires.isEmpty()) {
            return new UUID(random.nextLong(), random.nextLong());
        }
        SeatDecision decision = decisions.get(acquires.get(acquire % acquires.size()).getCommandId());
        return decision != null && decision.getSession() != null ? decision.getSession().getSessionId()
                : new UUID(random.nextLong(), random.nextLong());
    }

    /** Mostly the acquirer (so that heartbeats extend), sometimes a stranger to the session. */
    private Actor sessionUser(int user, int acquire) {
        if (user == CommandHistories.USERS - 1 || acquires.isEmpty()) {
            return new Actor("user-" + user, Role.MEMBER);
        }
        return acquires.get(acquire % acquires.size()).getActor();
    }

    private UUID license(String tenant, int key) {
        UUID id = licenses.get(key(tenant, key));
        return id != null ? id : new UUID(random.nextLong(), random.nextLong());
    }

    private static String key(String tenant, int key) {
        return tenant + "-KEY-" + key;
    }

    private LogRecord tick(Instant time) {
        return tickAt(topics, time, random);
    }

    private byte[] encode(SeatCommand command) {
        return topics.commands().valueSerde().serializer().serialize(topics.commands().name(), command);
    }

    /** A tick record as the processor writes one, for tests that insert their own. */
    static LogRecord tickAt(TopicCatalog topics, Instant time, Random random) {
        SeatCommand tick = new SeatCommand(new UUID(random.nextLong(), random.nextLong()), "", time,
                new Actor("system", Role.SYSTEM), new Origin(null, null), -1, new Tick());
        return new LogRecord(null, topics.commands().valueSerde().serializer().serialize(topics.commands().name(), tick), time);
    }
}
