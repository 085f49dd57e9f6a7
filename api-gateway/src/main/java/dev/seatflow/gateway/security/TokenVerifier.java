package dev.seatflow.gateway.security;

import reactor.core.publisher.Mono;

/** Turns a bearer token into a {@link Caller}, or fails with a 401 {@code ApiException}. */
public interface TokenVerifier {

    Mono<Caller> verify(String token);
}
