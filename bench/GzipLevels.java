import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * What each gzip level costs on one saved page: the time to compress it (the mean of 2,000, after
 * two rounds to warm up) and the bytes it comes to. Run with the JDK alone:
 *
 * <pre>curl -s 'http://127.0.0.1:PORT/search?q=soviet+china&amp;person=stalin' &gt; page.html
 * java bench/GzipLevels.java page.html</pre>
 */
public class GzipLevels {

    public static void main(String[] args) throws Exception {
        byte[] page = Files.readAllBytes(Path.of(args[0]));
        int times = 2_000;
        for (int round = 0; round < 3; round++) {
            for (int level : new int[] {1, 2, 4, 6, 9}) {
                long started = System.nanoTime();
                int size = 0;
                for (int i = 0; i < times; i++) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    Deflater deflater = new Deflater(level, true);
                    try (DeflaterOutputStream zipped = new DeflaterOutputStream(out, deflater, 8192)) {
                        zipped.write(page);
                    }
                    deflater.end();
                    size = out.size();
                }
                if (round == 2) {
                    System.out.printf("level %d: %.3f ms, %,d bytes -> %,d%n", level,
                            (System.nanoTime() - started) / 1e6 / times, page.length, size);
                }
            }
        }
    }
}
