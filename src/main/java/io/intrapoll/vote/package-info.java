/**
 * Votes: the REST boundary ({@link io.intrapoll.vote.VotesResource}), the checks a ballot passes before it is
 * accepted (choices, audience, one per person), the group commit that makes accepted ballots durable on the
 * broker before the 202 ({@link io.intrapoll.vote.BallotIntake}), and the message-driven aggregator that
 * counts them in batches ({@link io.intrapoll.vote.BallotAggregator}): participations and counted ballots here,
 * the tallies through {@code io.intrapoll.tally}.
 */
package io.intrapoll.vote;
