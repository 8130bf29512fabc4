package io.intrapoll.poll;

import java.util.Optional;
import java.util.UUID;

/**
 * A poll's identity: opaque to clients, at most 36 characters of letters, digits and dashes. Ordered as its text, so
 * whatever is sorted by poll (the tally rows' locks) keeps the order it had as strings.
 */
public record PollId(String value) implements Comparable<PollId> {

    private static final int MAX_LENGTH = 36;

    public PollId {
        if (!hasShape(value)) {
            throw new IllegalArgumentException("not a poll id: " + value);
        }
    }

    public static PollId newId() {
        return new PollId(UUID.randomUUID().toString());
    }

    /** The id, or empty when the text cannot be one (such a poll cannot exist). */
    public static Optional<PollId> parse(String text) {
        return hasShape(text) ? Optional.of(new PollId(text)) : Optional.empty();
    }

    /** 1 to 36 ASCII letters, digits and dashes; checked on every API call naming a poll, so without a regex. */
    private static boolean hasShape(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
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
