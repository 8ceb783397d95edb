package org.dossier.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.dossier.documents.Archive;
import org.dossier.web.PublicUrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serves the catalogue over HTTP. On first start, with an empty database, "
                + "imports the seed pages.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--db", paramLabel = "DB", converter = DatabaseAddress.Converter.class,
            defaultValue = DatabaseAddress.DEFAULT_TEXT, description = DatabaseAddress.HELP)
    DatabaseAddress database;

    @Option(names = "--index", paramLabel = "DIR",
            description = "This node's own search index folder (default: beside a SQLite file, data/dossier.db has "
                    + "data/dossier.index/; with PostgreSQL, data/dossier.index). Each node of several keeps its own.")
    Path index;

    @Option(names = "--port", paramLabel = "N", description = "The port to listen on (default: ${DEFAULT-VALUE}).")
    int port = Settings.DEFAULT_PORT;

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "The address to listen on (default: ${DEFAULT-VALUE}).")
    String host = "0.0.0.0";

    @Option(names = "--seeds", paramLabel = "DIR",
            description = "Seed pages imported when the database is empty (default: ${DEFAULT-VALUE}).")
    Path seeds = Settings.DEFAULT_SEEDS;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "The address readers use, for permalinks behind a proxy "
                    + "(default: taken from each request).")
    String publicUrl;

    @Option(names = "--archive-name", paramLabel = "NAME",
            description = "The repository named in citations and to harvesters (default: ${DEFAULT-VALUE}).")
    String archiveName = Archive.DEFAULT.name();

    @Option(names = "--admin-email", paramLabel = "ADDRESS",
            description = "The address OAI-PMH harvesters are given to write to (default: ${DEFAULT-VALUE}).")
    String adminEmail = Archive.DEFAULT.adminEmail();

    @Override
    public Integer call() throws Exception {
        Settings settings = new Settings(database, host, port, seeds,
                publicUrl == null ? PublicUrl.fromRequests() : PublicUrl.fixed(publicUrl),
                new Archive(archiveName, adminEmail), index);
        DossierApp app = DossierApp.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "dossier-shutdown"));
        System.out.println("Dossier is serving " + database + " at http://" + displayHost() + ":" + app.port() + "/");
        stopped.await();
        return 0;
    }

    private String displayHost() {
        return host.equals("0.0.0.0") ? "localhost" : host;
    }
}
