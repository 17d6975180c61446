package org.panelwatch.alert.rest.constraint;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A channel we can deliver to: {@code webhook} with an absolute http(s) URL that the SSRF guard allows, or
 * {@code email} with one plain address, each within its configured length. Only the field that the type
 * uses is checked; violations name it ({@code channel.url}, {@code channel.address}, {@code channel.type}).
 */
@Documented
@Constraint(validatedBy = DeliverableChannelValidator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface DeliverableChannel {

    String message() default "is not a deliverable channel";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
