package io.intrapoll.poll;

/**
 * Which polls to list.
 *
 * @param status only polls in this status, or all when null
 * @param text only polls whose title contains it (any case), or all when null
 * @param closingFirst those closing soonest first (then those without a closing time, newest first), rather than
 *     newest first
 */
record PollQuery(PollStatus status, String text, int page, int size, boolean closingFirst) {

    static final int MAX_SIZE = 100;
}
