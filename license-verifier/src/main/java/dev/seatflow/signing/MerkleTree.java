package dev.seatflow.signing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A Merkle tree over a batch of leaves, hashed as in RFC 6962 / RFC 9162 section 2.1: a leaf is
 * SHA-256(0x00 || data), an interior node SHA-256(0x01 || left || right), and a tree of n leaves
 * splits at the largest power of two below n (so odd sizes are not padded and every root agrees
 * with any other RFC 6962 implementation). The 0x00/0x01 prefixes keep a leaf from being passed
 * off as a node. Built once per batch, O(n); each audit path is O(log n).
 */
public final class MerkleTree {

    private static final byte LEAF = 0x00;
    private static final byte NODE = 0x01;

    private final Node root;
    private final int size;

    private MerkleTree(Node root, int size) {
        this.root = root;
        this.size = size;
    }

    /** The tree over these leaf hashes (see {@link #leafHash}), in order. */
    public static MerkleTree of(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            throw new IllegalArgumentException("a batch has at least one leaf");
        }
        return new MerkleTree(build(leafHashes, 0, leafHashes.size()), leafHashes.size());
    }

    public static byte[] leafHash(byte[] data) {
        MessageDigest sha256 = sha256();
        sha256.update(LEAF);
        return sha256.digest(data);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha256 = sha256();
        sha256.update(NODE);
        sha256.update(left);
        return sha256.digest(right);
    }

    public byte[] root() {
        return root.hash.clone();
    }

    public int size() {
        return size;
    }

    /** RFC 6962 PATH(m, D[n]): the siblings from the leaf up to the root. */
    public List<byte[]> auditPath(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("leaf " + index + " of a tree of " + size);
        }
        List<byte[]> path = new ArrayList<>();
        Node node = root;
        int start = 0;
        while (node.left != null) {
            int split = start + node.left.size;
            if (index < split) {
                path.add(node.right.hash.clone());
                node = node.left;
            } else {
                path.add(node.left.hash.clone());
                node = node.right;
                start = split;
            }
        }
        Collections.reverse(path);
        return path;
    }

    /**
     * The root that a leaf hash and its audit path lead to, by RFC 9162 section 2.1.3.2; null when
     * the path cannot belong to a leaf at {@code index} of a tree of {@code size} (wrong length, index
     * out of range). A caller compares the result with the signed root.
     */
    public static byte[] rootFromAuditPath(byte[] leafHash, long index, long size, List<byte[]> path) {
        if (index < 0 || index >= size) {
            return null;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0 || p.length != 32) {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : null;
    }

    /** Constant-time comparison of two hashes. */
    public static boolean sameHash(byte[] a, byte[] b) {
        return a != null && b != null && MessageDigest.isEqual(a, b);
    }

    private static Node build(List<byte[]> leaves, int from, int count) {
        if (count == 1) {
            byte[] hash = leaves.get(from);
            if (hash.length != 32) {
                throw new IllegalArgumentException("a leaf hash is 32 bytes, not " + hash.length);
            }
            return new Node(hash.clone(), 1, null, null);
        }
        int k = Integer.highestOneBit(count - 1); // largest power of two strictly below count
        Node left = build(leaves, from, k);
        Node right = build(leaves, from + k, count - k);
        return new Node(nodeHash(left.hash, right.hash), count, left, right);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Never compared or exposed: hashes are copied on the way out. */
    private record Node(byte[] hash, int size, Node left, Node right) {
    }
}
