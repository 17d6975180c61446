package org.panelwatch.analysis.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.panelwatch.analysis.engine.Catalogue;
import org.panelwatch.analysis.engine.CatalogueException;
import org.panelwatch.analysis.engine.matching.Engines;
import org.panelwatch.common.problem.Problem;
import org.panelwatch.common.problem.ProblemException;

/** Validates an operator's catalogue against the bundled gazetteers without changing the running one. */
@ApplicationScoped
public class CatalogueCheck {

    public record Result(boolean valid, String version, List<String> topics, int rules) {
    }

    public Result validate(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            throw ProblemException.validation(List.of(new Problem.FieldError(null, "catalogue", "is empty")));
        }
        try {
            Catalogue catalogue = Engines.validateCatalogue(yaml);
            return new Result(true, catalogue.version(), catalogue.topics().stream().map(Catalogue.Topic::id).toList(),
                    catalogue.topics().stream().mapToInt(t -> t.rules().size()).sum());
        } catch (CatalogueException e) {
            throw ProblemException.validation(List.of(
                    new Problem.FieldError(null, e.rule() == null ? "catalogue" : e.rule(), e.getMessage())));
        }
    }
}
