package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Host;

/**
 * Runs read-only commands for fact readers and turns "the tool is not there" into a
 * {@link CouldNotCheckException}: a missing {@code ss} says nothing about the ports, so it must
 * never read as a failed assertion.
 */
public final class HostTools {

    private HostTools() {
    }

    /** Runs a command whose first word is {@code tool}; exit status 127 means the tool is missing. */
    public static CommandResult run(Host host, Command command, String tool, String purpose) {
        CommandResult result = host.run(command);
        if (result.commandNotFound()) {
            throw missing(host, purpose, tool + " is not installed (" + command.line() + ": command not found)");
        }
        return result;
    }

    /** {@code web-1: cannot check listening ports: neither ss nor /proc/net/tcp is available}. */
    public static CouldNotCheckException missing(Host host, String purpose, String what) {
        return new CouldNotCheckException(host.name(), "cannot check " + purpose + ": " + what);
    }

    /** A command failed in a way that says nothing about the subject (permission denied, I/O error). */
    public static CouldNotCheckException failed(Host host, String purpose, CommandResult result) {
        return new CouldNotCheckException(host.name(), "cannot check " + purpose + ": " + exited(result));
    }

    /** {@code `rc-update show -v` exited with 1: what it said on stderr}. */
    public static String exited(CommandResult result) {
        String stderr = result.stderr().strip();
        return "`" + result.command() + "` exited with " + result.exitStatus() + (stderr.isEmpty() ? "" : ": " + stderr);
    }

    /** The first line of a text, for messages that quote what a tool printed. */
    public static String firstLine(String text) {
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline);
    }
}
