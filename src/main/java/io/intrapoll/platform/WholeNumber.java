package io.intrapoll.platform;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text parameter that, when given, is a whole number in a range. Query parameters stay text so that one that is
 * not a number is this 400 naming it, not the 404 JAX-RS answers when it cannot convert a query parameter.
 */
@Documented
@Constraint(validatedBy = WholeNumber.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface WholeNumber {

    int min();

    int max();

    String message() default "must be a whole number from {min} to {max}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Absent or blank passes: the parameter then takes its default. */
    class Validator implements ConstraintValidator<WholeNumber, String> {

        private int min;
        private int max;

        @Override
        public void initialize(WholeNumber range) {
            min = range.min();
            max = range.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.isBlank()) {
                return true;
            }
            try {
                int number = Integer.parseInt(value.strip());
                return number >= min && number <= max;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }
}
