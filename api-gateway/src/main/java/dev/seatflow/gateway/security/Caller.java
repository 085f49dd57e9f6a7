package dev.seatflow.gateway.security;

import dev.seatflow.schemas.RoleRanks;
import dev.seatflow.schemas.common.Role;

/** Who is calling, from the verified token: the tenant and role never come from a request body. */
public record Caller(String tenantId, String userId, Role role) {

    public boolean isAtLeast(Role required) {
        return RoleRanks.atLeast(role, required);
    }
}
