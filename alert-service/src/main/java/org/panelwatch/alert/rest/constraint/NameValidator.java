package org.panelwatch.alert.rest.constraint;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Provider;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.panelwatch.alert.config.AlertConfig;

@Dependent
public class NameValidator implements ConstraintValidator<Name, String> {

    private final Provider<AlertConfig> config;

    public NameValidator(Provider<AlertConfig> config) {
        this.config = config;
    }

    @Override
    public boolean isValid(String name, ConstraintValidatorContext context) {
        context.disableDefaultConstraintViolation();
        if (name == null || name.isBlank()) {
            Violations.here(context, "is required");
            return false;
        }
        if (name.length() > limits().nameLength()) {
            Violations.here(context, "is longer than " + limits().nameLength() + " characters");
            return false;
        }
        return true;
    }

    /**
     * Read when validating: Quarkus builds the validator factory, and with it this validator, at static init,
     * before the runtime configuration exists.
     */
    private AlertConfig.Limits limits() {
        return config.get().limits();
    }
}
