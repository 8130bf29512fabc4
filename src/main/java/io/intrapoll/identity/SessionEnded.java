package io.intrapoll.identity;

/**
 * Fired when a browser session ends on this node: signed out, idled out or invalidated at the end of its lifetime.
 * What the session opened (results streams) ends with it.
 *
 * @param sessionId the ended session's id
 */
public record SessionEnded(String sessionId) {}
