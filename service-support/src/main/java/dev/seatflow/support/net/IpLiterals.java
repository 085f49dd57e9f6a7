package dev.seatflow.support.net;

import java.util.regex.Pattern;

/** Tells IP literals from names without asking DNS. */
public final class IpLiterals {

    // Not only dotted quads: "127.1" and "2130706433" are IPv4 addresses to many parsers, so anything
    // of digits and dots counts as a literal. Whatever it parses to is what gets checked and connected to.
    private static final Pattern NUMERIC = Pattern.compile("[0-9.]+");

    private IpLiterals() {
    }

    public static boolean isLiteral(String host) {
        // No name contains a colon.
        return NUMERIC.matcher(host).matches() || host.contains(":");
    }
}
