package io.intrapoll.certificate;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Every leaf of a certified poll's Merkle tree: the counted ballots' commitments, ascending. A browser checks its own
 * ballot against these without a request that names its commitment (which, logged beside the caller's name, would
 * tie an anonymous poll's ballot to its voter).
 */
@Schema(name = "CertifiedLeaves")
public record CertifiedLeaves(
        int treeSize,

        @Schema(description = "Lower-case hex commitments, ascending: the tree's leaves in order")
        List<String> commitments,

        @Schema(description = "The root they make") String merkleRoot) {}
