package dev.seatflow.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a version 2 {@code signed_license}, as JSON maps, with the JDK alone, independently of the
 * signing module whose output it checks: RFC 8785 for the shapes a license holds (ASCII strings,
 * integers, lists, objects) written here, the audit path walked by RFC 6962's recursive definition
 * (the library walks RFC 9162's iterative one), and SHA256withRSA over the signed statement.
 */
public final class IndependentLicenseCheck {

    private IndependentLicenseCheck() {
    }

    /** Whether the license's path leads to its statement's root and an RSA key signed that statement. */
    @SuppressWarnings("unchecked")
    public static boolean verifies(Map<String, Object> license, PublicKey key) throws Exception {
        Map<String, Object> statement = (Map<String, Object>) license.get("statement");
        if (!"seatflow.license-batch.v1".equals(statement.get("type"))
                || ((Number) statement.get("tree_size")).longValue() != ((Number) license.get("tree_size")).longValue()) {
            return false;
        }
        byte[] leaf = sha256(new byte[] {0}, canonical(Map.of("payload", license.get("payload"), "salt", license.get("salt"))));
        List<byte[]> path = ((List<String>) license.get("audit_path")).stream().map(HexFormat.of()::parseHex).toList();
        byte[] root = rootOf(leaf, ((Number) license.get("leaf_index")).longValue(), ((Number) license.get("tree_size")).longValue(), path);
        if (root == null || !HexFormat.of().formatHex(root).equals(statement.get("root"))) {
            return false;
        }
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(canonical(statement));
        return verifier.verify(Base64.getDecoder().decode((String) license.get("signature")));
    }

    /** PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n]) for m < k, else PATH(m - k, D[k:n]) : MTH(D[0:k]). */
    private static byte[] rootOf(byte[] leaf, long m, long n, List<byte[]> path) throws Exception {
        if (n == 1) {
            return path.isEmpty() ? leaf : null;
        }
        if (path.isEmpty()) {
            return null;
        }
        long k = Long.highestOneBit(n - 1);
        byte[] sibling = path.get(path.size() - 1);
        List<byte[]> below = path.subList(0, path.size() - 1);
        byte[] sub = m < k ? rootOf(leaf, m, k, below) : rootOf(leaf, m - k, n - k, below);
        return sub == null ? null : m < k ? sha256(new byte[] {1}, sub, sibling) : sha256(new byte[] {1}, sibling, sub);
    }

    private static byte[] canonical(Object value) {
        StringBuilder json = new StringBuilder();
        write(value, json);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(Object value, StringBuilder json) {
        if (value instanceof Map<?, ?> map) {
            json.append('{');
            new TreeMap<>(map).forEach((name, item) -> {
                json.append(json.charAt(json.length() - 1) == '{' ? "" : ",").append('"').append(name).append("\":");
                write(item, json);
            });
            json.append('}');
        } else if (value instanceof List<?> list) {
            json.append('[');
            for (int i = 0; i < list.size(); i++) {
                json.append(i > 0 ? "," : "");
                write(list.get(i), json);
            }
            json.append(']');
        } else if (value instanceof Number || value instanceof Boolean) {
            json.append(value);
        } else {
            json.append('"').append(value).append('"');
        }
    }

    private static byte[] sha256(byte[]... parts) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }
}
