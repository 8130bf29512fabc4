package io.intrapoll.poll;

/** How a ballot chooses among the options. */
public enum PollType {
    /** Exactly one option. */
    SINGLE,
    /** One to {@code maxChoices} distinct options. */
    MULTIPLE,
    /** An order of preference over all options or a prefix of them. */
    RANKED
}
