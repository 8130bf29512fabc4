/**
 * Tallies and results: the durable per-option counts the aggregator keeps in PostgreSQL, results as the API
 * shows them (percentages, the instant-runoff rounds of RANKED polls, CSV), and their exact rebuild from the
 * counted ballots.
 */
package io.intrapoll.tally;
