package dev.seatflow.gateway.licenses;

import java.security.SecureRandom;

/** License keys: {@code SF-XXXX-XXXX-XXXX-XXXX}, 80 random bits in Crockford base32 (no I, L, O, U). */
public final class LicenseKeys {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private LicenseKeys() {
    }

    public static String generate() {
        StringBuilder key = new StringBuilder("SF");
        for (int group = 0; group < 4; group++) {
            key.append('-');
            for (int i = 0; i < 4; i++) {
                key.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
            }
        }
        return key.toString();
    }
}
