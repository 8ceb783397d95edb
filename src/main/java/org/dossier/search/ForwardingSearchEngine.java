package org.dossier.search;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A search engine that passes every call on to {@code engine}: the base of an engine that adds
 * something around some of the calls (a bound on how many run at once, a timer), which overrides
 * just those and leaves the rest passed on, so that a method added to {@link SearchEngine} is
 * passed on by every such wrapper without each writing it out again.
 */
public abstract class ForwardingSearchEngine implements SearchEngine {

    protected final SearchEngine engine;

    protected ForwardingSearchEngine(SearchEngine engine) {
        this.engine = Objects.requireNonNull(engine);
    }

    @Override
    public SearchResults search(SearchRequest request) {
        return engine.search(request);
    }

    @Override
    public int[] hitIds(SearchRequest request) {
        return engine.hitIds(request);
    }

    @Override
    public long count(SearchRequest request) {
        return engine.count(request);
    }

    @Override
    public SearchResults search(SearchRequest request, Runnable beforeWork) {
        return engine.search(request, beforeWork);
    }

    @Override
    public long count(SearchRequest request, Runnable beforeWork) {
        return engine.count(request, beforeWork);
    }

    @Override
    public IndexStatus status() {
        return engine.status();
    }

    @Override
    public boolean isOpen() {
        return engine.isOpen();
    }

    @Override
    public Optional<String> failure() {
        return engine.failure();
    }

    @Override
    public List<Integer> related(int documentId, int limit) {
        return engine.related(documentId, limit);
    }

    @Override
    public List<Suggestion> suggest(String text, int limit) {
        return engine.suggest(text, limit);
    }

    @Override
    public void changed(Set<Integer> documentIds) {
        engine.changed(documentIds);
    }

    @Override
    public void close() {
        engine.close();
    }
}
