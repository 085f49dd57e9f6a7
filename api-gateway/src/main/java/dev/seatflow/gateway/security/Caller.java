package dev.seatflow.gateway.security;

import dev.seatflow.schemas.common.Role;

/** Who is calling, from the verified token: the tenant and role never come from a request body. */
public record Caller(String tenantId, String userId, Role role) {

    public boolean isAtLeast(Role required) {
        return rank(role) >= rank(required);
    }

    private static int rank(Role role) {
        return switch (role) {
            case OWNER -> 4;
            case ADMIN -> 3;
            case MEMBER -> 2;
            case GUEST -> 1;
            case SYSTEM -> 0;
        };
    }
}
