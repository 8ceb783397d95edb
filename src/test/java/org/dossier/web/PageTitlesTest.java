package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/**
 * The layout writes every page's {@code <title>} ("Error: " first when the page refuses, " · Dossier"
 * after): a template gives only its name, as a {@code pageTitle} block. One that still passed its
 * own {@code <title>} element ({@code ~{::title}}, the contract before) would be put inside the
 * layout's, a title within a title, and Thymeleaf would not refuse it.
 */
@SameOnEveryDatabase
class PageTitlesTest {

    @Test
    void everyPageGivesTheLayoutItsNameAsAPageTitleBlockAndWritesNoTitleOfItsOwn() throws IOException {
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("resources/templates"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
                String html = Files.readString(file, StandardCharsets.UTF_8);
                if (!html.contains("layout :: page(")) {
                    continue;
                }
                if (!html.contains("layout :: page(~{::pageTitle}") || !html.contains("th:fragment=\"pageTitle\"")) {
                    wrong.add(file + ": gives the layout no pageTitle block");
                }
                if (html.contains("<title")) {
                    wrong.add(file + ": writes a <title> of its own, which the layout writes");
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }
}
