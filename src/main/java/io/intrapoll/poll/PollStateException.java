package io.intrapoll.poll;

/** A request that the poll's current status does not allow: answered with 409. */
class PollStateException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String slug;
    private final String title;

    PollStateException(String slug, String title, String detail) {
        super(detail);
        this.slug = slug;
        this.title = title;
    }

    String slug() {
        return slug;
    }

    String title() {
        return title;
    }
}
