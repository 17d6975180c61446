package org.panelwatch.analysis.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.panelwatch.analysis.engine.story.EventKeys;
import org.panelwatch.analysis.engine.story.StoryMatcher;

/** The engine's story matching, built once: the event words are read at start-up. */
public class StoryMatchingProducer {

    @Produces
    @ApplicationScoped
    EventKeys eventKeys() {
        return EventKeys.bundled();
    }

    @Produces
    @ApplicationScoped
    StoryMatcher storyMatcher(AnalysisConfig config) {
        return new StoryMatcher(config.stories().eventWindow(), config.stories().eventThreshold(),
                StoryMatcher.DEFAULT_MIN_ANCHORS);
    }
}
