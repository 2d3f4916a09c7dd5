package io.churnwatch.cli.console;

import io.churnwatch.console.Role;
import io.churnwatch.console.UsersFile;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Console users: {@code churnwatch console users add}, or one hashed line for your own tooling. */
@Command(
        name = "users",
        mixinStandardHelpOptions = true,
        subcommands = {UsersCommand.Add.class, UsersCommand.HashPassword.class},
        description = "Manage the console's users file (name:role:bcrypt-hash lines).")
public final class UsersCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = {
                "Add a user to a users file (created if missing), or replace their role and password.",
                "The password is asked for on the terminal, or read from standard input with --password-stdin;",
                "it is never an argument, so it stays out of the shell history and the process list."
            })
    static final class Add implements Callable<Integer> {
        @Option(names = "--file", required = true, description = "The users file.")
        Path file;

        @Option(names = "--name", required = true, description = "User name: lower-case letters, digits, . _ -")
        String name;

        @Option(names = "--role", required = true, description = "viewer, agent or admin.")
        String role;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean stdin;

        @Override
        public Integer call() throws Exception {
            UsersFile.add(file, name, Role.parse(role, "--role"), password(stdin));
            System.out.println("User " + name + " (" + role.toLowerCase(java.util.Locale.ROOT) + ") is in " + file);
            return 0;
        }
    }

    @Command(
            name = "hash-password",
            mixinStandardHelpOptions = true,
            description = "Print one users-file line (name:role:bcrypt-hash) for a password read like 'add' does.")
    static final class HashPassword implements Callable<Integer> {
        @Option(names = "--name", required = true, description = "User name.")
        String name;

        @Option(names = "--role", required = true, description = "viewer, agent or admin.")
        String role;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean stdin;

        @Override
        public Integer call() throws Exception {
            System.out.println(UsersFile.line(name, Role.parse(role, "--role"), password(stdin)));
            return 0;
        }
    }

    static char[] password(boolean stdin) throws Exception {
        if (!stdin && System.console() != null) {
            char[] first = System.console().readPassword("Password: ");
            char[] again = System.console().readPassword("Again: ");
            if (first == null || !java.util.Arrays.equals(first, again)) {
                throw new IllegalArgumentException("the passwords differ");
            }
            return first;
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException("no password on standard input");
        }
        return line.toCharArray();
    }
}
