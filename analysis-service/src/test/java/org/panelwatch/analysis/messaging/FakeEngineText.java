package org.panelwatch.analysis.messaging;

/** Sentences the test engine reads as a signal. */
final class FakeEngineText {
    static final String SIGNAL = "Russia received artillery shells from North Korea, officials said.";

    private FakeEngineText() {
    }
}
