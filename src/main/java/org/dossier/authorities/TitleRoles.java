package org.dossier.authorities;

import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads who wrote a record, who received it and who took part from the shapes of its title. The
 * names themselves are found by a {@link NameMatcher}; this class only decides which part of the
 * title a name stands in. The shapes, tried in this order (the golden file
 * {@code src/test/resources/authorities/seed-roles.txt} pins them on every seed title):
 *
 * <ol>
 * <li><b>Set aside</b>, as {@code mentioned}: an intermediary in brackets, "(via Shtykov)",
 *     "[via Kovalev]"; and everything from a clause about something else on: ", transmitting
 *     letter from Kim Il Sung to Stalin", "conveying …", "relaying …", "forwarding …",
 *     "relating to …", "regarding …", "concerning …", "about …". The people of a message a
 *     telegram passes on are not the telegram's author and recipient.</li>
 * <li><b>"…, Transmitted by A to B"</b>: A passed it on ({@code mentioned}), B received it.</li>
 * <li><b>"From the Journal of A", "Diary of A"</b>: A is the author; the rest of the title
 *     (after ":" or ",") is read on.</li>
 * <li><b>A conversation, meeting, talks or reception</b> ("Record of Conversation between A and
 *     B", "Memorandum of Conversation with B", "Reception by A for B"): everyone named takes
 *     part, apart from a diarist already the author.</li>
 * <li><b>"Speech by A", "Statement of A"</b> (also report, address, remarks): A is the author.</li>
 * <li><b>"from A to B"</b>, <b>"to B from A"</b>: A wrote, B received.</li>
 * <li><b>"A to B"</b>, with A after the title's last comma before "to" ("Cable, Stalin to Mao
 *     Zedong", "Joseph V. Stalin to Ja'far Pishevari, …"): A wrote, B received, as long as A
 *     names someone ("Soviet Ambassador to China" does not). Recipients stop at a quoted title.</li>
 * <li><b>"A, 'Quoted title'"</b>: A is the author ("Malik, 'On the Question …'").</li>
 * </ol>
 *
 * Anyone else named in the title or summary is {@code mentioned}. Where one person gets two
 * roles, the stronger wins (author, recipient, participant, mentioned).
 */
final class TitleRoles {

    private static final Pattern VIA = Pattern.compile("[(\\[]\\s*via\\s+([^)\\]]*)[)\\]]", Pattern.CASE_INSENSITIVE);
    private static final Pattern ASIDE = Pattern.compile(
            ",?\\s+(?:transmitting|conveying|relaying|forwarding|relating\\s+to|regarding|concerning|about)\\b",
            Pattern.CASE_INSENSITIVE);
    /** Words one of which each of these expressions needs (in lower case): see {@link #readTitle}. */
    private static final List<String> ASIDE_WORDS = List.of("transmitting", "conveying", "relaying", "forwarding",
            "relating", "regarding", "concerning", "about");
    private static final Pattern TRANSMITTED = Pattern.compile(",?\\s+transmitted\\b(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern TRANSMITTED_BY = Pattern.compile("^\\s*by\\s+(.+?)(?:\\s+to\\s+(.+))?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TRANSMITTED_TO = Pattern.compile("^\\s*to\\s+(.+)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern JOURNAL = Pattern.compile(
            "^(?:from\\s+)?(?:the\\s+)?(?:journal|diary)\\s+of\\s+(.+?)(?:[:,]\\s+|\\s+for\\s+|$)(.*)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern GATHERING = Pattern.compile("\\b(?:conversations?|meetings?|talks|reception)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final List<String> GATHERING_WORDS = List.of("conversation", "meeting", "talks", "reception");
    private static final Pattern STATEMENT = Pattern.compile(
            "\\b(?:speech|statement|report|address|remarks)\\s+(?:by|of)\\s+(.+)$", Pattern.CASE_INSENSITIVE);
    private static final List<String> STATEMENT_WORDS = List.of("speech", "statement", "report", "address", "remarks");
    private static final Pattern FROM = Pattern.compile("\\bfrom\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern TO = Pattern.compile("\\s+to\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern TO_WORD = Pattern.compile("\\bto\\s+", Pattern.CASE_INSENSITIVE);
    /** An opening quotation mark: not the apostrophe of "Ja'far" or "Stalin's". */
    private static final Pattern QUOTE = Pattern.compile("(?<![\\p{L}\\p{N}])['‘\"“]");
    private static final Pattern QUOTED_AFTER_NAME = Pattern.compile("^([^,'‘\"“]+),\\s*['‘\"“]");

    private final Function<String, ? extends java.util.Collection<Integer>> names;
    private final SortedMap<Integer, PersonRole> roles = new TreeMap<>();

    private TitleRoles(Function<String, ? extends java.util.Collection<Integer>> names) {
        this.names = names;
    }

    /** The role of every person the title names in one of its shapes; others are left out. */
    static SortedMap<Integer, PersonRole> read(String title, Function<String, ? extends java.util.Collection<Integer>> names) {
        TitleRoles reader = new TitleRoles(names);
        reader.readTitle(title);
        return reader.roles;
    }

    private void readTitle(String title) {
        // Each shape is looked for only where the title has its word: a shape's expression ignores
        // the case of ASCII letters only, so where it matches, the title in lower case has the word.
        // Most titles have few of the words; the expressions cost more than finding the names.
        String lower = title.toLowerCase(Locale.ROOT);
        String head = title;
        if (lower.contains("via")) {
            Matcher via = VIA.matcher(head);
            while (via.find()) {
                give(via.group(1), PersonRole.MENTIONED);
            }
            head = VIA.matcher(head).replaceAll(" ");
        }
        Matcher aside = containsAny(lower, ASIDE_WORDS) ? ASIDE.matcher(head) : null;
        if (aside != null && aside.find()) {
            give(head.substring(aside.start()), PersonRole.MENTIONED);
            head = head.substring(0, aside.start());
        }
        Matcher transmitted = lower.contains("transmitted") ? TRANSMITTED.matcher(head) : null;
        if (transmitted != null && transmitted.find()) {
            String rest = transmitted.group(1);
            head = head.substring(0, transmitted.start());
            Matcher by = TRANSMITTED_BY.matcher(rest);
            Matcher to = TRANSMITTED_TO.matcher(rest);
            if (by.matches()) {
                give(by.group(1), PersonRole.MENTIONED);
                if (by.group(2) != null) {
                    give(by.group(2), PersonRole.RECIPIENT);
                }
            } else if (to.matches()) {
                give(to.group(1), PersonRole.RECIPIENT);
            }
        }
        Matcher journal = lower.contains("journal") || lower.contains("diary") ? JOURNAL.matcher(head.strip()) : null;
        if (journal != null && journal.matches()) {
            give(journal.group(1), PersonRole.AUTHOR);
            head = journal.group(2);
        }
        if (containsAny(lower, GATHERING_WORDS) && GATHERING.matcher(head).find()) {
            give(head, PersonRole.PARTICIPANT);
            return;
        }
        Matcher statement = containsAny(lower, STATEMENT_WORDS) ? STATEMENT.matcher(head) : null;
        if (statement != null && statement.find()) {
            give(statement.group(1), PersonRole.AUTHOR);
            return;
        }
        if (lower.contains("to") && (lower.contains("from") && fromAndTo(head) || nameToName(head))) {
            return;
        }
        Matcher quoted = lower.indexOf(',') >= 0 ? QUOTED_AFTER_NAME.matcher(head.strip()) : null;
        if (quoted != null && quoted.find()) {
            give(quoted.group(1), PersonRole.AUTHOR);
        }
    }

    private static boolean containsAny(String text, List<String> words) {
        for (String word : words) {
            if (text.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** "from A to B" or "to B from A", whichever word comes first. */
    private boolean fromAndTo(String head) {
        Matcher from = FROM.matcher(head);
        Matcher to = TO_WORD.matcher(head);
        boolean hasFrom = from.find();
        boolean hasTo = to.find();
        if (!hasFrom || !hasTo) {
            return false;
        }
        if (from.start() < to.start()) {
            Matcher later = TO.matcher(head);
            if (!later.find(from.end())) {
                return false;
            }
            give(head.substring(from.end(), later.start()), PersonRole.AUTHOR);
            give(untilQuote(head.substring(later.end())), PersonRole.RECIPIENT);
        } else {
            Matcher later = FROM.matcher(head);
            if (!later.find(to.end())) {
                return false;
            }
            give(head.substring(to.end(), later.start()), PersonRole.RECIPIENT);
            give(head.substring(later.end()), PersonRole.AUTHOR);
        }
        return true;
    }

    /** "A to B", A being what follows the last comma before "to" and naming someone. */
    private boolean nameToName(String head) {
        Matcher to = TO.matcher(head);
        while (to.find()) {
            String before = head.substring(0, to.start());
            String author = before.substring(before.lastIndexOf(',') + 1);
            if (!names.apply(author).isEmpty()) {
                give(author, PersonRole.AUTHOR);
                give(untilQuote(head.substring(to.end())), PersonRole.RECIPIENT);
                return true;
            }
        }
        return false;
    }

    private static String untilQuote(String text) {
        Matcher quote = QUOTE.matcher(text);
        return quote.find() ? text.substring(0, quote.start()) : text;
    }

    private void give(String text, PersonRole role) {
        for (int id : names.apply(text)) {
            roles.merge(id, role, PersonRole::strongest);
        }
    }
}
