package org.panelwatch.analysis.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.panelwatch.analysis.api.CatalogueInfo;
import org.panelwatch.analysis.config.CurrentEngine;
import org.panelwatch.analysis.engine.TaggingEngine;

/** GET /api/v1/catalogue: the catalogue tagged with and the UN list in use. */
@ApplicationScoped
public class CatalogueInfoService {

    private final TaggingEngine engine;
    private final CurrentEngine current;
    private final UnListService unList;

    public CatalogueInfoService(TaggingEngine engine, CurrentEngine current, UnListService unList) {
        this.engine = engine;
        this.current = current;
        this.unList = unList;
    }

    public CatalogueInfo info() {
        CurrentEngine.UnListInfo list = current.unList();
        return new CatalogueInfo(engine.catalogue().version(), engine.catalogue().topics().size(),
                new CatalogueInfo.UnList(list.dateGenerated(), list.individuals(), list.entities(), list.source(),
                        list.fetchedAt(), unList.lastRefresh()));
    }
}
