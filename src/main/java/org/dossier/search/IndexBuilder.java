package org.dossier.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.jooq.exception.DataAccessException;

/**
 * Builds the index from scratch beside the one in use, and swaps it in once it is complete.
 * One thread reads the database; each of the others writes a partition of the records into a
 * segment of its own. The result has one segment per partition, of equal size, so that a search
 * spreads evenly over the cores.
 */
final class IndexBuilder {

    private static final int BATCH = 1_000;
    private static final List<IndexedRecord> END = new ArrayList<>();

    private IndexBuilder() {
    }

    /**
     * Held in the {@code .building} folder by the build writing there, so that no other process
     * removes it meanwhile (another build, or a server starting on the same index): an operating
     * system lock, which goes with the process, so that a folder a killed build left is free.
     */
    static final String BUILD_LOCK = "build.lock";

    @SuppressWarnings("try") // the build lock is held for its effect: no other process builds here meanwhile
    static IndexSource.State build(Path folder, IndexSource source, Analyzer analyzer, FacetsConfig config,
                                   int partitions, IndexProgress listener) throws IOException {
        Path building = sibling(folder, ".building");
        Files.createDirectories(building);
        try (Directory buildingDirectory = FSDirectory.open(building);
             Lock buildLock = obtainBuildLock(buildingDirectory, folder)) {
            // What a build that was stopped (a reindex killed) left here.
            deleteAllBut(building, BUILD_LOCK);
            return build(folder, building, source, analyzer, config, partitions, listener);
        } finally {
            removeIfFree(building);
        }
    }

    /**
     * Removes the {@code .building} folder beside {@code folder} that a build stopped half-way (a
     * reindex killed, the machine off) left, unless a build in another process is writing it now.
     *
     * @return the folder removed, or empty when there was none, or a build holds it
     */
    static java.util.Optional<Path> removeAbandoned(Path folder) throws IOException {
        Path building = sibling(folder, ".building");
        if (!Files.isDirectory(building)) {
            return java.util.Optional.empty();
        }
        return removeIfFree(building) ? java.util.Optional.of(building) : java.util.Optional.empty();
    }

    /** Removes {@code building} unless a build holds its lock; true when it was removed. */
    @SuppressWarnings("try") // the lock is held for its effect: no build begins in the folder while it is emptied
    private static boolean removeIfFree(Path building) throws IOException {
        if (!Files.isDirectory(building)) {
            return false;
        }
        try (Directory directory = FSDirectory.open(building); Lock free = directory.obtainLock(BUILD_LOCK)) {
            deleteAllBut(building, BUILD_LOCK);
        } catch (LockObtainFailedException e) {
            return false;
        }
        // The lock released: the last file, then the folder (a build that began meanwhile holds a
        // lock on the file it made, and this finds the folder not empty, and leaves it).
        try {
            Files.deleteIfExists(building.resolve(BUILD_LOCK));
            Files.deleteIfExists(building);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            return false;
        }
        return true;
    }

    private static Lock obtainBuildLock(Directory building, Path folder) throws IOException {
        try {
            return building.obtainLock(BUILD_LOCK);
        } catch (LockObtainFailedException e) {
            throw new IndexInUseException(folder);
        }
    }

    private static void deleteAllBut(Path folder, String kept) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            for (Path child : children.filter(c -> !c.getFileName().toString().equals(kept)).toList()) {
                deleteRecursively(child);
            }
        }
    }

    private static IndexSource.State build(Path folder, Path building, IndexSource source, Analyzer analyzer,
                                           FacetsConfig config, int partitions, IndexProgress listener) throws IOException {
        List<Partition> parts = new ArrayList<>();
        try (HeldLock held = HeldLock.ifPresent(folder)) {
            long expected = source.state().documents();
            double buffer = bufferMB(partitions, Runtime.getRuntime().maxMemory());
            for (int i = 0; i < partitions; i++) {
                parts.add(new Partition(building.resolve("part-" + i), analyzer, config, buffer));
            }
            Feeder feeder = new Feeder(parts, listener, expected);
            IndexSource.State state;
            try {
                state = source.readAll(feeder::accept);
                feeder.flush();
            } catch (DataAccessException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while building the search index", e);
            }
            for (Partition part : parts) {
                part.finish();
            }
            listener.indexed(feeder.read, feeder.read);
            Path merged = building.resolve("index");
            try (Directory target = FSDirectory.open(merged);
                 IndexWriter writer = new IndexWriter(target, new IndexWriterConfig(analyzer)
                         .setOpenMode(IndexWriterConfig.OpenMode.CREATE))) {
                writer.addIndexes(parts.stream().map(p -> p.directory).toArray(Directory[]::new));
                writer.setLiveCommitData(LuceneSearchEngine.commitData(state.head()).entrySet());
                writer.commit();
            }
            held.release();
            deleteRecursively(folder);
            Files.move(merged, folder.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE);
            return state;
        } finally {
            for (Partition part : parts) {
                part.close();
            }
        }
    }

    /** The least each partition's writer buffers, as in a 512 MB heap (the Docker image's). */
    static final double LEAST_BUFFER_MB = 64;
    /** The most: 500,000 records of the seed pages' size fit in about 300 MB. */
    static final double MOST_BUFFER_MB = 512;

    /**
     * How many megabytes each partition's writer buffers before it writes a segment: a quarter of
     * the heap shared among the partitions, between
     * {@link #LEAST_BUFFER_MB} and {@link #MOST_BUFFER_MB}. A partition whose records outgrow its
     * buffer writes several segments and must then merge them into one, reading and writing every
     * record again: with 64 MB, about 117,000 records of the seed pages' size a segment, so that a
     * build of 300,000 records spent a fifth of its CPU merging. With the default heap (a quarter of
     * the machine's memory) a partition of up to several hundred thousand records is written once.
     */
    static double bufferMB(int partitions, long maxHeapBytes) {
        double share = maxHeapBytes / 1048576.0 / 4 / partitions;
        return Math.max(LEAST_BUFFER_MB, Math.min(MOST_BUFFER_MB, share));
    }

    static Path sibling(Path folder, String suffix) {
        Path absolute = folder.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + suffix);
    }

    static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Deals the records out to the partitions in batches, in turn. */
    private static final class Feeder {
        private final List<Partition> parts;
        private final IndexProgress listener;
        private final long expected;
        private List<IndexedRecord> batch = new ArrayList<>(BATCH);
        private long batches;
        long read;

        Feeder(List<Partition> parts, IndexProgress listener, long expected) {
            this.parts = parts;
            this.listener = listener;
            this.expected = expected;
        }

        void accept(IndexedRecord record) throws IOException, InterruptedException {
            batch.add(record);
            read++;
            if (batch.size() == BATCH) {
                flush();
                listener.indexed(read, Math.max(read, expected));
            }
        }

        void flush() throws IOException, InterruptedException {
            if (!batch.isEmpty()) {
                parts.get((int) (batches++ % parts.size())).add(batch);
                batch = new ArrayList<>(BATCH);
            }
        }
    }

    /** One writer thread and the segment it makes. */
    private static final class Partition implements AutoCloseable {
        final Directory directory;
        private final BlockingQueue<List<IndexedRecord>> queue = new ArrayBlockingQueue<>(8);
        private final IndexWriter writer;
        private final FacetsConfig config;
        private final Thread thread;
        private volatile Throwable failure;
        private boolean ended;
        private boolean closed;

        Partition(Path path, Analyzer analyzer, FacetsConfig config, double bufferMB) throws IOException {
            this.directory = FSDirectory.open(path);
            this.config = config;
            this.writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                    .setRAMBufferSizeMB(bufferMB)
                    .setUseCompoundFile(false));
            this.thread = new Thread(this::run, "dossier-index-" + path.getFileName());
            thread.setDaemon(true);
            thread.start();
        }

        void add(List<IndexedRecord> batch) throws IOException, InterruptedException {
            rethrow();
            queue.put(batch);
        }

        private void run() {
            try {
                for (List<IndexedRecord> batch = queue.take(); batch != END; batch = queue.take()) {
                    if (failure == null) {
                        try {
                            for (IndexedRecord record : batch) {
                                writer.addDocument(IndexLayout.document(record, config));
                            }
                        } catch (IOException | RuntimeException | Error e) {
                            // An Error too (the heap run out): the batches still come and are taken,
                            // so that the reader handing them out is not left waiting for room for
                            // ever, and the build fails with it. Ended by it, this thread left the
                            // queue full, and a rebuild stood still at its last count.
                            failure = e;
                        }
                    }
                }
                if (failure == null) {
                    writer.forceMerge(1);
                    writer.commit();
                }
            } catch (IOException | RuntimeException | Error e) {
                failure = e;
            } catch (InterruptedException e) {
                failure = e;
                Thread.currentThread().interrupt();
            }
        }

        /** Waits for the partition's segment to be complete, and lets go of it. */
        void finish() throws IOException {
            end();
            rethrow();
            closed = true;
            writer.close();
        }

        private void end() throws IOException {
            if (ended) {
                return;
            }
            ended = true;
            try {
                queue.put(END);
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while building the search index", e);
            }
        }

        private void rethrow() throws IOException {
            Throwable e = failure;
            if (e instanceof IOException io) {
                throw io;
            }
            if (e != null) {
                throw new IOException("building the search index failed", e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                end();
            } finally {
                if (!closed) {
                    closed = true;
                    writer.rollback();
                }
                directory.close();
            }
        }
    }

    /** The write lock of an existing index, so that no running server has it open while it is replaced. */
    private static final class HeldLock implements AutoCloseable {
        private Directory directory;
        private Lock lock;

        private HeldLock(Directory directory, Lock lock) {
            this.directory = directory;
            this.lock = lock;
        }

        static HeldLock ifPresent(Path folder) throws IOException {
            if (!Files.isDirectory(folder)) {
                return new HeldLock(null, null);
            }
            Directory directory = FSDirectory.open(folder);
            try {
                return new HeldLock(directory, directory.obtainLock(IndexWriter.WRITE_LOCK_NAME));
            } catch (LockObtainFailedException e) {
                directory.close();
                throw new IndexInUseException(folder);
            }
        }

        void release() throws IOException {
            if (lock != null) {
                lock.close();
                lock = null;
            }
            if (directory != null) {
                directory.close();
                directory = null;
            }
        }

        @Override
        public void close() throws IOException {
            release();
        }
    }
}
