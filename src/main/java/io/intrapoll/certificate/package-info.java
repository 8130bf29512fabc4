/**
 * Results anyone can check (API.md, "Receipts anyone can check, and a results certificate"): once a closed poll's
 * ballots are all counted, a Merkle tree (RFC 6962) over their commitments and an ES256-signed certificate of the
 * results and its root; inclusion proofs for each commitment; the signing keys as a JWKS.
 */
package io.intrapoll.certificate;
