package dev.seatflow.bench.scenario;

import dev.seatflow.bench.load.Call;
import dev.seatflow.bench.load.OpenLoopGenerator.RequestSource;
import dev.seatflow.bench.scenario.Fixture.Tenant;
import dev.seatflow.bench.system.ApiClient;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;

/** What each scenario sends at each tick. Sources run on the generator's sending thread only. */
public final class Workloads {

    /** Statuses that count as success per operation; everything else is an error. */
    public static final Map<String, Set<Integer>> EXPECTED = Map.of(
            "acquire", Set.of(200, 201),
            "heartbeat", Set.of(200),
            "release", Set.of(200),
            "burst-acquire", Set.of(201, 409));

    private Workloads() {
    }

    /** Scenario 1: every request a new machine on a random tenant, license and user. */
    public static RequestSource acquireOnly(Fixture fixture, String tag, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return index -> acquire(fixture, random, tag + "-" + index);
    }

    /** Scenario 2: the original design's mix, 40% acquire, 40% heartbeat, 20% release, over live sessions. */
    public static RequestSource mixed(Fixture fixture, SessionPool pool, String tag, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return index -> {
            double pick = random.nextDouble();
            if (pick >= 0.4 && pick < 0.8) {
                SessionPool.Live live = pool.random(random);
                if (live != null) {
                    return ApiClient.heartbeatCall(live.token(), live.sessionId());
                }
            } else if (pick >= 0.8) {
                SessionPool.Live live = pool.takeRandom(random);
                if (live != null) {
                    return ApiClient.releaseCall(live.token(), live.sessionId());
                }
            }
            Tenant tenant = fixture.tenants().get(random.nextInt(fixture.tenants().size()));
            String token = tenant.userTokens().get(random.nextInt(tenant.userTokens().size()));
            String key = tenant.licenseKeys().get(random.nextInt(tenant.licenseKeys().size()));
            return ApiClient.acquireCall("acquire", token, key, "hw-" + tag + "-" + index).then((status, body) -> {
                if (status == 201) {
                    pool.add(new SessionPool.Live(token, ApiClient.id(body)));
                }
            });
        };
    }

    /** Scenario 4: heartbeats round-robin over a fixed set of live sessions. */
    public static RequestSource heartbeats(List<SessionPool.Live> sessions) {
        return index -> {
            SessionPool.Live live = sessions.get((int) (index % sessions.size()));
            return ApiClient.heartbeatCall(live.token(), live.sessionId());
        };
    }

    /** Acquire calls for new machines spread over the fixture (setting up live sessions). */
    public static List<Call> acquires(Fixture fixture, String tag, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> acquire(fixture, random, tag + "-" + i)).toList();
    }

    private static Call acquire(Fixture fixture, SplittableRandom random, String machine) {
        Tenant tenant = fixture.tenants().get(random.nextInt(fixture.tenants().size()));
        return ApiClient.acquireCall("acquire", tenant.userTokens().get(random.nextInt(tenant.userTokens().size())),
                tenant.licenseKeys().get(random.nextInt(tenant.licenseKeys().size())), "hw-" + machine);
    }

    /** The sessions acquired by {@code calls}, with the token of the user that holds each. */
    public static List<SessionPool.Live> live(List<Call> calls, List<String> sessionIds) {
        return java.util.stream.IntStream.range(0, calls.size())
                .mapToObj(i -> new SessionPool.Live(calls.get(i).bearerToken(), sessionIds.get(i))).toList();
    }
}
