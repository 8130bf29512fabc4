package io.intrapoll.poll;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A poll's identity: opaque to clients, at most 36 characters of letters, digits and dashes. Ordered as its text, so
 * whatever is sorted by poll (the tally rows' locks) keeps the order it had as strings.
 */
public record PollId(String value) implements Comparable<PollId> {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9-]{1,36}");

    public PollId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("not a poll id: " + value);
        }
    }

    public static PollId newId() {
        return new PollId(UUID.randomUUID().toString());
    }

    /** The id, or empty when the text cannot be one (such a poll cannot exist). */
    public static Optional<PollId> parse(String text) {
        return text != null && SHAPE.matcher(text).matches() ? Optional.of(new PollId(text)) : Optional.empty();
    }

    @Override
    public int compareTo(PollId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
