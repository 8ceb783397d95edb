package org.dossier.importing;

import java.util.List;
import java.util.stream.Collectors;

/** A seed page could not be read; every problem found names its file and line. */
public final class SeedFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<SeedProblem> problems;

    public SeedFormatException(List<SeedProblem> problems) {
        super(problems.stream().map(SeedProblem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a format error needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<SeedProblem> problems() {
        return problems;
    }
}
