package dev.seatflow.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    /** Certificate Transparency's reference leaves and tree heads for sizes 1..8 (RFC 6962 hashing). */
    private static final List<String> CT_LEAVES = List.of("", "00", "10", "2021", "3031", "40414243",
            "5051525354555657", "606162636465666768696a6b6c6d6e6f");
    private static final List<String> CT_ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    @Test
    void rootsMatchTheCertificateTransparencyReference() {
        List<byte[]> leaves = CT_LEAVES.stream().map(HEX::parseHex).map(MerkleTree::leafHash).toList();
        for (int size = 1; size <= leaves.size(); size++) {
            assertThat(HEX.formatHex(MerkleTree.of(leaves.subList(0, size)).root())).as("size %d", size)
                    .isEqualTo(CT_ROOTS.get(size - 1));
        }
    }

    @Test
    void auditPathsMatchTheCertificateTransparencyReference() {
        MerkleTree tree = MerkleTree.of(CT_LEAVES.stream().map(HEX::parseHex).map(MerkleTree::leafHash).toList());

        assertThat(tree.auditPath(0)).map(HEX::formatHex).containsExactly(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(tree.auditPath(5)).map(HEX::formatHex).containsExactly(
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    }

    /**
     * The tree size is not checked here: a path can fit two sizes (leaf 0 of 3 and of 4 take the
     * same steps), which is why the signed statement names the size and the verifier compares it.
     */
    @Test
    void everyLeafOfEveryTreeUpTo67LeavesLeadsToTheRootAndNothingChangedDoes() {
        for (int size = 1; size <= 67; size++) {
            List<byte[]> leaves = leaves(size);
            MerkleTree tree = MerkleTree.of(leaves);
            byte[] root = tree.root();
            for (int index = 0; index < size; index++) {
                List<byte[]> path = tree.auditPath(index);
                String at = "leaf " + index + " of " + size;
                assertThat(MerkleTree.rootFromAuditPath(leaves.get(index), index, size, path)).as(at).isEqualTo(root);

                assertThat(leadsToRoot(flipBit(leaves.get(index), index), index, size, path, root)).as(at + ", leaf changed").isFalse();
                for (int step = 0; step < path.size(); step++) {
                    List<byte[]> changed = new ArrayList<>(path);
                    changed.set(step, flipBit(path.get(step), step + size));
                    assertThat(leadsToRoot(leaves.get(index), index, size, changed, root)).as(at + ", path step %d changed", step).isFalse();
                }
                if (size > 1) {
                    int other = (index + 1) % size;
                    assertThat(leadsToRoot(leaves.get(index), other, size, path, root)).as(at + ", claimed as leaf " + other).isFalse();
                }
                assertThat(leadsToRoot(leaves.get(index), index, size, path, flipBit(root, index))).as(at + ", root changed").isFalse();
            }
        }
    }

    @Test
    void aBatchOfOneIsItsLeafWithAnEmptyPath() {
        byte[] leaf = MerkleTree.leafHash(new byte[] {42});
        MerkleTree tree = MerkleTree.of(List.of(leaf));

        assertThat(tree.root()).isEqualTo(leaf);
        assertThat(tree.auditPath(0)).isEmpty();
        assertThat(MerkleTree.rootFromAuditPath(leaf, 0, 1, List.of())).isEqualTo(leaf);
        assertThat(MerkleTree.rootFromAuditPath(leaf, 0, 1, List.of(leaf))).as("a path too long").isNull();
        assertThat(MerkleTree.rootFromAuditPath(leaf, 1, 1, List.of())).as("an index outside the tree").isNull();
    }

    private static boolean leadsToRoot(byte[] leaf, long index, long size, List<byte[]> path, byte[] root) {
        return MerkleTree.sameHash(MerkleTree.rootFromAuditPath(leaf, index, size, path), root);
    }

    private static List<byte[]> leaves(int size) {
        return IntStream.range(0, size).mapToObj(i -> MerkleTree.leafHash(new byte[] {(byte) i, (byte) (i * 7)})).toList();
    }

    private static byte[] flipBit(byte[] hash, int seed) {
        byte[] changed = hash.clone();
        int bit = Math.floorMod(seed * 31 + 7, changed.length * 8);
        changed[bit / 8] ^= (byte) (1 << (bit % 8));
        return changed;
    }
}
