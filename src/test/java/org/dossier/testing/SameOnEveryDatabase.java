package org.dossier.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * What runs in the SQLite half of the suite only, since the PostgreSQL half would check nothing
 * more by running it again (the second surefire execution leaves out this tag).
 *
 * <p>On a test class: a class that never opens the test database ({@link TestDatabase}): pure
 * logic, or a SQLite file of its own.
 *
 * <p>On a test method of a class that does: a test that asserts only what no database decides
 * (HTTP's headers and statuses, a page's markup, a browser's view of it, a command's usage and its
 * messages about ports, folders and options) and reaches the database, if at all, only by paths
 * that other tests check on both halves: a class's catalogue that its other tests read on both, a
 * start that stops on something else before it serves. A comment at the mark says why the database
 * cannot change what the test asserts. A test that writes, or reads rows in a way no test of both
 * halves does, stays on both.
 *
 * <p>The mark on a class cannot hide a database test from PostgreSQL: {@link TestDatabase#in}
 * refuses to open a database for a class that carries it. On a method it is a judgement, and the
 * comment beside it is what a reviewer checks.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(SameOnEveryDatabase.TAG)
public @interface SameOnEveryDatabase {

    String TAG = "same-on-every-database";
}
