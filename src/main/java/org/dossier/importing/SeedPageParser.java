package org.dossier.importing;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.dossier.documents.DocumentDate;

/**
 * Reads the text pages an archive's search exports: a header ("Skip to content", "Results:",
 * "51 - 60 of 338", "Documents"), then per document a date line, a title and zero or more summary
 * paragraphs, separated by blank lines. Pure: bytes in, entries or problems out.
 */
public final class SeedPageParser {

    private static final Pattern RANGE_HEADER = Pattern.compile("\\d+\\s*[-\u2013]\\s*\\d+ of \\d+");
    private static final List<String> HEADER_LINES = List.of("skip to content", "results:", "results", "documents");
    private static final Pattern SPACES = Pattern.compile("[\\s\u00A0\u2007\u202F\u2000-\u200A\u3000]+");
    private static final Pattern INVISIBLE = Pattern.compile("[\u200B\u200C\u200D\u2060\uFEFF\u00AD]");

    /** A run of non-blank lines; its text is the lines joined by single spaces. */
    private record Block(int line, List<String> lines) {
        String text() {
            return String.join(" ", lines);
        }
    }

    public List<SeedEntry> parse(String file, byte[] content) throws SeedFormatException {
        String text = decode(file, content);
        List<Block> blocks = blocks(text);
        List<SeedProblem> problems = new ArrayList<>();
        List<SeedEntry> entries = new ArrayList<>();

        int i = skipHeader(file, blocks, problems);
        while (i < blocks.size()) {
            Block dateBlock = blocks.get(i);
            String dateLine = dateBlock.lines().get(0);
            DocumentDate date = null;
            try {
                date = DocumentDate.parse(dateLine);
            } catch (IllegalArgumentException e) {
                problems.add(new SeedProblem(file, dateBlock.line(), e.getMessage()));
            }
            i++;

            // A title written straight under its date, without a blank line, belongs to it.
            Block titleBlock;
            if (dateBlock.lines().size() > 1) {
                titleBlock = new Block(dateBlock.line() + 1, dateBlock.lines().subList(1, dateBlock.lines().size()));
            } else if (i < blocks.size() && !DocumentDate.looksLikeDate(blocks.get(i).lines().get(0))) {
                titleBlock = blocks.get(i++);
            } else {
                problems.add(new SeedProblem(file, dateBlock.line(),
                        "the date '" + dateLine + "' has no title after it"));
                continue;
            }

            List<String> summary = new ArrayList<>();
            while (i < blocks.size() && !DocumentDate.looksLikeDate(blocks.get(i).lines().get(0))) {
                summary.add(blocks.get(i++).text());
            }
            if (date != null) {
                entries.add(new SeedEntry(file, entries.size() + 1, dateBlock.line(), date,
                        titleBlock.text(), summary));
            }
        }
        if (problems.isEmpty() && entries.isEmpty()) {
            problems.add(new SeedProblem(file, 1, "no documents found: a page lists a date line "
                    + "('May 10, 1943'), a title and a summary for each document"));
        }
        if (!problems.isEmpty()) {
            throw new SeedFormatException(problems);
        }
        return entries;
    }

    /** Skips the page header; anything else before the first date is a problem. */
    private static int skipHeader(String file, List<Block> blocks, List<SeedProblem> problems) {
        int i = 0;
        while (i < blocks.size() && !DocumentDate.looksLikeDate(blocks.get(i).lines().get(0))) {
            Block block = blocks.get(i);
            for (int k = 0; k < block.lines().size(); k++) {
                String line = block.lines().get(k);
                if (k > 0 && DocumentDate.looksLikeDate(line)) {
                    blocks.set(i, new Block(block.line() + k, block.lines().subList(k, block.lines().size())));
                    return i;
                }
                if (!isHeaderLine(line)) {
                    problems.add(new SeedProblem(file, block.line() + k,
                            "expected a date line such as 'May 10, 1943' before '" + abbreviate(line) + "'"));
                    return blocks.size();
                }
            }
            i++;
        }
        return i;
    }

    private static boolean isHeaderLine(String line) {
        return HEADER_LINES.contains(line.toLowerCase(java.util.Locale.ROOT)) || RANGE_HEADER.matcher(line).matches();
    }

    private static List<Block> blocks(String text) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        List<Block> blocks = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int start = 0;
        for (int n = 0; n < lines.length; n++) {
            String line = clean(lines[n]);
            if (line.isEmpty()) {
                if (!current.isEmpty()) {
                    blocks.add(new Block(start, current));
                    current = new ArrayList<>();
                }
            } else {
                if (current.isEmpty()) {
                    start = n + 1;
                }
                current.add(line);
            }
        }
        if (!current.isEmpty()) {
            blocks.add(new Block(start, current));
        }
        return blocks;
    }

    /** Unicode-composed, invisible characters dropped, every kind of space folded to one. */
    static String clean(String line) {
        String composed = Normalizer.normalize(line, Normalizer.Form.NFC);
        return SPACES.matcher(INVISIBLE.matcher(composed).replaceAll("")).replaceAll(" ").strip();
    }

    /** Strict UTF-8: a byte sequence that is not UTF-8 is reported at its line, never guessed. */
    private static String decode(String file, byte[] content) throws SeedFormatException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(content.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int b = 0; b < in.position(); b++) {
                if (content[b] == '\n') {
                    line++;
                }
            }
            throw new SeedFormatException(List.of(new SeedProblem(file, line,
                    "not UTF-8 text (byte " + (in.position() + 1) + "); save the page as UTF-8")));
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String abbreviate(String line) {
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }
}
