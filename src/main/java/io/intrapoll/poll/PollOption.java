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

    /** QUIZ only: whether choosing it is right (null for other types). */
    @Column(name = "correct")
    private Boolean correct;

    protected PollOption() {
        // for JPA
    }

    PollOption(String id, String label, Boolean correct) {
        this.id = id;
        this.label = label;
        this.correct = correct;
    }

    static PollOption withNewId(String label, Boolean correct) {
        return new PollOption(UUID.randomUUID().toString(), label, correct);
    }

    public Boolean correct() {
        return correct;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }
}
