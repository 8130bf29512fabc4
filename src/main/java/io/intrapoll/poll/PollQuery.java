package io.intrapoll.poll;

/**
 * Which polls to list.
 *
 * @param status only polls in this status, or all when null
 * @param text only polls whose title contains it (any case), or all when null
 */
record PollQuery(PollStatus status, String text, int page, int size) {

    static final int MAX_SIZE = 100;
}
