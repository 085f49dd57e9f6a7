package dev.seatflow.gateway.clientaddress;

import java.net.InetSocketAddress;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Replaces the request's remote address with the client's, as {@link ClientAddresses} resolves
 * it, before anything reads it: the audit trail's origin and the rate limiter's per-IP bucket see
 * the same address, and never one the client wrote itself.
 */
public class ClientAddressFilter implements WebFilter, Ordered {

    private static final String X_FORWARDED_FOR = "X-Forwarded-For";

    private final ClientAddresses addresses;

    public ClientAddressFilter(ClientAddresses addresses) {
        this.addresses = addresses;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        InetSocketAddress peer = request.getRemoteAddress();
        if (!addresses.readsForwardedFor() || peer == null || peer.getAddress() == null) {
            return chain.filter(exchange);
        }
        List<String> forwardedFor = request.getHeaders().getOrEmpty(X_FORWARDED_FOR);
        var client = addresses.resolve(peer.getAddress(), forwardedFor);
        if (client.equals(peer.getAddress())) {
            return chain.filter(exchange);
        }
        // The port is the peer's: the client's own port is not known, and nothing reads it.
        return chain.filter(exchange.mutate().request(request.mutate().remoteAddress(new InetSocketAddress(client, peer.getPort())).build())
                .build());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
