package io.intrapoll.poll;

import io.intrapoll.platform.ProblemException;

/**
 * The poll a request path names, for the REST boundaries of every feature ({@code /polls/{id}/...}): text that
 * cannot be a poll id is answered as an unknown poll is, 404 "There is no poll ...".
 */
public final class PollPath {

    private PollPath() {}

    public static PollId id(String text) {
        return PollId.parse(text).orElseThrow(() -> ProblemException.notFound("There is no poll " + text + "."));
    }
}
