package dev.seatflow.gateway.security;

import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Lets handlers declare a {@link Caller} parameter. */
public class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context, ServerWebExchange exchange) {
        Object caller = exchange.getAttribute(AuthFilter.CALLER);
        return caller != null ? Mono.just(caller)
                : Mono.error(new ApiException(ErrorCode.UNAUTHENTICATED, "a bearer token is required"));
    }
}
