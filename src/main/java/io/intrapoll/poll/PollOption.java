package io.intrapoll.poll;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.UUID;

/** One choice of a poll; its id stays the same while the label is edited. */
@Embeddable
public class PollOption {

    @Column(name = "option_id", nullable = false, length = 36)
    private String id;

    @Column(name = "label", nullable = false, length = 200)
    private String label;

    protected PollOption() {
        // for JPA
    }

    PollOption(String id, String label) {
        this.id = id;
        this.label = label;
    }

    static PollOption withNewId(String label) {
        return new PollOption(UUID.randomUUID().toString(), label);
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }
}
