package org.dossier.importing;

import java.util.List;

/** An import run refused its files; nothing was written. Each line names 'file:line: what is wrong'. */
public final class ImportRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ImportRejectedException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
