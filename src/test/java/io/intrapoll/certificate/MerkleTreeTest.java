package io.intrapoll.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tree against RFC 6962's published test vectors, and every path against the independent RFC 9162 check. */
class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    /** The eight entries of the certificate-transparency reference tests. */
    private static final List<byte[]> ENTRIES = List.of(
            HEX.parseHex(""),
            HEX.parseHex("00"),
            HEX.parseHex("10"),
            HEX.parseHex("2021"),
            HEX.parseHex("3031"),
            HEX.parseHex("40414243"),
            HEX.parseHex("5051525354555657"),
            HEX.parseHex("606162636465666768696a6b6c6d6e6f"));

    private static final List<String> ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    @Test
    void rootsAreRfc6962s() throws Exception {
        assertEquals(
                HEX.formatHex(MessageDigest.getInstance("SHA-256").digest()),
                MerkleTree.hex(MerkleTree.over(List.of()).root()),
                "the empty tree's head is the hash of nothing");
        for (int size = 1; size <= ENTRIES.size(); size++) {
            assertEquals(
                    ROOTS.get(size - 1),
                    MerkleTree.hex(MerkleTree.over(ENTRIES.subList(0, size)).root()),
                    "size " + size);
        }
    }

    @Test
    void theReferencePathOfTheFirstLeafOfEight() {
        assertEquals(
                List.of(
                        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
                MerkleTree.over(ENTRIES).path(0).stream().map(MerkleTree::hex).toList());
    }

    @Test
    void everyPathOfEveryTreeUpTo70LeavesChecksOut() {
        List<String> commitments = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            commitments.add(IndependentVerifier.commitment("tracker" + i, "option-" + i));
        }
        for (int size = 1; size <= commitments.size(); size++) {
            List<String> leaves = commitments.subList(0, size).stream().sorted().toList();
            MerkleTree tree = MerkleTree.overHex(leaves);
            String root = MerkleTree.hex(tree.root());
            for (int index = 0; index < size; index++) {
                List<String> path =
                        tree.path(index).stream().map(MerkleTree::hex).toList();
                assertTrue(
                        IndependentVerifier.isIncluded(leaves.get(index), index, size, path, root),
                        "leaf " + index + " of " + size);
                if (size > 1) {
                    assertFalse(
                            IndependentVerifier.isIncluded(leaves.get(index), (index + 1) % size, size, path, root),
                            "the same path at another index must fail");
                }
            }
        }
    }
}
