package org.panelwatch.alert.rest.constraint;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A filter's list of one kind of term: at most the configured number of them, each one valid for its kind.
 * A list over the limit is reported once, without looking at its elements, so an oversized list costs no
 * more to refuse than a short one. Null (no list) is allowed.
 */
@Documented
@Constraint(validatedBy = FilterTermsValidator.class)
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface FilterTerms {

    Kind value();

    String message() default "is not a valid list";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    enum Kind {
        SIGNAL_TYPE("signal types"),
        TOPIC("topics"),
        KEYWORD("keywords"),
        LANGUAGE("languages");

        final String plural;

        Kind(String plural) {
            this.plural = plural;
        }
    }
}
