package org.panelwatch.analysis.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.panelwatch.analysis.api.AnalysisResult;
import org.panelwatch.analysis.api.AnalyzeRequest;
import org.panelwatch.analysis.engine.TaggingEngine;
import org.panelwatch.analysis.mapping.ApiMapper;
import org.panelwatch.common.problem.Problem;
import org.panelwatch.common.problem.ProblemException;

/** Runs the tagging an ingested item would get on a text an analyst sends; nothing is stored. */
@ApplicationScoped
public class AnalyzeService {

    private final TaggingEngine engine;
    private final ApiMapper mapper;

    public AnalyzeService(TaggingEngine engine, ApiMapper mapper) {
        this.engine = engine;
        this.mapper = mapper;
    }

    public AnalysisResult analyze(AnalyzeRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("a JSON body {\"title\"?, \"body\", \"lang\"?} is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request.body() == null || request.body().isBlank()) {
            errors.add(new Problem.FieldError(null, "body", "is required"));
        }
        if (request.lang() != null && !request.lang().matches("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")) {
            errors.add(new Problem.FieldError(null, "lang", "must be a language tag such as en or ru"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        String title = request.title() == null ? "" : request.title();
        return mapper.analysis(engine.analyze(title, request.body(), request.lang()));
    }
}
