package io.intrapoll.poll;

/** When voters may see results; owners and admins always may. */
public enum ResultsVisibility {
    LIVE,
    AFTER_CLOSE
}
