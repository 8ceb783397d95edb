package org.dossier.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class that never opens the test database ({@link TestDatabase}): pure logic, or a SQLite
 * file of its own. It runs in the SQLite half of the suite only, since the PostgreSQL half would run
 * the very same code again (the second surefire execution leaves out this tag).
 *
 * <p>The mark cannot hide a database test from PostgreSQL: {@link TestDatabase#in} refuses to open a
 * database for a class that carries it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(SameOnEveryDatabase.TAG)
public @interface SameOnEveryDatabase {

    String TAG = "same-on-every-database";
}
