package org.panelwatch.alert.rest.constraint;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One plain e-mail address ({@code EmailAddresses}) of at most {@code panelwatch.alert.limits.email-length}
 * characters; null is allowed (use {@code @NotNull} where it is required).
 */
@Documented
@Constraint(validatedBy = EmailAddressValidator.class)
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface EmailAddress {

    String message() default "is not an e-mail address";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
