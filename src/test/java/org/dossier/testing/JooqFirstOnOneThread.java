package org.dossier.testing;

import org.dossier.db.Tables;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Initialises jOOQ's data types and the generated tables on one thread, before any test class
 * runs. Test classes run three at a time, and two that touched jOOQ first at once could each hold
 * one of {@code SQLDataType} and {@code DefaultDataType} half initialised and wait for the other
 * for ever: a run hung with one thread in {@code Database}'s static fields ({@code DSL.field}) and
 * the other in a generated table's ({@code Account}), neither using CPU (jOOQ's advice is to
 * initialise it from a single thread: jOOQ/jOOQ#8226, #7360, #19529). The app touches jOOQ first on its one
 * starting thread.
 */
public final class JooqFirstOnOneThread implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        // Every generated table, and through them SQLDataType and DefaultDataType, fully initialised
        // here; then a context, whose class and SQLDataType's wait on each other too (jOOQ/jOOQ#19529).
        Tables.DOCUMENT.fields();
        DSL.using(SQLDialect.SQLITE);
    }
}
