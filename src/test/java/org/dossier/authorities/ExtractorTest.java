package org.dossier.authorities;

import static org.dossier.db.Tables.DOCUMENT_TYPE;
import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.PLACE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.dossier.importing.SeedEntry;
import org.dossier.importing.SeedPageParser;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExtractorTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.withAuthoritiesForTheClass();
    private static Extractor extractor;
    private static Map<Integer, String> typeKeys;
    private static Map<Integer, String> personKeys;
    private static Map<Integer, String> placeKeys;

    @BeforeAll
    static void loadAuthorities() {
        extractor = Extractor.load(db.dsl());
        typeKeys = db.dsl().select(DOCUMENT_TYPE.ID, DOCUMENT_TYPE.KEY).from(DOCUMENT_TYPE).fetchMap(DOCUMENT_TYPE.ID, DOCUMENT_TYPE.KEY);
        personKeys = db.dsl().select(PERSON.ID, PERSON.KEY).from(PERSON).fetchMap(PERSON.ID, PERSON.KEY);
        placeKeys = db.dsl().select(PLACE.ID, PLACE.KEY).from(PLACE).fetchMap(PLACE.ID, PLACE.KEY);
    }

    private String type(String title) {
        return typeKeys.get(extractor.extract(title, List.of()).typeId());
    }

    private List<String> people(String text) {
        return keys(extractor.extract(text, List.of()).people().keySet(), personKeys);
    }

    private List<String> places(String text) {
        return keys(extractor.extract(text, List.of()).places(), placeKeys);
    }

    private static List<String> keys(Collection<Integer> ids, Map<Integer, String> keys) {
        return ids.stream().map(keys::get).sorted().toList();
    }

    @Test
    void everySeedEntryYieldsTheReviewedTypePeopleAndPlaces() throws Exception {
        StringBuilder actual = new StringBuilder();
        SeedPageParser parser = new SeedPageParser();
        try (var files = Files.list(Path.of("seeds"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                for (SeedEntry entry : parser.parse(file.getFileName().toString(), Files.readAllBytes(file))) {
                    Extraction found = extractor.extract(entry.title(), entry.summary());
                    actual.append(entry.title()).append('\n')
                            .append("    type: ").append(typeKeys.get(found.typeId())).append('\n')
                            .append("    people: ").append(String.join(", ", keys(found.people().keySet(), personKeys))).append('\n')
                            .append("    places: ").append(String.join(", ", keys(found.places(), placeKeys))).append('\n')
                            .append('\n');
                }
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/seed-extraction.actual.txt"), actual.toString(), StandardCharsets.UTF_8);
        assertEquals(golden("src/test/resources/authorities/seed-extraction.txt"), actual.toString().strip(),
                "compare with target/seed-extraction.actual.txt");
    }

    @Test
    void everySeedTitleYieldsTheReviewedRoles() throws Exception {
        StringBuilder actual = new StringBuilder();
        SeedPageParser parser = new SeedPageParser();
        try (var files = Files.list(Path.of("seeds"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                for (SeedEntry entry : parser.parse(file.getFileName().toString(), Files.readAllBytes(file))) {
                    Extraction found = extractor.extract(entry.title(), entry.summary());
                    actual.append(entry.title()).append('\n');
                    for (PersonRole role : PersonRole.values()) {
                        List<String> keys = found.people().entrySet().stream().filter(e -> e.getValue() == role)
                                .map(e -> personKeys.get(e.getKey())).sorted().toList();
                        actual.append("    ").append(role.key()).append(": ").append(String.join(", ", keys))
                                .append('\n');
                    }
                    actual.append('\n');
                }
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/seed-roles.actual.txt"), actual.toString(), StandardCharsets.UTF_8);
        assertEquals(golden("src/test/resources/authorities/seed-roles.txt"), actual.toString().strip(),
                "compare with target/seed-roles.actual.txt");
    }

    private static String golden(String path) throws java.io.IOException {
        List<String> expected = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(path), StandardCharsets.UTF_8)) {
            if (!line.startsWith("#")) {
                expected.add(line);
            }
        }
        return String.join("\n", expected).strip();
    }

    private Map<String, String> roles(String title) {
        Map<String, String> roles = new java.util.TreeMap<>();
        extractor.extract(title, List.of()).people().forEach((id, role) -> roles.put(personKeys.get(id), role.key()));
        return roles;
    }

    @Test
    void aTelegramFromOnePersonToAnotherViaAThirdHasAnAuthorARecipientAndAMention() {
        assertEquals(Map.of("kim-il-sung", "author", "stalin", "recipient", "shtykov", "mentioned"),
                roles("Telegram from Kim Il Sung to Stalin (via Shtykov)"));
        assertEquals(Map.of("stalin", "author", "mao-zedong", "recipient", "kovalev", "mentioned"),
                roles("Cable, Stalin to Mao Zedong [via Kovalev]"));
    }

    @Test
    void aPseudonymGlossedInBracketsIsOnePersonAndTheMessagePassedOnIsOnlyMentioned() {
        assertEquals(Map.of("shtykov", "author", "stalin", "recipient", "kim-il-sung", "mentioned"),
                roles("Ciphered Telegram No. 405976 from Shtykov to Feng Xi [Stalin], transmitting letter from Kim Il Sung to Stalin"));
    }

    @Test
    void everyoneInAConversationTakesPart() {
        assertEquals(Map.of("mikoyan", "participant", "zhou-enlai", "participant"),
                roles("Memorandum of Conversation between Anastas Mikoyan and Zhou Enlai"));
    }

    @Test
    void aDiaristIsTheAuthorOfTheConversationTheyRecord() {
        assertEquals(Map.of("roshchin", "author", "mao-zedong", "participant"),
                roles("From the Diary of N.V. Roshchin: Memorandum of Conversation with Chairman Mao Zedong on 16 October 1949"));
    }

    @Test
    void anOrganisationCanWriteAndReceive() {
        assertEquals(Map.of("hungarian-legation-dprk", "author", "hungarian-foreign-ministry", "recipient"),
                roles("Report, Legation of Hungary in North Korea to the Hungarian Foreign Ministry"));
    }

    @Test
    void anApostropheInANameIsNoQuotation() {
        assertEquals(Map.of("stalin", "author", "pishevari", "recipient"),
                roles("Joseph V. Stalin to Ja'far Pishevari, Leader of the Democratic Party of Azerbaijan, 8 May 1946"));
    }

    @Test
    void aTitleNamingNobodyInAShapeLeavesEveryoneMentioned() {
        assertEquals(Map.of("stalin", "mentioned"), roles("Notes on Stalin's health"));
    }

    @Test
    void stalinsPseudonymsAndVariantsAreStalin() {
        for (String text : List.of("signed Filippov", "from Feng Xi", "from Fyn Si", "to Instantsia",
                "Comrade I.V. Stalin", "I. V. Stalin", "J. V. Stalin", "Stalin's letter", "Joseph V. Stalin")) {
            assertEquals(List.of("stalin"), people(text), text);
        }
    }

    @Test
    void aFullNameOnlyFormAloneNamesNobody() {
        assertEquals(List.of(), people("Kim asked for a reply"));
        assertEquals(List.of(), people("a letter from Mao"));
        assertEquals(List.of("stalin"), people("Zhou and Chiang met Stalin"));
    }

    @Test
    void aFullNameOnlyFormNamesWhomTheRecordNamesInFull() {
        Extraction found = extractor.extract("Telegram from Kim to Stalin",
                List.of("Kim Il Sung asks for arms; Kim's request is passed on."));
        Map<String, String> roles = new java.util.TreeMap<>();
        found.people().forEach((id, role) -> roles.put(personKeys.get(id), role.key()));
        assertEquals(Map.of("kim-il-sung", "author", "stalin", "recipient"), roles);
        assertEquals(Map.of("stalin", "recipient"), roles("Telegram from Kim to Stalin"));
    }

    @Test
    void misspellingsOfShtykovAreShtykov() {
        assertEquals(List.of("shtykov"), people("via Shtytkov"));
        assertEquals(List.of("shtykov"), people("Shytkov attached his support"));
        assertEquals(List.of("shtykov"), people("from Shtykov"));
    }

    @Test
    void jieshiIsChiangKaiShek() {
        assertEquals(List.of("chiang-kai-shek"), people("Jieshi remains vague"));
        assertEquals(List.of("chiang-kai-shek"), people("Chiang Kai-Shek's response"));
    }

    @Test
    void accentsAndCaseDoNotMatter() {
        assertEquals(List.of("rola-zymierski"), people("Gen. Rola-Zymierski"));
        assertEquals(List.of("rola-zymierski"), people("gen. rola-żymierski"));
        assertEquals(List.of("ussr"), places("under SOviet military control"));
    }

    @Test
    void theLongestNameWinsWhereNamesOverlap() {
        assertEquals(List.of("dprk"), places("the North Korean occupation of Seoul").subList(0, 1));
        assertEquals(List.of("dprk", "south-korea"), places("North Korea and South Korea"));
        assertEquals(List.of("korea"), places("the liberation of Korea"));
        assertEquals(List.of("inner-mongolia"), places("policy in inner Mongolia"));
    }

    @Test
    void northKoreaAndTheDprkAreOnePlace() {
        assertEquals(places("North Korea"), places("DPRK"));
    }

    @Test
    void acronymsMatchOnlyInCapitals() {
        assertEquals(List.of("united-states"), places("the US is not willing"));
        assertEquals(List.of(), places("let us discuss"));
        assertEquals(List.of("prc"), places("the PRC"));
        assertEquals(List.of(), places("a prc"));
    }

    @Test
    void theTypeIsThePhraseNamedEarliestInTheTitle() {
        assertEquals("ciphered-telegram", type("Ciphered Telegram No. 405976 from Shtykov"));
        assertEquals("ciphered-telegram", type("Ciphered telegram, Filippov (Stalin) to Mao Zedong"));
        assertEquals("telegram", type("Telegram from Gromyko to Poskrebyshevu, Relaying a Letter"));
        assertEquals("journal-entry", type("From the Diary of N.V. Roshchin: Memorandum of Conversation"));
        assertEquals("memorandum-of-conversation", type("Memorandum of Conversation between Mikoyan and Zhou"));
        assertEquals("memorandum", type("I. Tugarinov to Cde. B.N. Ponomarev, 'Concentering the Situation (Memorandum)'"));
        assertEquals("letter", type("Hand-delivered letter, Filippov (Stalin) to Mao Zedong"));
        assertEquals("speech", type("Stenographic Record of a Speech by Comrade J. V. Stalin"));
    }

    @Test
    void aTitleNamingNoTypeIsOther() {
        assertEquals("other", type("Malik, 'On the Question of a United Government in Korea'"));
        assertEquals("other", type("Reportedly lost"));
    }

    @Test
    void aTypePhraseStandsAloneWithAnyWhiteSpaceBetweenItsWords() {
        assertEquals("ciphered-telegram", type("Ciphered\n  Telegram from Shtykov"));
        assertEquals("ciphered-telegram", type("CIPHERED\tTELEGRAM"));
        assertEquals("ciphered-telegram", type("Ciphered Telegram,"));
        assertEquals("memorandum-of-conversation", type("Memorandum of  a\nConversation"));
        // Folding makes a no-break or an em space a space; a hyphen is no space, so "Telegram" stands alone.
        assertEquals("ciphered-telegram", type("Ciphered\u00A0Telegram"));
        assertEquals("ciphered-telegram", type("Ciphered\u2003Telegram"));
        assertEquals("telegram", type("Ciphered-Telegram"));
        assertEquals("cable", type("Cable-telegram?"));
        assertEquals("other", type("Telegrams of Stalin"));
    }

    @Test
    void titleShapesAreReadWhateverTheCaseOfTheirWords() {
        assertEquals(Map.of("kim-il-sung", "author", "stalin", "recipient", "shtykov", "mentioned"),
                roles("TELEGRAM FROM KIM IL SUNG TO STALIN (VIA SHTYKOV)"));
        assertEquals(Map.of("mikoyan", "participant", "zhou-enlai", "participant"),
                roles("RECORD OF CONVERSATION between Anastas Mikoyan and Zhou Enlai"));
    }
}
