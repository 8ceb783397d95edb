import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import org.dossier.app.Database;

/**
 * What a generated SQLite file is, read without changing it: its journal mode as the file says it
 * (a plain connection, not the app's, which would set WAL itself), {@code pragma quick_check},
 * {@code pragma foreign_key_check}, the
 * counts the app keeps, and whether its schema ({@code sqlite_master}) is word for word a newly
 * migrated file's. Exit status 1 when any of it is wrong. Run with the jar:
 *
 * <pre>java -cp target/dossier.jar bench/CheckCatalogue.java FILE</pre>
 */
public class CheckCatalogue {

    private static final String SCHEMA = "select type, name, tbl_name, sql from sqlite_master "
            + "where name not like 'sqlite_autoindex%' order by type, name";

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Path folder = Files.createTempDirectory("check-catalogue-");
        Path migrated = folder.resolve("migrated.db");
        try (Database database = Database.open(migrated)) {
            database.dsl().fetchCount(org.dossier.db.Tables.DOCUMENT);
        }
        String expected;
        try (Connection reference = DriverManager.getConnection("jdbc:sqlite:" + migrated)) {
            expected = digest(reference, SCHEMA);
        }
        boolean ok;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            String mode = one(c, "pragma journal_mode");
            String check = one(c, "pragma quick_check");
            String schema = digest(c, SCHEMA);
            String dangling = one(c, "select count(*) from pragma_foreign_key_check");
            System.out.println("journal_mode   " + mode);
            System.out.println("quick_check    " + check);
            System.out.println("documents      " + one(c, "select count(*) from document"));
            System.out.println("revisions      " + one(c, "select count(*) from revision"));
            System.out.println("document_count " + one(c, "select live from document_count"));
            System.out.println("change_head    " + one(c, "select last from change_head"));
            System.out.println("changes        " + one(c, "select count(*) from change"));
            System.out.println("dangling keys  " + dangling);
            System.out.println("schema md5     " + schema + (schema.equals(expected) ? " (as migrated)" : " (migrated: " + expected + ")"));
            ok = mode.equals("wal") && check.equals("ok") && dangling.equals("0") && schema.equals(expected);
        }
        for (String name : new String[] {"migrated.db", "migrated.db-wal", "migrated.db-shm"}) {
            Files.deleteIfExists(folder.resolve(name));
        }
        Files.delete(folder);
        System.out.println(ok ? "OK" : "NOT OK");
        System.exit(ok ? 0 : 1);
    }

    private static String one(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    private static String digest(Connection c, String sql) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                for (int i = 1; i <= 4; i++) {
                    md5.update(String.valueOf(r.getString(i)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    md5.update((byte) 0);
                }
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }
}
