package org.dossier.importing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.documents.ControlCharacters;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.dossier.documents.WhiteSpace;
import org.unbescape.html.HtmlEscape;

/**
 * Reads the text pages an archive's search exports: a header ("Skip to content", "Results:",
 * "51 - 60 of 338", "Documents"), then per document a date line, a title and zero or more summary
 * paragraphs, separated by blank lines. Pure: bytes in, entries or problems out, read as a stream
 * so that a page of any size is read in the same small memory.
 */
public final class SeedPageParser {

    /** The last day a document may be dated: today, where a catalogue is imported into. */
    private final LocalDate latest;

    /** A parser for pages catalogued {@code today}: a date after it is refused at its line. */
    public SeedPageParser(LocalDate today) {
        this.latest = today;
    }

    /** A parser that takes any date it can read: for generated pages, whose dates are made, not typed. */
    public SeedPageParser() {
        this(LocalDate.MAX);
    }

    private static final Pattern RANGE_HEADER = Pattern.compile("\\d+\\s*[-\u2013]\\s*\\d+ of \\d+");
    private static final List<String> HEADER_LINES = List.of("skip to content", "results:", "results", "documents");

    /** Said after a date in a shape that is not read ("03/02/1962", "early 1962"): where what it says goes. */
    static final String UNREAD_DATE_HINT = "; write the date in one of those shapes, and what else the line says"
            + " in the summary";

    /**
     * The most bytes a line is read to: four times a summary's most characters ({@link
     * org.dossier.documents.RecordDraft#LONGEST_SUMMARY}) and more, so that a file with no line ends
     * (a binary file named {@code .txt}) is refused at once instead of read whole into memory.
     */
    static final int LONGEST_LINE = 1 << 20;

    /** At most this many problems are listed per page: a file that is no seed page at all stops there. */
    static final int MOST_PROBLEMS = 100;

    /** A run of non-blank lines; its text is the lines joined by single spaces. */
    private record Block(int line, List<String> lines) {
        String text() {
            return lines.size() == 1 ? lines.get(0) : String.join(" ", lines);
        }

        boolean startsWithDate() {
            return isDateLine(lines.get(0));
        }

        /**
         * This block with a header glued to the end of its line parted from it: a page without a line
         * end at its end, put before another ("...and of their lack of supplies.Skip to content"), as
         * {@code cat} does with the seed pages themselves.
         */
        Block gluedHeaderApart() {
            String start = HEADER_LINES.get(0);
            for (int k = 0; k < lines.size(); k++) {
                String text = lines.get(k);
                int at = text.length() - start.length();
                if (at > 0 && text.regionMatches(true, at, start, 0, start.length())) {
                    List<String> apart = new ArrayList<>(lines.subList(0, k));
                    apart.add(text.substring(0, at).strip());
                    apart.add(text.substring(at));
                    apart.addAll(lines.subList(k + 1, lines.size()));
                    return new Block(line, apart);
                }
            }
            return this;
        }

        /** Where a page's header begins in this block (its first line, "Skip to content"), or -1. */
        int headerStart() {
            for (int k = 0; k < lines.size(); k++) {
                if (lines.get(k).equalsIgnoreCase(HEADER_LINES.get(0))) {
                    return k;
                }
            }
            return -1;
        }
    }

    /**
     * Whether a line stands where a date does: one {@link DocumentDate#parse} reads, or one it cannot
     * read that is made of nothing but a date's parts ("ca. 1962", "03/02/1962", "1962-1963"). Taken
     * for a date, the latter is refused at its line; taken for text, it and the entry under it would
     * run silently into the summary of the entry before. A header's range ("51 - 60 of 338") is none.
     * "Undated" and "n.d." stand where a date does too, and make an undated record: read as text, an
     * undated entry ran into the summary of the entry before it, and was imported as part of that record.
     */
    private static boolean isDateLine(String line) {
        return DocumentDate.looksLikeDate(line) || DocumentDate.madeOfDateParts(line) && !isHeaderLine(line)
                || DocumentDate.saysUndated(line);
    }

    /** Told each entry of a page as soon as it is whole. */
    @FunctionalInterface
    public interface EntrySink {
        void accept(SeedEntry entry) throws IOException;
    }

    /** Every entry of a page, in memory: for small pages (tests, the generator's vocabulary). */
    public List<SeedEntry> parse(String file, byte[] content) throws SeedFormatException {
        List<SeedEntry> entries = new ArrayList<>();
        try {
            read(file, new ByteArrayInputStream(content), entries::add);
        } catch (IOException e) {
            throw new UncheckedIOException("reading bytes in memory", e);
        }
        return entries;
    }

    /**
     * Reads a page as a stream, handing each entry to {@code sink} as soon as it is whole: what is
     * held at any time is one entry and the block after it, however long the page. Once a problem is
     * found the sink is told nothing more; the page is read on to find the others (up to
     * {@link #MOST_PROBLEMS}), which are thrown together at the end.
     */
    public void read(String file, InputStream in, EntrySink sink) throws IOException, SeedFormatException {
        Blocks blocks = new Blocks(file, in);
        List<SeedProblem> problems = new ArrayList<>();
        int entries = 0;
        try {
            skipHeader(file, blocks, problems);
            Block dateBlock;
            while (problems.size() < MOST_PROBLEMS && (dateBlock = blocks.next()) != null) {
                String dateLine = dateBlock.lines().get(0);
                // Empty for an entry that bears no date ("Undated"), as for one whose line is refused.
                Optional<DocumentDate> date = Optional.empty();
                boolean dateRead = false;
                try {
                    date = DocumentDate.parseOrUndated(dateLine);
                    Optional<String> tooLate = DocumentDate.laterThan(date, latest);
                    if (tooLate.isPresent()) {
                        problems.add(new SeedProblem(file, dateBlock.line(), tooLate.get()));
                    }
                    dateRead = tooLate.isEmpty();
                } catch (IllegalArgumentException e) {
                    // A shape no date is read in: "ca. 1962", "1962-1963" ask how to say what it says.
                    problems.add(new SeedProblem(file, dateBlock.line(), e.getMessage()
                            + (DocumentDate.looksLikeDate(dateLine) ? "" : UNREAD_DATE_HINT)));
                }

                // A title written straight under its date, without a blank line, belongs to it.
                Block titleBlock = null;
                if (dateBlock.lines().size() > 1) {
                    titleBlock = beforeHeader(file, new Block(dateBlock.line() + 1,
                            dateBlock.lines().subList(1, dateBlock.lines().size())), blocks, problems);
                } else if (blocks.peek() != null && !blocks.peek().startsWithDate()) {
                    titleBlock = beforeHeader(file, blocks.next(), blocks, problems);
                }
                if (titleBlock == null) {
                    problems.add(new SeedProblem(file, dateBlock.line(),
                            "the date '" + dateLine + "' has no title after it"));
                    continue;
                }

                String title = titleBlock.text();
                if (title.length() > RecordDraft.LONGEST_TITLE) {
                    problems.add(new SeedProblem(file, titleBlock.line(), "the title has " + title.length()
                            + " characters; a record's title has at most " + RecordDraft.LONGEST_TITLE
                            + " (an editor could not save it): shorten it, or begin the summary after a blank line"));
                }
                List<String> summary = new ArrayList<>(2);
                int summaryLine = 0;
                long summaryLength = 0;
                while (blocks.peek() != null && !blocks.peek().startsWithDate()) {
                    Block text = beforeHeader(file, blocks.next(), blocks, problems);
                    if (text != null) {
                        summaryLine = summary.isEmpty() ? text.line() : summaryLine;
                        summary.add(text.text());
                        // As stored and as an editor's form counts it: paragraphs apart by a blank line.
                        summaryLength += (summary.size() > 1 ? 2 : 0) + summary.get(summary.size() - 1).length();
                    }
                }
                if (summaryLength > RecordDraft.LONGEST_SUMMARY) {
                    problems.add(new SeedProblem(file, summaryLine, "the summary has " + summaryLength
                            + " characters; a record's summary has at most " + RecordDraft.LONGEST_SUMMARY
                            + " (an editor could not save it): shorten it, or check for a missing date line"));
                }
                if (dateRead) {
                    entries++;
                    if (problems.isEmpty()) {
                        sink.accept(new SeedEntry(file, entries, dateBlock.line(), date, title, summary));
                    }
                }
            }
            if (problems.size() >= MOST_PROBLEMS && blocks.peek() != null) {
                // Said, so that the last problem listed is not taken for the page's last.
                problems.add(new SeedProblem(file, blocks.peek().line(), "not read from here on: a page is read no "
                        + "further after " + MOST_PROBLEMS + " problems; mend these and import it again"));
            }
        } catch (Unreadable e) {
            problems.add(e.problem());
        }
        if (problems.isEmpty() && entries == 0) {
            problems.add(new SeedProblem(file, 1, "no documents found: a page lists a date line "
                    + "('May 10, 1943'), a title and a summary for each document"));
        }
        if (!problems.isEmpty()) {
            throw new SeedFormatException(problems);
        }
    }

    /**
     * The part of a title or summary block before another page's header, null when the block is all
     * header; the header is skipped. Pages put one after the other (cat a.txt b.txt > all.txt) have a
     * header after the last entry of each but the last: read as paragraphs, it ran into that entry.
     */
    private static Block beforeHeader(String file, Block block, Blocks blocks, List<SeedProblem> problems)
            throws IOException {
        Block apart = block.gluedHeaderApart();
        int header = apart.headerStart();
        if (header < 0) {
            return block;
        }
        blocks.pushBack(new Block(apart.line() + header, apart.lines().subList(header, apart.lines().size())));
        skipHeader(file, blocks, problems);
        return header == 0 ? null : new Block(apart.line(), apart.lines().subList(0, header));
    }

    /** Skips the page header; anything else before the first date is a problem, and the page is read no further. */
    private static void skipHeader(String file, Blocks blocks, List<SeedProblem> problems) throws IOException {
        while (blocks.peek() != null && !blocks.peek().startsWithDate()) {
            Block block = blocks.next();
            for (int k = 0; k < block.lines().size(); k++) {
                String line = block.lines().get(k);
                if (k > 0 && isDateLine(line)) {
                    blocks.pushBack(new Block(block.line() + k, block.lines().subList(k, block.lines().size())));
                    return;
                }
                if (!isHeaderLine(line)) {
                    problems.add(new SeedProblem(file, block.line() + k,
                            "expected a date line such as 'May 10, 1943' before '" + abbreviate(line) + "'"));
                    blocks.stop();
                    return;
                }
            }
        }
    }

    private static boolean isHeaderLine(String line) {
        return HEADER_LINES.contains(line.toLowerCase(Locale.ROOT)) || RANGE_HEADER.matcher(line).matches();
    }

    /** Character references decoded, Unicode-composed, invisible characters dropped, every kind of space folded to one. */
    static String clean(String line) {
        String decoded = decodeCharacterReferences(line);
        // NFC leaves ASCII as it is (control characters included).
        return foldSpaces(isAscii(decoded) ? decoded : Normalizer.normalize(decoded, Normalizer.Form.NFC));
    }

    /**
     * An HTML character reference, whole: a name ({@code &amp;}, {@code &eacute;}) or a number in
     * decimal or hex ({@code &#8217;}, {@code &#x2019;}), up to its semicolon.
     */
    private static final Pattern CHARACTER_REFERENCE =
            Pattern.compile("&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});");

    /**
     * {@code line} with each well-formed HTML character reference ({@link #CHARACTER_REFERENCE}) read
     * as the character it stands for, once: pages scraped from an archive's web pages carry them
     * ("Churchill &amp; Stalin", "Ren&eacute;", "Stalin&#8217;s"), and stored as written they were
     * shown and searched as the letters of the reference. What HTML does not name ("&foo;"), or a
     * reference without its semicolon ("AT&T", "&amp"), is text and kept; "&amp;eacute;" is "&eacute;".
     */
    static String decodeCharacterReferences(String line) {
        if (line.indexOf('&') < 0) {
            return line;
        }
        return CHARACTER_REFERENCE.matcher(line).replaceAll(reference -> {
            String decoded = HtmlEscape.unescapeHtml(reference.group());
            // A reference names one or two characters; anything else is a name HTML does not know, read
            // by its start that needs no semicolon ("&ampfoo;" is not "&foo;").
            boolean named = !decoded.equals(reference.group()) && decoded.codePointCount(0, decoded.length()) <= 2;
            return Matcher.quoteReplacement(named ? decoded : reference.group());
        });
    }

    private static boolean isAscii(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * Characters that show nothing ({@link #isInvisible}) dropped, then each run of spaces of any
     * kind ({@link #isSpace}) made one space and the ends stripped, in one pass without regular expressions: every line of a page is cleaned, in
     * both passes of an import, and most summaries have a curly quote, so are not ASCII.
     */
    private static String foldSpaces(String line) {
        StringBuilder out = null;
        boolean inSpace = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c > ' ' && c < 0x7F) {
                // A printable ASCII character, as most of a page's are: neither a space nor invisible.
                if (out != null) {
                    out.append(c);
                }
                inSpace = false;
                continue;
            }
            if (isInvisible(c)) {
                if (out == null) {
                    out = new StringBuilder(line.length()).append(line, 0, i);
                }
                continue;
            }
            boolean space = isSpace(c);
            if (space && (c != ' ' || inSpace)) {
                if (out == null) {
                    out = new StringBuilder(line.length()).append(line, 0, i);
                }
                if (!inSpace) {
                    out.append(' ');
                }
            } else if (out != null) {
                out.append(c);
            }
            inSpace = space;
        }
        return (out == null ? line : out.toString()).strip();
    }

    /** A space of any kind: {@code \\s}, no-break, figure, narrow and ideographic spaces, and U+2000–U+200A. */
    private static boolean isSpace(char c) {
        return WhiteSpace.is(c) || c == '\u00A0' || c >= '\u2000' && c <= '\u200A' || c == '\u202F' || c == '\u3000';
    }

    /**
     * A character that shows nothing: zero-width spaces and joiners, word joiner, byte-order mark, soft
     * hyphen, the control characters that are no white space (NUL, BEL, ESC, DEL, C1: an editor's
     * form refuses them) and the bidi embeddings, overrides and isolates (which one left open turns
     * the rest of a line around: an editor's form drops them too), see {@link ControlCharacters}.
     */
    private static boolean isInvisible(char c) {
        return c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060' || c == '\uFEFF' || c == '\u00AD'
                || ControlCharacters.isControl(c) && !WhiteSpace.is(c) || ControlCharacters.isBidiControl(c);
    }

    private static String abbreviate(String line) {
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }

    /** A line that cannot be read (not UTF-8, or longer than any page's): the page is read no further. */
    private static final class Unreadable extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient SeedProblem problem;

        Unreadable(SeedProblem problem) {
            super(problem.toString());
            this.problem = problem;
        }

        SeedProblem problem() {
            return problem;
        }
    }

    /**
     * A page's blocks, one at a time, with one block of look-ahead. Lines end at CRLF, CR, LF, CR CR LF, NEL,
     * LINE SEPARATOR or PARAGRAPH SEPARATOR. Each
     * line is decoded on its own, strictly (a line of ASCII, the usual case, needs no decoder), so a
     * byte that is not UTF-8 is reported at its own line and byte, never guessed.
     */
    private static final class Blocks {

        private final String file;
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private int limit;
        private long offset;
        private byte[] line = new byte[512];
        private int lineNumber;
        private boolean ended;
        private Block peeked;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);

        Blocks(String file, InputStream in) {
            this.file = file;
            this.in = in;
        }

        Block peek() throws IOException {
            if (peeked == null) {
                peeked = read();
            }
            return peeked;
        }

        Block next() throws IOException {
            Block block = peek();
            peeked = null;
            return block;
        }

        void pushBack(Block block) {
            peeked = block;
        }

        /** Reads no further: the rest of the page is not looked at. */
        void stop() {
            ended = true;
            peeked = null;
        }

        private Block read() throws IOException {
            List<String> lines = null;
            int start = 0;
            String text;
            while ((text = nextLine()) != null) {
                String cleaned = clean(text);
                if (cleaned.isEmpty()) {
                    if (lines != null) {
                        return new Block(start, lines);
                    }
                } else {
                    if (lines == null) {
                        lines = new ArrayList<>(2);
                        start = lineNumber;
                    }
                    lines.add(cleaned);
                }
            }
            return lines == null ? null : new Block(start, lines);
        }

        /** The next line, without its end; null after the last. */
        private String nextLine() throws IOException {
            if (ended) {
                return null;
            }
            int length = 0;
            int nuls = 0;
            boolean ascii = true;
            long lineOffset = offset;
            while (true) {
                if (!ensure(1)) {
                    ended = true;
                    break;
                }
                byte b = buffer[position++];
                offset++;
                if (b == '\n') {
                    break;
                }
                if (b == '\r') {
                    if (ensure(1) && buffer[position] == '\n') {
                        position++;
                        offset++;
                    } else if (ensure(2) && buffer[position] == '\r' && buffer[position + 1] == '\n') {
                        // CR CR LF: a CRLF page passed once more through a conversion to CRLF (an FTP
                        // transfer in text mode). One line end, not a line and a blank one: blank lines
                        // part the blocks, so each would split a wrapped title from its second line.
                        position += 2;
                        offset += 2;
                    } else if (ensure(2) && buffer[position] == (byte) 0xC2 && buffer[position + 1] == (byte) 0x85) {
                        // CR NEL: an EBCDIC page's CR NL converted as CR and NEL. One line end, as CR LF
                        // is: counted as two, every line number an error gave after it was one too many.
                        position += 2;
                        offset += 2;
                    }
                    break;
                }
                // NEL (C2 85), LINE SEPARATOR (E2 80 A8) and PARAGRAPH SEPARATOR (E2 80 A9): line ends
                // too, as Unicode says, left by a page converted from EBCDIC or copied out of a word
                // processor. NEL was dropped with the other C1 controls, gluing the lines it parted.
                if (b == (byte) 0xC2 && ensure(1) && buffer[position] == (byte) 0x85) {
                    position++;
                    offset++;
                    break;
                }
                if (b == (byte) 0xE2 && ensure(2) && buffer[position] == (byte) 0x80
                        && (buffer[position + 1] == (byte) 0xA8 || buffer[position + 1] == (byte) 0xA9)) {
                    position += 2;
                    offset += 2;
                    break;
                }
                if (length == line.length) {
                    if (length >= LONGEST_LINE) {
                        throw new Unreadable(new SeedProblem(file, lineNumber + 1, "a line of more than "
                                + LONGEST_LINE / (1 << 20) + " MB, longer than any title or summary may be: "
                                + "this is no seed page, or its lines end in something other than LF, CRLF or CR"));
                    }
                    line = Arrays.copyOf(line, length * 2);
                }
                // NULs one by one, between other bytes, as UTF-16 has them; a run of NULs (the padding of a
                // fixed-width export) counts once.
                if (b == 0 && (length == 0 || line[length - 1] != 0)) {
                    nuls++;
                }
                line[length++] = b;
                ascii &= b >= 0;
            }
            lineNumber++;
            if (lineOffset == 0 && length >= 2 && (line[0] == (byte) 0xFF && line[1] == (byte) 0xFE
                    || line[0] == (byte) 0xFE && line[1] == (byte) 0xFF)) {
                throw new Unreadable(new SeedProblem(file, lineNumber,
                        "UTF-16 text, not UTF-8 (it begins with a UTF-16 byte order mark); save the page as UTF-8"));
            }
            // UTF-16 without its mark: every other byte of a Latin letter is NUL. A stray NUL is dropped
            // with the other characters that show nothing, but here dropping them would read the ASCII and
            // turn every other letter into something else ("’" into a control and a space).
            if (nuls >= 2 && nuls * 4 >= length) {
                throw new Unreadable(new SeedProblem(file, lineNumber,
                        "UTF-16 text, not UTF-8 (a NUL byte beside each letter, from byte " + (lineOffset + 1)
                                + "); save the page as UTF-8"));
            }
            if (ascii) {
                return new String(line, 0, length, StandardCharsets.ISO_8859_1);
            }
            ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
            CharBuffer chars = CharBuffer.allocate(length);
            decoder.reset();
            CoderResult result = decoder.decode(bytes, chars, true);
            if (result.isError()) {
                throw new Unreadable(new SeedProblem(file, lineNumber,
                        "not UTF-8 text (byte " + (lineOffset + bytes.position() + 1) + "); save the page as UTF-8"));
            }
            decoder.flush(chars);
            chars.flip();
            return chars.toString();
        }

        /** Whether {@code n} bytes are there to read, reading more when fewer are; false at the end of the page. */
        private boolean ensure(int n) throws IOException {
            while (limit - position < n) {
                if (position > 0) {
                    System.arraycopy(buffer, position, buffer, 0, limit - position);
                    limit -= position;
                    position = 0;
                }
                int read = in.read(buffer, limit, buffer.length - limit);
                if (read <= 0) {
                    return false;
                }
                limit += read;
            }
            return true;
        }
    }
}
