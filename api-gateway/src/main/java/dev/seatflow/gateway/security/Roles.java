package dev.seatflow.gateway.security;

import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import dev.seatflow.schemas.common.Role;
import java.util.Locale;
import reactor.core.publisher.Mono;

/** Role checks for reads; writes are also checked by the processor. */
public final class Roles {

    private Roles() {
    }

    public static Mono<Void> require(Caller caller, Role role) {
        return caller.isAtLeast(role) ? Mono.empty()
                : Mono.error(new ApiException(ErrorCode.FORBIDDEN, "needs the " + role.name().toLowerCase(Locale.ROOT) + " role or higher"));
    }
}
