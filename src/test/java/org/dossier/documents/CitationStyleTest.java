package org.dossier.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.dossier.authorities.AuthorityRef;
import org.junit.jupiter.api.Test;
import org.dossier.testing.SameOnEveryDatabase;

/** The punctuation and dates the styles' rules call for, on titles that make them hard. */
@SameOnEveryDatabase
class CitationStyleTest {

    private static Citation citation(String title, String genre, DocumentDate date) {
        return new Citation(9, 2, title, Optional.of(date), genre, List.of(), List.of(), List.of(), "Dossier",
                "https://dossier.example.org", LocalDate.of(2026, 9, 1), Languages.NONE);
    }

    @Test
    void anUndatedRecordIsCitedNdByChicagoAndApaAndWithoutADateByMla() {
        Citation c = new Citation(9, 2, "Memorandum on Trade", Optional.empty(), "Memorandum", List.of(), List.of(),
                List.of(), "Dossier", "https://dossier.example.org", LocalDate.of(2026, 9, 1), Languages.NONE);
        assertEquals("\u201CMemorandum on Trade,\u201D memorandum, n.d., Dossier, version 2, accessed September 1, 2026, "
                + "https://dossier.example.org/documents/9/v/2.", CitationStyle.CHICAGO_NOTE.format(c).text(),
                "Chicago: n.d. where the date would be");
        assertEquals("\u201CMemorandum on Trade.\u201D Memorandum, n.d. Dossier, version 2. Accessed September 1, 2026. "
                + "https://dossier.example.org/documents/9/v/2.", CitationStyle.CHICAGO_BIBLIOGRAPHY.format(c).text(),
                "n.d.'s own full stop ends the sentence");
        assertEquals("\u201CMemorandum on Trade.\u201D Memorandum. Dossier, version 2, dossier.example.org/documents/9/v/2. "
                + "Accessed 1 Sept. 2026.", CitationStyle.MLA.format(c).text(), "MLA 9 leaves out a date the source lacks");
        assertEquals("Memorandum on Trade (Version 2) [Memorandum]. (n.d.). Dossier. https://dossier.example.org/documents/9/v/2",
                CitationStyle.APA.format(c).text(), "APA: (n.d.)");
    }

    @Test
    void anApproximateDateIsCitedWithEachStylesAbbreviationOfCirca() {
        Citation c = citation("Memorandum on Trade", null, DocumentDate.ofYear(1962).approximate());
        assertEquals("\u201CMemorandum on Trade,\u201D ca. 1962, Dossier,",
                CitationStyle.CHICAGO_NOTE.format(c).text().split(" version")[0], "Chicago 10.42: ca.");
        assertEquals("\u201CMemorandum on Trade.\u201D ca. 1962. Dossier,",
                CitationStyle.CHICAGO_BIBLIOGRAPHY.format(c).text().split(" version")[0]);
        assertEquals("\u201CMemorandum on Trade.\u201D c. 1962.",
                CitationStyle.MLA.format(c).text().split(" Dossier")[0], "MLA abbreviates circa 'c.'");
        assertEquals("Memorandum on Trade (Version 2). (ca. 1962).",
                CitationStyle.APA.format(c).text().split(" Dossier")[0], "APA 7: an estimated date, (ca. 1962)");
        assertEquals("c. Mar. 1962", CitationStyle.mlaDate(DocumentDate.ofMonth(1962, 3).approximate()));
        assertEquals("ca. 1962, March", CitationStyle.apaDate(DocumentDate.ofMonth(1962, 3).approximate()));
    }

    @Test
    void aTitleEndingInAQuestionMarkTakesNoFurtherComma() {
        assertEquals("\u201CWho Lost China?\u201D memorandum, 1950, Dossier, version 2, accessed September 1, 2026, "
                        + "https://dossier.example.org/documents/9/v/2.",
                CitationStyle.CHICAGO_NOTE.format(citation("Who Lost China?", "Memorandum", DocumentDate.ofYear(1950))).text());
    }

    @Test
    void aTitleEndingInAQuotationTakesTheCommaInsideIt() {
        assertEquals("\u201CMalik, \u2018On the Question of a United Government in Korea,\u2019\u201D 1945, Dossier, version 2, "
                        + "accessed September 1, 2026, https://dossier.example.org/documents/9/v/2.",
                CitationStyle.CHICAGO_NOTE.format(citation("Malik, 'On the Question of a United Government in Korea'",
                        null, DocumentDate.ofYear(1945))).text());
    }

    @Test
    void aTrailingApostropheIsNotMistakenForAQuotation() {
        assertEquals("\u201CA Letter of the Soldiers'.\u201D 1950.",
                CitationStyle.MLA.format(citation("A Letter of the Soldiers'", null, DocumentDate.ofYear(1950)))
                        .text().split(" Dossier")[0].replace("<i>", ""));
    }

    @Test
    void doubleQuotationMarksInsideATitleBecomeSingleOnes() {
        assertEquals("\u201COn the \u2018Juche\u2019 Line.\u201D 1955.", CitationStyle.CHICAGO_BIBLIOGRAPHY.format(
                citation("On the \u201CJuche\u201D Line", null, DocumentDate.ofYear(1955))).text().split(" Dossier")[0]);
    }

    @Test
    void straightDoubleQuotationMarksInsideATitleBecomeSingleOnesToo() {
        assertEquals("\u201CReport on \u2018Operation #5\u2019 in the North.\u201D 1951.", CitationStyle.CHICAGO_BIBLIOGRAPHY
                .format(citation("Report on \"Operation #5\" in the North", null, DocumentDate.ofYear(1951))).text()
                .split(" Dossier")[0]);
        assertEquals("\u201CThe \u2018Juche\u2019 Line, and \u2018Self-Reliance,\u2019\u201D 1955,",
                CitationStyle.CHICAGO_NOTE.format(citation("The \"Juche\" Line, and \"Self-Reliance\"", null,
                        DocumentDate.ofYear(1955))).text().split(" Dossier")[0]);
        assertEquals("Stalin's \u2018Letter\u2019", Citation.innerQuotes("Stalin's \"Letter\""), "an apostrophe stays");
    }

    /** As citeproc-js sets them: straight single marks are a quotation too, an apostrophe is not. */
    @Test
    void straightSingleQuotationMarksInsideAQuotedTitleBecomeCurlyOnesAndDoubleOnesInAnItalicTitle() {
        String malik = "Malik, 'On the Question of a United Government in Korea'";
        DocumentDate day = DocumentDate.ofDay(1945, 12, 10);
        assertEquals("\u201CMalik, \u2018On the Question of a United Government in Korea,\u2019\u201D December 10, 1945,",
                CitationStyle.CHICAGO_NOTE.format(citation(malik, null, day)).text().split(" Dossier")[0]);
        assertEquals("\u201CMalik, \u2018On the Question of a United Government in Korea.\u2019\u201D 10 Dec. 1945.",
                CitationStyle.MLA.format(citation(malik, null, day)).text().split(" Dossier")[0]);
        assertEquals(new FormattedCitation.Run("Malik, \u201COn the Question of a United Government in Korea\u201D", true),
                CitationStyle.APA.format(citation(malik, null, day)).runs().get(0), "APA's title is not quoted: its quotation is");
        assertEquals("Report on \u201COperation #5\u201D", Citation.outerQuotes("Report on \"Operation #5\""));
        assertEquals("Stalin's \u2018Letter\u2019 and the Soldiers' \u2018Reply\u2019",
                Citation.innerQuotes("Stalin's 'Letter' and the Soldiers' 'Reply'"), "apostrophes stay");
        assertEquals("\u2018A \u201CB\u201D C\u2019", Citation.innerQuotes("'A \"B\" C'"), "a quotation in a quotation");
        assertEquals("Annual Report, \u2018On the Situation\u2019", Citation.outerQuotes("Annual Report, \u2018On the Situation\u2019"),
                "single curly marks are kept as written, as citeproc-js keeps them");
    }

    @Test
    void aTitleWrittenRightToLeftIsSetApartWithTheMarksOfTheEnglishSentenceOutsideIt() {
        String arabic = "\u0628\u0631\u0642\u064A\u0629 \u0625\u0644\u0649 \u0645\u0627\u0648 (\u0645\u0633\u0648\u062F\u0629)";
        DocumentDate year = DocumentDate.ofYear(1950);
        assertEquals("\u201C\u2068" + arabic + "\u2069,\u201D 1950,",
                CitationStyle.CHICAGO_NOTE.format(citation(arabic, null, year)).text().split(" Dossier")[0]);
        assertEquals("\u201C\u2068" + arabic + "\u2069.\u201D 1950.",
                CitationStyle.CHICAGO_BIBLIOGRAPHY.format(citation(arabic, null, year)).text().split(" Dossier")[0]);
        assertEquals("\u201C\u2068" + arabic + "?\u2069\u201D 1950.", CitationStyle.MLA.format(citation(arabic + "?",
                null, year)).text().split(" Dossier")[0], "a title's own question mark stays inside it");
        assertEquals(new FormattedCitation.Run("\u2068" + arabic + "\u2069", true),
                CitationStyle.APA.format(citation(arabic, null, year)).runs().get(0));
        assertEquals("\u201CCable No. 3355,\u201D 1950,", CitationStyle.CHICAGO_NOTE.format(citation("Cable No. 3355",
                null, year)).text().split(" Dossier")[0], "a title written left to right is not set apart");
    }

    @Test
    void aTitleInTheLettersOfTheRecordsLanguageIsReadInThatLanguageAndAnEnglishOneIsNot() {
        String russian = "\u0417\u0430\u043F\u0438\u0441\u044C \u0431\u0435\u0441\u0435\u0434\u044B";
        String arabic = "\u0628\u0631\u0642\u064A\u0629 (\u0645\u0633\u0648\u062F\u0629)";
        java.util.function.BiFunction<String, String, Citation> cite = (title, language) -> new Citation(9, 2, title,
                Optional.of(DocumentDate.ofYear(1950)), null, List.of(), List.of(), List.of(), "Dossier", "https://dossier.example.org",
                LocalDate.of(2026, 9, 1), Languages.typed(language));
        assertEquals(List.of(new FormattedCitation.Run("\u201C", false), new FormattedCitation.Run(russian, false, "ru"),
                        new FormattedCitation.Run(".\u201D 1950. Dossier, version 2. Accessed September 1, 2026. "
                                + "https://dossier.example.org/documents/9/v/2.", false)),
                CitationStyle.CHICAGO_BIBLIOGRAPHY.format(cite.apply(russian, "Russian")).runs());
        assertEquals(new FormattedCitation.Run(russian, true, "ru"),
                CitationStyle.APA.format(cite.apply(russian, "Russian")).runs().get(0));
        assertEquals(new FormattedCitation.Run("\u2068" + arabic + "\u2069", false, "ar"),
                CitationStyle.CHICAGO_NOTE.format(cite.apply(arabic, "Arabic")).runs().get(1),
                "set apart, with the style's comma after it in English");
        assertEquals(List.of(), CitationStyle.MLA.format(cite.apply("Cable No. 3355", "Russian")).runs().stream()
                .filter(r -> r.lang() != null).toList(), "an English title of a record in Russian is English");
        assertEquals(List.of(), CitationStyle.MLA.format(cite.apply(russian, "")).runs().stream()
                .filter(r -> r.lang() != null).toList(), "a record whose language no one gave");
    }

    private static Citation authored(List<PersonLink> people, String genre) {
        return new Citation(9, 2, "Cable No. 3355", Optional.of(DocumentDate.ofDay(1949, 5, 26)), genre, List.of(), people, List.of(),
                "Dossier", "https://dossier.example.org", LocalDate.of(2026, 9, 1), Languages.NONE);
    }

    private static final PersonLink STALIN = new PersonLink(1, "stalin", "Joseph Stalin", "Stalin, Joseph", false,
            org.dossier.authorities.PersonRole.AUTHOR);
    private static final PersonLink MOLOTOV = new PersonLink(2, "molotov", "Vyacheslav Molotov", "Molotov, Vyacheslav",
            false, org.dossier.authorities.PersonRole.AUTHOR);
    private static final PersonLink KIM = new PersonLink(3, "kim-il-sung", "Kim Il Sung", "Kim Il Sung", false,
            org.dossier.authorities.PersonRole.AUTHOR);
    private static final PersonLink MAO = new PersonLink(4, "mao-zedong", "Mao Zedong", "Mao Zedong", false,
            org.dossier.authorities.PersonRole.RECIPIENT);

    @Test
    void everyStyleStartsFromTheAuthorAndNamesTheRecipientAfterTheGenre() {
        Citation c = authored(List.of(STALIN, MAO), "Cable");
        assertEquals("Joseph Stalin, \u201CCable No. 3355,\u201D cable to Mao Zedong, May 26, 1949, Dossier, version 2, "
                + "accessed September 1, 2026, https://dossier.example.org/documents/9/v/2.", CitationStyle.CHICAGO_NOTE.format(c).text());
        assertEquals("Stalin, Joseph. \u201CCable No. 3355.\u201D Cable to Mao Zedong, May 26, 1949. Dossier, version 2. "
                + "Accessed September 1, 2026. https://dossier.example.org/documents/9/v/2.",
                CitationStyle.CHICAGO_BIBLIOGRAPHY.format(c).text());
        assertEquals("Stalin, Joseph. \u201CCable No. 3355.\u201D Cable to Mao Zedong, 26 May 1949. Dossier, version 2, "
                + "dossier.example.org/documents/9/v/2. Accessed 1 Sept. 2026.", CitationStyle.MLA.format(c).text());
        assertEquals("Stalin, J. (1949, May 26). Cable No. 3355 (Version 2) [Cable to Mao Zedong]. Dossier. "
                + "https://dossier.example.org/documents/9/v/2", CitationStyle.APA.format(c).text(),
                "no retrieval date: APA 7 gives one only to a page that changes and is not archived, and a version stays");
    }

    @Test
    void aGenreOfSeveralWordsIsADescriptionInSentenceCaseWhereItStartsASentence() {
        Citation c = authored(List.of(STALIN, MAO), "Ciphered Telegram");
        assertEquals("ciphered telegram to Mao Zedong,", CitationStyle.CHICAGO_NOTE.format(c).text()
                .split("\u201D ")[1].split(" May")[0]);
        assertEquals("Ciphered telegram to Mao Zedong,", CitationStyle.CHICAGO_BIBLIOGRAPHY.format(c).text()
                .split("\u201D ")[1].split(" May")[0], "as the note has it, the first word capitalised");
        assertEquals("Ciphered telegram to Mao Zedong,", CitationStyle.MLA.format(c).text()
                .split("\u201D ")[1].split(" 26")[0]);
        assertTrue(CitationStyle.APA.format(c).text().contains("[Ciphered telegram to Mao Zedong]"),
                CitationStyle.APA.format(c).text());
        Citation noRecipient = authored(List.of(STALIN), "Journal / Diary Entry");
        assertTrue(CitationStyle.CHICAGO_BIBLIOGRAPHY.format(noRecipient).text().contains("\u201D Journal / diary entry, May"),
                CitationStyle.CHICAGO_BIBLIOGRAPHY.format(noRecipient).text());
        assertTrue(CitationStyle.APA.format(authored(List.of(STALIN), "DPRK Report")).text().contains("[DPRK report]"),
                "an acronym stays as it is");
    }

    @Test
    void severalAuthorsAreListedAsEachStyleListsThem() {
        Citation two = authored(List.of(STALIN, MOLOTOV), "Cable");
        assertEquals("Stalin, Joseph, and Vyacheslav Molotov.", CitationStyle.CHICAGO_BIBLIOGRAPHY.format(two).text()
                .split(" \u201C")[0]);
        assertEquals("Joseph Stalin and Vyacheslav Molotov,", CitationStyle.CHICAGO_NOTE.format(two).text().split(" \u201C")[0]);
        assertEquals("Stalin, J., & Molotov, V.", CitationStyle.APA.format(two).text().split(" \\(")[0]);
        Citation three = authored(List.of(STALIN, MOLOTOV, KIM), "Cable");
        assertEquals("Stalin, Joseph, et al.", CitationStyle.MLA.format(three).text().split(" \u201C")[0]);
        assertEquals("Joseph Stalin, Vyacheslav Molotov, and Kim Il Sung,", CitationStyle.CHICAGO_NOTE.format(three).text()
                .split(" \u201C")[0]);
        assertEquals("Stalin, J., Molotov, V., & Kim, I. S.", CitationStyle.APA.format(three).text().split(" \\(")[0]);
    }

    /** CMOS 14.76, as the Chicago CSL style sets it (citeproc-js gives the same names and punctuation). */
    @Test
    void aChicagoNoteNamesFourOrMoreAuthorsAsTheFirstEtAlAndItsBibliographyMoreThanTenAsTheFirstSeven() {
        Citation four = authored(List.of(STALIN, MOLOTOV, KIM, author(5, "Lavrentiy Beria", "Beria, Lavrentiy")), "Cable");
        assertEquals("Joseph Stalin et al.,", CitationStyle.CHICAGO_NOTE.format(four).text().split(" \u201C")[0]);
        assertEquals("Stalin, Joseph, Vyacheslav Molotov, Kim Il Sung, and Lavrentiy Beria.",
                CitationStyle.CHICAGO_BIBLIOGRAPHY.format(four).text().split(" \u201C")[0], "up to ten, every one");
        List<PersonLink> eleven = java.util.stream.IntStream.rangeClosed(1, 11)
                .mapToObj(i -> author(10 + i, "Given" + i + " Family" + i, "Family" + i + ", Given" + i)).toList();
        assertEquals("Family1, Given1, Given2 Family2, Given3 Family3, Given4 Family4, Given5 Family5, Given6 Family6, "
                + "Given7 Family7, et al.", CitationStyle.CHICAGO_BIBLIOGRAPHY.format(authored(eleven, "Cable")).text()
                .split(" \u201C")[0]);
        assertEquals("Given1 Family1 et al.,", CitationStyle.CHICAGO_NOTE.format(authored(eleven, "Cable")).text()
                .split(" \u201C")[0]);
    }

    /** APA 7, 9.8, as citeproc-js sets it with the APA CSL style. */
    @Test
    void apaNamesTwentyOneOrMoreAuthorsAsTheFirstNineteenAnEllipsisAndTheLast() {
        List<PersonLink> many = java.util.stream.IntStream.rangeClosed(1, 22)
                .mapToObj(i -> author(10 + i, "Given" + i + " Family" + i, "Family" + i + ", Given" + i)).toList();
        String nineteen = java.util.stream.IntStream.rangeClosed(1, 19).mapToObj(i -> "Family" + i + ", G.")
                .collect(java.util.stream.Collectors.joining(", "));
        assertEquals(nineteen + ", \u2026 Family22, G. (1949, May 26).",
                CitationStyle.APA.format(authored(many, "Cable")).text().split(" Cable")[0]);
        assertEquals(nineteen + ", & Family20, G. (1949, May 26).", CitationStyle.APA.format(authored(many.subList(0, 20),
                "Cable")).text().split(" Cable")[0], "up to twenty, every one");
    }

    /** Library authority headings write "Gaulle, Charles de", "Braun, Wernher von"; citeproc-js's APA gives "Gaulle, C. de". */
    @Test
    void apaKeepsAParticleAfterTheGivenNamesAsAWordNotAnInitial() {
        Citation c = authored(List.of(author(5, "Charles de Gaulle", "Gaulle, Charles de"),
                author(6, "Wernher von Braun", "Braun, Wernher von")), "Memorandum");
        assertEquals("Gaulle, C. de, & Braun, W. von. (1949, May 26).", CitationStyle.APA.format(c).text().split(" Cable")[0],
                "not 'Gaulle, C. D.' and 'Braun, W. V.'");
        assertEquals("Gaulle, Charles de, and Wernher von Braun.", CitationStyle.CHICAGO_BIBLIOGRAPHY.format(c).text()
                .split(" \u201C")[0]);
    }

    /** A library authority heading's suffix: "Davies, John Paton, Jr.". */
    @Test
    void aSuffixInTheSortFormStaysASuffixInEveryStyle() {
        Citation c = authored(List.of(author(5, "John Paton Davies Jr.", "Davies, John Paton, Jr.")), "Memorandum");
        assertEquals("Davies, J. P., Jr. (1949, May 26).", CitationStyle.APA.format(c).text().split(" Cable")[0],
                "not 'Davies, J. P. J.', the suffix taken for an initial");
        assertEquals("Davies, John Paton, Jr.", CitationStyle.CHICAGO_BIBLIOGRAPHY.format(c).text().split(" \u201C")[0]);
        assertEquals("John Paton Davies Jr.,", CitationStyle.CHICAGO_NOTE.format(c).text().split(" \u201C")[0]);
    }

    private static PersonLink author(int id, String name, String sortName) {
        return new PersonLink(id, "person-" + id, name, sortName, false, org.dossier.authorities.PersonRole.AUTHOR);
    }

    @Test
    void aNameWrittenFamilyNameFirstIsNeverInverted() {
        Citation c = authored(List.of(KIM), null);
        assertEquals("Kim Il Sung. \u201CCable No. 3355.\u201D May 26, 1949.", CitationStyle.CHICAGO_BIBLIOGRAPHY.format(c)
                .text().split(" Dossier")[0]);
    }

    @Test
    void aNameWrittenRightToLeftIsSetApartSoThatNamesAndDatesKeepTheirPlaces() {
        PersonLink nasser = new PersonLink(5, "gamal-abdel-nasser", "جمال عبد الناصر", "عبد الناصر, جمال", false,
                org.dossier.authorities.PersonRole.AUTHOR);
        PersonLink sadat = new PersonLink(6, "anwar-sadat", "أنور السادات", "أنور السادات", false,
                org.dossier.authorities.PersonRole.RECIPIENT);
        PersonLink benGurion = new PersonLink(7, "david-ben-gurion", "דוד בן-גוריון", "בן-גוריון, דוד", false,
                org.dossier.authorities.PersonRole.AUTHOR);
        Citation c = authored(List.of(nasser, benGurion, sadat), "Cable");
        assertEquals("\u2068جمال عبد الناصر\u2069 and \u2068דוד בן-גוריון\u2069, \u201CCable No. 3355,\u201D cable to "
                + "\u2068أنور السادات\u2069, May 26, 1949,", CitationStyle.CHICAGO_NOTE.format(c).text().split(" Dossier")[0]);
        assertEquals("\u2068عبد الناصر, جمال\u2069, and \u2068דוד בן-גוריון\u2069.",
                CitationStyle.CHICAGO_BIBLIOGRAPHY.format(c).text().split(" \u201C")[0]);
        assertEquals("\u2068عبد الناصر, جمال\u2069, and \u2068דוד בן-גוריון\u2069.", CitationStyle.MLA.format(c).text()
                .split(" \u201C")[0]);
        assertEquals("\u2068عبد الناصر, ج.\u2069, & \u2068בן-גוריון, ד.\u2069 (1949, May 26).",
                CitationStyle.APA.format(c).text().split(" Cable")[0]);
        assertEquals("Stalin, J. (1949, May 26).", CitationStyle.APA.format(authored(List.of(STALIN), "Cable")).text()
                .split(" Cable")[0], "a name written left to right is not set apart");
    }

    @Test
    void chicagoNotesNameTheGenreInLowerCaseButKeepAcronyms() {
        assertEquals("journal / diary entry", CitationStyle.lowerCaseWords("Journal / Diary Entry"));
        assertEquals("DPRK report", CitationStyle.lowerCaseWords("DPRK Report"));
    }

    @Test
    void mlaAbbreviatesMonthsLongerThanFourLetters() {
        assertEquals("10 May 1943", CitationStyle.mlaDate(DocumentDate.ofDay(1943, 5, 10)));
        assertEquals("Sept. 1966", CitationStyle.mlaDate(DocumentDate.ofMonth(1966, 9)));
        assertEquals("June 1950", CitationStyle.mlaDate(DocumentDate.ofMonth(1950, 6)));
        assertEquals("Feb. 1942", CitationStyle.mlaDate(DocumentDate.ofMonth(1942, 2)));
    }

    @Test
    void apaPutsTheYearFirstAndNeverInventsADay() {
        assertEquals("1943, May 10", CitationStyle.apaDate(DocumentDate.ofDay(1943, 5, 10)));
        assertEquals("1942, February", CitationStyle.apaDate(DocumentDate.ofMonth(1942, 2)));
        assertEquals("1950", CitationStyle.apaDate(DocumentDate.ofYear(1950)));
    }

    @Test
    void apaSetsOnlyTheTitleInItalics() {
        FormattedCitation apa = CitationStyle.APA.format(citation("Cable No. 3355", "Cable", DocumentDate.ofDay(1950, 7, 13)));
        assertEquals(List.of(new FormattedCitation.Run("Cable No. 3355", true),
                new FormattedCitation.Run(" (Version 2) [Cable]. (1950, July 13). Dossier. "
                        + "https://dossier.example.org/documents/9/v/2", false)), apa.runs());
    }

    @Test
    void aRecordOfTheUnspecifiedTypeIsCitedWithoutAGenre() {
        assertNull(Citation.genreOf(new AuthorityRef(3, "other", "Other")));
        assertNull(Citation.genreOf(null));
        assertEquals("Letter", Citation.genreOf(new AuthorityRef(4, "letter", "Letter")));
    }

    @Test
    void bibTeXEscapesEachOfLaTeXsSpecialCharacters() {
        assertEquals("{\\textbraceleft}a{\\textbraceright} \\& 5\\% \\$ \\# x\\_y {\\textasciitilde} {\\textasciicircum}"
                + " {\\textbackslash}", BibTeXFormat.escape("{a} & 5% $ # x_y ~ ^ \\"));
    }

    @Test
    void bibTeXWritesAngleBracketsAndTheBarAsZoteroDoesNotAsLaTeXsDefaultFontsMisprintThem() {
        // In OT1, LaTeX's default font encoding, they come out as "¡", "¿" and an em dash.
        assertEquals("Kim {\\textless}draft{\\textgreater} {\\textbar} 1950", BibTeXFormat.escape("Kim <draft> | 1950"));
    }

    @Test
    void mlaAndApaSayWhatASpansEndsShareOnce() {
        // Each span as written, then as MLA and as APA write it.
        String[][] spans = {
            {"1961-1962", "1961\u20131962", "1961\u20131962"},
            {"ca. 1961-1962", "c. 1961\u20131962", "ca. 1961\u20131962"},
            {"March-April 1962", "Mar.\u2013Apr. 1962", "1962, March\u2013April"},
            {"June 3-5, 1961", "3\u20135 June 1961", "1961, June 3\u20135"},
            {"30 June - 2 July 1961", "30 June\u20132 July 1961", "1961, June 30\u2013July 2"},
            {"March 1962 - April 1963", "Mar. 1962\u2013Apr. 1963", "1962, March\u20131963, April"},
        };
        for (String[] span : spans) {
            DocumentDate date = DocumentDate.parse(span[0]);
            assertEquals(span[1], CitationStyle.mlaDate(date), "MLA: " + span[0]);
            assertEquals(span[2], CitationStyle.apaDate(date), "APA: " + span[0]);
        }
    }
}
