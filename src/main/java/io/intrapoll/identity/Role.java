package io.intrapoll.identity;

/** What a caller may do; each role is granted by membership of a configured registry group. */
public enum Role {
    /** Sees the polls open to it, votes, sees results where the poll allows. */
    VOTER,
    /** A voter who also creates polls and manages its own. */
    AUTHOR,
    /** Everything, on every poll. */
    ADMIN
}
