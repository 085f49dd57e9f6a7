package dev.seatflow.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** RFC 7468 text encoding of DER structures; enough for our own key files and KMS public keys. */
final class Pem {

    private Pem() {
    }

    static String encode(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /** DER of the first block with {@code label}; text outside the block is ignored, as RFC 7468 allows. */
    static byte[] decode(String text, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int start = text.indexOf(begin);
        int stop = start < 0 ? -1 : text.indexOf(end, start);
        if (stop < 0) {
            throw new SigningException("no PEM block '" + label + "' found");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(start + begin.length(), stop));
        } catch (IllegalArgumentException e) {
            throw new SigningException("PEM block '" + label + "' is not valid Base64", e);
        }
    }
}
