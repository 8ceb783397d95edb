package org.dossier.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One of the suite's longest test classes (a SolrCloud to start, a browser, a burst of saves, a
 * child JVM): started before the short ones, the longest first ({@link LongestFirst}). Classes run
 * three at a time, and when a long class happened to start last the run ended with it running
 * alone: SolrContractTest started 72 s into a 114 s SQLite half and was the last 14 s of it
 * (BENCHMARKS.md, "The test suite's time").
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface StartedFirst {

    /** About how long the class takes on its own, in seconds, as last measured: the longest starts first. */
    int seconds();
}
