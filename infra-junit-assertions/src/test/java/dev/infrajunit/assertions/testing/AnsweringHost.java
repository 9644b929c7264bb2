package dev.infrajunit.assertions.testing;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real host on which some commands answer as a tool on another host would: each command whose
 * line starts with a given text gets the given exit status and output instead of running. Used for
 * the answers this machine cannot give (an init script without root, an unreadable /etc/rc2.d).
 */
public final class AnsweringHost extends RecordingHost {

    private record Answer(int exitStatus, String stdout, String stderr) {
    }

    private final Map<String, Answer> answers = new LinkedHashMap<>();

    public AnsweringHost(Host delegate) {
        super(delegate);
    }

    /** Commands whose line starts with {@code lineStart} exit so, printing so. */
    public AnsweringHost answer(String lineStart, int exitStatus, String stdout, String stderr) {
        answers.put(lineStart, new Answer(exitStatus, stdout, stderr));
        return this;
    }

    @Override
    protected CommandResult execute(Host host, Command command) {
        for (Map.Entry<String, Answer> entry : answers.entrySet()) {
            if (command.line().startsWith(entry.getKey())) {
                Answer answer = entry.getValue();
                return new CommandResult(host.name(), command.line(), answer.exitStatus(), answer.stdout(), answer.stderr(),
                        Duration.ZERO);
            }
        }
        return super.execute(host, command);
    }
}
