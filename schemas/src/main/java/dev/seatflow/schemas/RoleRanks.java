package dev.seatflow.schemas;

import dev.seatflow.schemas.common.Role;

/** Role order: OWNER > ADMIN > MEMBER > GUEST. SYSTEM acts only through the platform, never by rank. */
public final class RoleRanks {

    private RoleRanks() {
    }

    public static boolean atLeast(Role actual, Role required) {
        return rank(actual) >= rank(required);
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
