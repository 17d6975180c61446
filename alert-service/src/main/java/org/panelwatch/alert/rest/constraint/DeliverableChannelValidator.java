package org.panelwatch.alert.rest.constraint;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Provider;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Optional;
import org.panelwatch.alert.config.AlertConfig;
import org.panelwatch.alert.repository.Subscription;
import org.panelwatch.alert.rest.ApiObjects.ChannelRequest;
import org.panelwatch.alert.service.WebhookDestinations;

@Dependent
public class DeliverableChannelValidator implements ConstraintValidator<DeliverableChannel, ChannelRequest> {

    private final Provider<AlertConfig> config;
    private final WebhookDestinations webhookDestinations;

    public DeliverableChannelValidator(Provider<AlertConfig> config, WebhookDestinations webhookDestinations) {
        this.config = config;
        this.webhookDestinations = webhookDestinations;
    }

    @Override
    public boolean isValid(ChannelRequest channel, ConstraintValidatorContext context) {
        if (channel == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        Optional<String> problem;
        String field;
        if (Subscription.WEBHOOK.equals(channel.type())) {
            field = "url";
            problem = webhookUrlProblem(channel.url());
        } else if (Subscription.EMAIL.equals(channel.type())) {
            field = "address";
            problem = channel.address() == null || channel.address().isBlank()
                    ? Optional.of("is required")
                    : EmailAddressValidator.problem(channel.address(), limits().emailLength());
        } else {
            field = "type";
            problem = Optional.of("must be webhook or email");
        }
        problem.ifPresent(message -> Violations.at(context, field, message));
        return problem.isEmpty();
    }

    private Optional<String> webhookUrlProblem(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("is required");
        }
        if (url.length() > limits().urlLength()) {
            return Optional.of("is longer than " + limits().urlLength() + " characters");
        }
        // Syntax (absolute http(s), a host, a port, no credentials) and the address policy, in one place.
        return webhookDestinations.problem(url.strip());
    }

    /**
     * Read when validating: Quarkus builds the validator factory, and with it this validator, at static init,
     * before the runtime configuration exists.
     */
    private AlertConfig.Limits limits() {
        return config.get().limits();
    }
}
