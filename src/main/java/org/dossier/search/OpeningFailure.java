package org.dossier.search;

import java.io.EOFException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;

/**
 * Why a search index could not be opened, in a few words of this program's own: what {@code /ready}
 * and {@code /health} say to anyone who asks, and what the start says it stopped for. The failure
 * itself (Lucene's words, the stack) is the log's: it names files and quotes another program.
 */
public enum OpeningFailure {
    /** An {@link OutOfMemoryError}: seen once opening ten million records in a 1 GB heap. */
    HEAP("the Java heap ran out", false),
    /** A file of the index cut short, altered, missing, or of a format no Lucene of this version reads. */
    DAMAGED("its files are damaged", false),
    /** Another server, or a reindex, holds the index's write lock ({@link IndexInUseException}). */
    IN_USE("another server has it open", true),
    /** The index's disk filled as it was built or caught up. */
    DISK_FULL("its disk is full", true),
    /** The folder cannot be read or written by this user. */
    UNWRITABLE("its folder cannot be read or written", true),
    /** Anything else: the log has it whole. */
    UNEXPECTED("an unexpected error", false);

    private final String words;
    private final boolean saidWhole;

    OpeningFailure(String words, boolean saidWhole) {
        this.words = words;
        this.saidWhole = saidWhole;
    }

    /** What went wrong, for anyone: "its files are damaged". */
    public String words() {
        return words;
    }

    /**
     * Whether the start's one line says all there is to it (which server, which disk, which folder):
     * the log then needs no stack trace, which would be no news to whoever started the node.
     */
    boolean saidWhole() {
        return saidWhole;
    }

    /** Whether {@code t} itself (not its causes) says its disk is full: Java gives a full disk as a plain IOException with the system's message. */
    public static boolean saysDiskFull(Throwable t) {
        return String.valueOf(t.getMessage()).contains("No space left on device");
    }

    /** Which failure {@code failure} is, from it and its causes, the first that says. */
    public static OpeningFailure of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return HEAP;
            }
            if (t instanceof CorruptIndexException || t instanceof IndexFormatTooOldException
                    || t instanceof IndexFormatTooNewException || t instanceof EOFException
                    || t instanceof NoSuchFileException) {
                return DAMAGED;
            }
            if (t instanceof IndexInUseException) {
                return IN_USE;
            }
            if (saysDiskFull(t)) {
                return DISK_FULL;
            }
            if (t instanceof FileSystemException) {
                return UNWRITABLE;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return UNEXPECTED;
    }
}
