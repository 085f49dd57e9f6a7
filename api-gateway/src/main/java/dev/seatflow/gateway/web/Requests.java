package dev.seatflow.gateway.web;

import dev.seatflow.schemas.common.Origin;
import java.net.InetSocketAddress;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/** Small request helpers shared by the handlers. */
public final class Requests {

    private static final int MAX_USER_AGENT = 256;

    private Requests() {
    }

    /** Where the request came from, for the audit trail (the client address as ClientAddressFilter resolved it). */
    public static Origin origin(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        String ip = remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
        String agent = request.getHeaders().getFirst(HttpHeaders.USER_AGENT);
        if (agent != null && agent.length() > MAX_USER_AGENT) {
            agent = agent.substring(0, MAX_USER_AGENT);
        }
        return new Origin(ip, agent);
    }

    /** A path id; anything that is not a UUID cannot name a resource, so it is "not found". */
    public static UUID id(String value, ErrorCode notFound) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new ApiException(notFound, "no such resource '" + value + "'");
        }
    }
}
