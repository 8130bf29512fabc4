package io.intrapoll.certificate;

import io.intrapoll.poll.PollInput;
import io.intrapoll.poll.PollType;
import io.intrapoll.poll.PollView;
import java.time.Instant;
import java.util.List;

/**
 * What a poll asked and of whom, as a certificate's {@code definitionHash} hashes it (hex SHA-256 of this as JSON):
 * its words, options, rules, audience, decision and electorate, not its status or schedule.
 */
public record PollDefinition(
        String id,
        String title,
        String description,
        PollType type,
        List<PollView.OptionView> options,
        Integer maxChoices,
        PollView.Scale scale,
        PollInput.ScaleLabels scaleLabels,
        Integer maxLength,
        String language,
        Integer timeLimitSeconds,
        boolean anonymous,
        boolean allowVoteChange,
        List<String> audienceGroups,
        PollInput.Decision decision,
        Integer eligible,
        String createdBy,
        Instant createdAt) {

    static PollDefinition of(PollView poll) {
        return new PollDefinition(
                poll.id(),
                poll.title(),
                poll.description(),
                poll.type(),
                poll.options(),
                poll.maxChoices(),
                poll.scale(),
                poll.scaleLabels(),
                poll.maxLength(),
                poll.language(),
                poll.timeLimitSeconds(),
                poll.anonymous(),
                poll.allowVoteChange(),
                poll.audienceGroups(),
                poll.decision(),
                poll.eligible(),
                poll.createdBy(),
                poll.createdAt());
    }
}
