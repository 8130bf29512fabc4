package io.intrapoll.certificate;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * RFC 6962's Merkle tree hash over a list of entries (section 2.1): a leaf is SHA-256(0x00 ‖ entry), a node
 * SHA-256(0x01 ‖ left ‖ right), a tree of n entries splits after the largest power of two below n. Its audit paths
 * run from the leaf up, as RFC 9162's inclusion proofs.
 */
final class MerkleTree {

    private static final HexFormat HEX = HexFormat.of();

    private final List<byte[]> leafHashes;

    private MerkleTree(List<byte[]> leafHashes) {
        this.leafHashes = leafHashes;
    }

    /** @param entries the leaves' data, in the tree's order */
    static MerkleTree over(List<byte[]> entries) {
        List<byte[]> hashes = new ArrayList<>(entries.size());
        MessageDigest sha256 = sha256();
        for (byte[] entry : entries) {
            sha256.update((byte) 0x00);
            hashes.add(sha256.digest(entry));
        }
        return new MerkleTree(hashes);
    }

    /** A tree over commitments given as hex: each leaf hashes the 32 bytes its hex stands for. */
    static MerkleTree overHex(List<String> commitments) {
        return over(commitments.stream().map(HEX::parseHex).toList());
    }

    int size() {
        return leafHashes.size();
    }

    /** The tree's head: SHA-256 of nothing for an empty tree. */
    byte[] root() {
        return leafHashes.isEmpty() ? sha256().digest() : hash(0, leafHashes.size());
    }

    /** The audit path of the leaf at {@code index}, from the leaf's sibling up to the root's child. */
    List<byte[]> path(int index) {
        if (index < 0 || index >= leafHashes.size()) {
            throw new IndexOutOfBoundsException(index);
        }
        List<byte[]> path = new ArrayList<>();
        collectPath(index, 0, leafHashes.size(), path);
        return path;
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** PATH(m, D[from:to]) of RFC 6962 2.1.1: the deeper nodes first. */
    private void collectPath(int index, int from, int to, List<byte[]> path) {
        int n = to - from;
        if (n <= 1) {
            return;
        }
        int k = splitOf(n);
        if (index < from + k) {
            collectPath(index, from, from + k, path);
            path.add(hash(from + k, to));
        } else {
            collectPath(index, from + k, to, path);
            path.add(hash(from, from + k));
        }
    }

    /** MTH(D[from:to]) for a non-empty range. */
    private byte[] hash(int from, int to) {
        if (to - from == 1) {
            return leafHashes.get(from);
        }
        int k = splitOf(to - from);
        byte[] left = hash(from, from + k);
        byte[] right = hash(from + k, to);
        MessageDigest sha256 = sha256();
        sha256.update((byte) 0x01);
        sha256.update(left);
        return sha256.digest(right);
    }

    /** The largest power of two smaller than n (n > 1). */
    private static int splitOf(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
