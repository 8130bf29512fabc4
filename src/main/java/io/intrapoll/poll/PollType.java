package io.intrapoll.poll;

/** What a ballot answers: a choice among options, a number on a scale, or a text. */
public enum PollType {
    /** Exactly one option. */
    SINGLE,
    /** One to {@code maxChoices} distinct options. */
    MULTIPLE,
    /** An order of preference over all options or a prefix of them. */
    RANKED,
    /** A number on the poll's scale (0 or 1 up to 2..10). */
    RATING,
    /** Net Promoter Score: a number from 0 to 10. */
    NPS,
    /** A short text; the results count its words. */
    OPEN_TEXT,
    /** Options some of which are correct; a ballot scores points by correctness and speed. */
    QUIZ;

    /** Whether ballots choose among the poll's options (the others answer with a number or a text). */
    public boolean hasOptions() {
        return this == SINGLE || this == MULTIPLE || this == RANKED || this == QUIZ;
    }

    /** Whether ballots answer with a number on a scale. */
    public boolean isScale() {
        return this == RATING || this == NPS;
    }
}
