package io.intrapoll.vote;

import java.util.List;

/** Fired after a group of ballots changed the durable tallies of some polls (in the group's transaction). */
public record TalliesChanged(List<String> pollIds, int ballots) {}
