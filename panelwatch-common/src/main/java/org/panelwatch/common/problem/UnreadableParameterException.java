package org.panelwatch.common.problem;

import jakarta.ws.rs.BadRequestException;

/**
 * A query, header, form or cookie parameter whose text is not of its type ({@code limit=abc}). A
 * {@code WebApplicationException}, because RESTEasy passes those from a converter unchanged, where it
 * would turn any other failure into a bare 404 (JAX-RS 3.1, section 3.2) that names nothing.
 */
public class UnreadableParameterException extends BadRequestException {

    private final String parameter;
    private final String expectation;

    public UnreadableParameterException(String parameter, String expectation) {
        super(parameter + " " + expectation);
        this.parameter = parameter;
        this.expectation = expectation;
    }

    /** The parameter's name as the client sent it. */
    public String parameter() {
        return parameter;
    }

    /** What its value must be, as a sentence's predicate: "must be an integer". */
    public String expectation() {
        return expectation;
    }
}
