package org.dossier.app;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.dossier.accounts.Account;
import org.dossier.accounts.AccountException;
import org.dossier.accounts.Accounts;
import org.dossier.accounts.Passwords;
import org.dossier.accounts.Role;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dossier user add|list|password}: editors' accounts from the command line, which is how
 * the first admin comes to exist. A password is read from standard input when that is not a
 * terminal (one line), and asked for twice, without echo, when it is.
 */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Manages the accounts of editors and admins.",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.SetPassword.class})
final class UserCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name what to do: add, list or password.");
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Adds an account. The password comes from standard input, or is asked for twice on a terminal.")
    static final class Add implements Callable<Integer> {

        @Mixin
        DatabaseOption databaseOption;

        @Mixin
        WriteWaitOption writeWaitOption;

        @Option(names = "--role", paramLabel = "ROLE", converter = RoleConverter.class,
                description = "editor (corrects records) or admin (also manages accounts); default: editor.")
        Role role = Role.EDITOR;

        @Parameters(paramLabel = "NAME", description = "2 to 40 lower-case letters, digits, '.', '_' or '-'.")
        String name;

        @Override
        public Integer call() throws IOException {
            DatabaseAddress database = databaseOption.address();
            return refusalsExitOne(() -> {
                String username = Accounts.username(name);
                try (Database db = Database.open(database, writeWaitOption.writeWait())) {
                    Accounts accounts = new Accounts(db.dsl(), Clock.systemUTC());
                    accounts.checkFree(username);
                    Account account = accounts.add(username, role, newPassword(username));
                    System.out.println("Added " + account.role().key() + " '" + account.username() + "' to " + database + ".");
                }
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the accounts.")
    static final class ListUsers implements Callable<Integer> {

        @Mixin
        DatabaseOption databaseOption;

        @Mixin
        WriteWaitOption writeWaitOption;

        @Override
        public Integer call() throws IOException {
            DatabaseAddress database = databaseOption.address();
            if (database.isSqlite() && !java.nio.file.Files.exists(database.file())) {
                System.err.println("There is no database at " + database + ".");
                return 1;
            }
            try (Database db = Database.open(database, writeWaitOption.writeWait())) {
                var accounts = new Accounts(db.dsl(), Clock.systemUTC()).list();
                if (accounts.isEmpty()) {
                    System.out.println("No accounts yet: add one with 'user add --role admin NAME'.");
                }
                for (Account a : accounts) {
                    System.out.printf("%-40s %-7s %-9s added %s%n", a.username(), a.role().key(),
                            a.disabled() ? "disabled" : "active", a.createdAt());
                }
                return 0;
            }
        }
    }

    @Command(name = "password", mixinStandardHelpOptions = true,
            description = "Sets a new password (read like 'add' reads it) and ends the account's sessions.")
    static final class SetPassword implements Callable<Integer> {

        @Mixin
        DatabaseOption databaseOption;

        @Mixin
        WriteWaitOption writeWaitOption;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws IOException {
            DatabaseAddress database = databaseOption.address();
            return refusalsExitOne(() -> {
                try (Database db = Database.open(database, writeWaitOption.writeWait())) {
                    Accounts accounts = new Accounts(db.dsl(), Clock.systemUTC());
                    Account account = accounts.find(name)
                            .orElseThrow(() -> new AccountException("There is no account named '" + name + "'."));
                    accounts.setPassword(account.username(), newPassword(account.username()));
                    System.out.println("Set a new password for '" + account.username() + "'.");
                }
            });
        }
    }

    /** Reads "editor" or "admin" for --role; anything else is a usage error (exit 2). */
    static final class RoleConverter extends RefusalConverter<Role> {
        RoleConverter() {
            super(Role::fromKey);
        }
    }

    private interface Work {
        void run() throws IOException;
    }

    /** Runs the work; a refusal (a bad name, a weak password, a duplicate) is printed and exits 1. */
    private static int refusalsExitOne(Work work) throws IOException {
        try {
            work.run();
            return 0;
        } catch (AccountException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }

    private static String newPassword(String username) throws IOException {
        Console console = System.console();
        String password;
        if (console == null) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new AccountException("No password on standard input: give it as one line, "
                        + "or run the command on a terminal to be asked for it.");
            }
            password = line;
        } else {
            char[] first = console.readPassword("Password for %s: ", username);
            char[] again = console.readPassword("The same password again: ");
            try {
                if (first == null || again == null || !Arrays.equals(first, again)) {
                    throw new AccountException("The two passwords differ; nothing was changed.");
                }
                password = new String(first);
            } finally {
                if (first != null) {
                    Arrays.fill(first, ' ');
                }
                if (again != null) {
                    Arrays.fill(again, ' ');
                }
            }
        }
        Passwords.checkAllowed(username, password);
        return password;
    }
}
