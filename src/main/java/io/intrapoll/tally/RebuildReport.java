package io.intrapoll.tally;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a rebuild of the tallies found. */
@Schema(name = "RebuildReport")
public record RebuildReport(long polls, long ballots) {}
