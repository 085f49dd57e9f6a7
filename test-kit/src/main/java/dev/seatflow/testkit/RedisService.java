package dev.seatflow.testkit;

/** A running Redis server; tests keep to their own key prefix so they can share it. */
public record RedisService(String host, int port, String source) {

    public String uri() {
        return "redis://" + host + ":" + port;
    }
}
