package org.dossier.testing;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.Deflater;

/**
 * The classes an app JVM loads on its start, parsed and laid out once per test JVM in a class-data
 * sharing archive (the JDK's AppCDS) that every app JVM then maps instead of loading them one by
 * one: a {@code serve} JVM on an empty catalogue used four tenths less processor time, and was ready
 * in half the time (BENCHMARKS.md, "What an app JVM spends starting").
 *
 * <p>Made by a real start: a {@code serve} of an empty catalogue, stopped by SIGTERM once {@code
 * /ready} said 200, writes the archive as it exits. An archive takes classes from jars only, so the
 * class path's folders (target/classes, target/test-classes) are copied into jars first, in their
 * places: the app JVMs run the same classes, in the same order of the class path. When anything of
 * this fails, the app JVMs run without an archive, as before (and take SQLite's library out of its
 * jar each, {@link #sqliteLibrary}); one the JVM cannot use (a class path
 * that no longer matches) is ignored by the JVM itself, silently ({@code -Xlog:cds*=off}).
 */
final class AppClassArchive {

    /** Made on first use; empty when it could not be made. */
    private static Optional<AppClassArchive> made;

    private final Path archive;
    private final String classPath;
    /** sqlite-jdbc's native library, taken out of its jar once ({@link #sqliteLibrary}). */
    private final Path sqlite;

    private AppClassArchive(Path archive, String classPath, Path sqlite) {
        this.archive = archive;
        this.classPath = classPath;
        this.sqlite = sqlite;
    }

    /** The archive of this test JVM's class path, made on first use. */
    static synchronized Optional<AppClassArchive> once(List<String> options) {
        if (made == null) {
            made = make(options);
        }
        return made;
    }

    /** The JVM's options that map the archive, load SQLite's library where it is, and the class path. */
    List<String> options() {
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds*=off",
                "-Dorg.sqlite.lib.path=" + sqlite.getParent(), "-Dorg.sqlite.lib.name=" + sqlite.getFileName(),
                "-Dorg.sqlite.tmpdir=" + sqlite.getParent(), "-cp", classPath);
    }

    /**
     * sqlite-jdbc's native library, copied out of its jar into {@code folder} once: each JVM took it
     * out again (a megabyte written, then read back to compare) into the system's temporary folder,
     * and first deleted the copies there that no running JVM held, which JVMs killed before their
     * exit leave behind: two JVMs starting at once each deleted the same one, and the one that lost
     * logged "Failed to delete old native lib" with its stack trace, in a command's output. The
     * JVMs load it from here, and look for old copies here only ({@code org.sqlite.tmpdir}).
     */
    private static Path sqliteLibrary(Path folder) throws IOException {
        Path library = Files.createDirectories(folder.resolve("sqlite")).resolve(org.sqlite.util.LibraryLoaderUtil.getNativeLibName());
        String resource = org.sqlite.util.LibraryLoaderUtil.getNativeLibResourcePath() + "/" + library.getFileName();
        try (var in = org.sqlite.SQLiteConnection.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no " + resource + " in sqlite-jdbc's jar");
            }
            Files.copy(in, library);
        }
        return library;
    }

    private static Optional<AppClassArchive> make(List<String> options) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("dossier-app-classes-");
            Path cleanUp = folder;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> TestCatalogue.deleteRecursively(cleanUp)));
            String classPath = inJars(System.getProperty("java.class.path"), folder);
            Path sqlite = sqliteLibrary(folder);
            Path archive = folder.resolve("app.jsa");
            Files.createDirectories(folder.resolve("no-seeds"));
            int port = Ports.free();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(options);
            command.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds*=off",
                    "-Dorg.sqlite.lib.path=" + sqlite.getParent(), "-Dorg.sqlite.lib.name=" + sqlite.getFileName(),
                    "-Dorg.sqlite.tmpdir=" + sqlite.getParent(), "-cp", classPath,
                    "org.dossier.app.Main", "serve", "--db", folder.resolve("dossier.db").toString(),
                    "--index", folder.resolve("dossier.index").toString(), "--seeds", folder.resolve("no-seeds").toString(),
                    "--host", "127.0.0.1", "--port", String.valueOf(port), "--warm-up", "0"));
            Process serve = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(folder.resolve("serve.log").toFile()).start();
            try {
                awaitReady(serve, port);
            } finally {
                serve.destroy(); // SIGTERM: the JVM writes the archive as it exits
                if (!serve.waitFor(60, TimeUnit.SECONDS)) {
                    serve.destroyForcibly();
                }
            }
            return Files.size(archive) > 0 ? Optional.of(new AppClassArchive(archive, classPath, sqlite)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static void awaitReady(Process serve, int port) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (serve.isAlive() && System.nanoTime() < deadline) {
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the archive's serve did not get ready");
    }

    /** {@code classPath} with each folder in it replaced, in its place, by a jar of what it holds. */
    private static String inJars(String classPath, Path folder) throws IOException {
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : classPath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                Path jar = folder.resolve(n++ + "-" + path.getFileName() + ".jar");
                jar(path, jar);
                entries.add(jar.toString());
            } else {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void jar(Path from, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file);
             Stream<Path> paths = Files.walk(from)) {
            out.setLevel(Deflater.BEST_SPEED);
            for (Path path : (Iterable<Path>) paths.sorted()::iterator) {
                if (path.equals(from)) {
                    continue;
                }
                String name = from.relativize(path).toString().replace(File.separatorChar, '/');
                if (Files.isDirectory(path)) {
                    out.putNextEntry(new JarEntry(name + "/"));
                } else {
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(path, out);
                }
                out.closeEntry();
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
