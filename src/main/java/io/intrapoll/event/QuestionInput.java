package io.intrapoll.event;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A question as the audience asks it. */
@Schema(name = "QuestionInput")
public record QuestionInput(
        @Schema(minLength = 1, maxLength = 500, example = "Will the new office have bike parking?")
        String text,

        @Schema(
                defaultValue = "false",
                description = "Ask without your name: nothing stored links the question to you (where the event "
                        + "allows anonymous questions).")
        Boolean anonymous) {}
