package org.panelwatch.alert.rest.constraint;

import jakarta.validation.ConstraintValidatorContext;

/**
 * Reports violations with messages composed in code. A message is a template to Bean Validation, so
 * braces, dollar signs and backslashes are escaped: nothing in it is ever interpolated.
 */
final class Violations {

    private Violations() {
    }

    /** On the annotated element itself. */
    static void here(ConstraintValidatorContext context, String message) {
        context.buildConstraintViolationWithTemplate(escaped(message)).addConstraintViolation();
    }

    /** On one property of the annotated object (class-level constraints): {@code channel.url}. */
    static void at(ConstraintValidatorContext context, String property, String message) {
        context.buildConstraintViolationWithTemplate(escaped(message)).addPropertyNode(property).addConstraintViolation();
    }

    /** On one element of the annotated list: {@code filter.keywords[3]}. */
    static void atIndex(ConstraintValidatorContext context, int index, String message) {
        context.buildConstraintViolationWithTemplate(escaped(message))
                .addBeanNode().inIterable().atIndex(index)
                .addConstraintViolation();
    }

    private static String escaped(String message) {
        return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
