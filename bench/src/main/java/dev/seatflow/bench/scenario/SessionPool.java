package dev.seatflow.bench.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Live sessions of a run: the sender picks and removes, acquire answers add (on the client's thread). */
public final class SessionPool {

    public record Live(String token, String sessionId) {
    }

    private final List<Live> sessions = new ArrayList<>();

    public synchronized void add(Live live) {
        sessions.add(live);
    }

    public synchronized int size() {
        return sessions.size();
    }

    public synchronized Live random(RandomGenerator random) {
        return sessions.isEmpty() ? null : sessions.get(random.nextInt(sessions.size()));
    }

    /** Removes a random session (so nothing heartbeats it after its release is sent). */
    public synchronized Live takeRandom(RandomGenerator random) {
        if (sessions.isEmpty()) {
            return null;
        }
        int index = random.nextInt(sessions.size());
        Live last = sessions.remove(sessions.size() - 1);
        return index == sessions.size() ? last : sessions.set(index, last);
    }

    public synchronized List<Live> snapshot() {
        return List.copyOf(sessions);
    }
}
