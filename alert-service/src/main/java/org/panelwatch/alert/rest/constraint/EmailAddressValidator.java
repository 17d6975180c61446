package org.panelwatch.alert.rest.constraint;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Provider;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Optional;
import org.panelwatch.alert.config.AlertConfig;
import org.panelwatch.alert.service.EmailAddresses;

@Dependent
public class EmailAddressValidator implements ConstraintValidator<EmailAddress, String> {

    private final Provider<AlertConfig> config;

    public EmailAddressValidator(Provider<AlertConfig> config) {
        this.config = config;
    }

    @Override
    public boolean isValid(String address, ConstraintValidatorContext context) {
        if (address == null) {
            return true;
        }
        Optional<String> problem = problem(address, limits().emailLength());
        problem.ifPresent(message -> {
            context.disableDefaultConstraintViolation();
            Violations.here(context, message);
        });
        return problem.isEmpty();
    }

    /** What is wrong with an address, if anything; shared with the e-mail channel's check. */
    static Optional<String> problem(String address, int maxLength) {
        if (address.length() > maxLength) {
            return Optional.of("is longer than " + maxLength + " characters");
        }
        return EmailAddresses.isPlainAddress(address) ? Optional.empty() : Optional.of("is not an e-mail address");
    }

    /**
     * Read when validating: Quarkus builds the validator factory, and with it this validator, at static init,
     * before the runtime configuration exists.
     */
    private AlertConfig.Limits limits() {
        return config.get().limits();
    }
}
