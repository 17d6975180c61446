package org.panelwatch.alert.rest.constraint;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Provider;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.panelwatch.alert.config.AlertConfig;
import org.panelwatch.alert.repository.Subscription;
import org.panelwatch.alert.rest.ApiObjects.ChannelRequest;
import org.panelwatch.alert.service.WebhookAddressPolicy;

@Dependent
public class DeliverableChannelValidator implements ConstraintValidator<DeliverableChannel, ChannelRequest> {

    private final Provider<AlertConfig> config;
    private final WebhookAddressPolicy addressPolicy;

    public DeliverableChannelValidator(Provider<AlertConfig> config, WebhookAddressPolicy addressPolicy) {
        this.config = config;
        this.addressPolicy = addressPolicy;
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
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            return Optional.of("must be an absolute http(s) URL with a host");
        }
        if (uri.getUserInfo() != null) {
            return Optional.of("must not carry credentials");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            return Optional.of("has no valid port");
        }
        return addressPolicy.refusal(uri);
    }

    /**
     * Read when validating: Quarkus builds the validator factory, and with it this validator, at static init,
     * before the runtime configuration exists.
     */
    private AlertConfig.Limits limits() {
        return config.get().limits();
    }
}
