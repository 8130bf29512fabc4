package io.intrapoll.certificate;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 9162's inclusion proof of one commitment in a certified poll's Merkle tree. */
@Schema(name = "InclusionProof")
public record InclusionProof(
        @Schema(description = "The commitment's place among the counted ballots' commitments, ascending, from 0")
        int leafIndex,

        int treeSize,

        @Schema(description = "Lower-case hex node hashes from the leaf's sibling up to the root's child")
        List<String> path,

        @Schema(description = "The root the path leads to: it equals the certificate's when nothing was changed")
        String merkleRoot) {}
