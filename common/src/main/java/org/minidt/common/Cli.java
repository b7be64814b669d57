package org.minidt.common;

import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * Runs a service's picocli command the same way everywhere: flags and environment variables, usage errors
 * and {@link UserError}s as one line on stderr with exit code 2, anything else with its stack trace.
 */
public final class Cli {
    private Cli() {
    }

    public static int run(Callable<Integer> command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable cause = e;
            while (cause != null && !(cause instanceof UserError)) {
                cause = cause.getCause();
            }
            if (cause != null) {
                commandLine.getErr().println(commandLine.getCommandName() + ": " + cause.getMessage());
                return 2;
            }
            throw e;
        });
        return cl.execute(args);
    }
}
