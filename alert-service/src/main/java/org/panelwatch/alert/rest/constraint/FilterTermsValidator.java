package org.panelwatch.alert.rest.constraint;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Provider;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.panelwatch.alert.config.AlertConfig;
import org.panelwatch.alert.rest.constraint.FilterTerms.Kind;
import org.panelwatch.alert.service.FoldedText;
import org.panelwatch.alert.service.Vocabulary;

/** One instance per annotated list ({@code @Dependent}): {@link #initialize} keeps which kind it checks. */
@Dependent
public class FilterTermsValidator implements ConstraintValidator<FilterTerms, List<String>> {

    /** ISO 639-1 and 639-2/3 codes are two or three letters. */
    private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}$");

    private final Provider<AlertConfig> config;
    private final Vocabulary vocabulary;
    private Kind kind;

    public FilterTermsValidator(Provider<AlertConfig> config, Vocabulary vocabulary) {
        this.config = config;
        this.vocabulary = vocabulary;
    }

    @Override
    public void initialize(FilterTerms annotation) {
        this.kind = annotation.value();
    }

    @Override
    public boolean isValid(List<String> terms, ConstraintValidatorContext context) {
        if (terms == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        int most = mostAllowed();
        if (terms.size() > most) {
            Violations.here(context, "has more than " + most + " " + kind.plural);
            return false;
        }
        boolean valid = true;
        for (int i = 0; i < terms.size(); i++) {
            Optional<String> problem = problem(terms.get(i));
            if (problem.isPresent()) {
                Violations.atIndex(context, i, problem.get());
                valid = false;
            }
        }
        return valid;
    }

    private int mostAllowed() {
        return switch (kind) {
            case SIGNAL_TYPE -> limits().signalTypesPerFilter();
            case TOPIC -> limits().topicsPerFilter();
            case KEYWORD -> limits().keywordsPerFilter();
            case LANGUAGE -> limits().languagesPerFilter();
        };
    }

    private Optional<String> problem(String term) {
        if (term == null) {
            return Optional.of("must not be null");
        }
        return switch (kind) {
            case SIGNAL_TYPE -> vocabulary.isSignalType(term) ? Optional.empty()
                    : Optional.of("is not a signal type (known: " + known(vocabulary.signalTypes()) + ")");
            case TOPIC -> vocabulary.isTopic(term) ? Optional.empty()
                    : Optional.of("is not a topic id (known: " + known(vocabulary.topics()) + ")");
            case KEYWORD -> keywordProblem(term);
            case LANGUAGE -> LANGUAGE.matcher(term.toLowerCase(Locale.ROOT)).matches() ? Optional.empty()
                    : Optional.of("is not an ISO 639 language code");
        };
    }

    private static String known(Set<String> terms) {
        return String.join(", ", new TreeSet<>(terms));
    }

    private Optional<String> keywordProblem(String keyword) {
        // Length first: folding a long text is the expensive part.
        if (keyword.length() > limits().keywordLength()) {
            return Optional.of("is longer than " + limits().keywordLength() + " characters");
        }
        if (FoldedText.fold(keyword).isEmpty()) {
            return Optional.of("must contain a letter or digit");
        }
        return Optional.empty();
    }

    /**
     * Read when validating: Quarkus builds the validator factory, and with it this validator, at static init,
     * before the runtime configuration exists.
     */
    private AlertConfig.Limits limits() {
        return config.get().limits();
    }
}
