/**
 * Tallies and results: the one owner of the durable per-option counts in PostgreSQL ({@link
 * io.intrapoll.tally.TallyRepository}, which counting calls with a group's {@link io.intrapoll.tally.TallyDeltas}),
 * the live copies in the cluster's cache, the announcement of changes to every node, results as the API shows them
 * (percentages, the instant-runoff rounds of RANKED polls, CSV), and their exact rebuild from the counted ballots.
 * Depends on {@code poll}, never on {@code vote}: voting calls into tallies, not the other way round.
 */
package io.intrapoll.tally;
