package io.svcctl.zfs;

import io.svcctl.exec.Command;
import io.svcctl.exec.CommandFailedException;
import io.svcctl.exec.CommandResult;
import io.svcctl.exec.CommandRunner;
import io.svcctl.exec.RunningProcess;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A CommandRunner that answers from a script of expected argv and canned output, and records what ran. */
final class ScriptedRunner implements CommandRunner {

    private record Answer(List<String> argv, int exit, String stdout, String stderr) {
    }

    private final Deque<Answer> script = new ArrayDeque<>();
    final List<Command> ran = new ArrayList<>();

    ScriptedRunner answer(List<String> argv, String stdout) {
        script.add(new Answer(argv, 0, stdout, ""));
        return this;
    }

    ScriptedRunner fail(List<String> argv, int exit, String stderr) {
        script.add(new Answer(argv, exit, "", stderr));
        return this;
    }

    @Override
    public CommandResult run(Command command) {
        ran.add(command);
        Answer answer = script.poll();
        if (answer == null || !answer.argv().equals(command.argv())) {
            throw new AssertionError("unexpected command `" + command.display() + "`; expected "
                    + (answer == null ? "none" : "`" + String.join(" ", answer.argv()) + "`"));
        }
        CommandResult result = new CommandResult(command, answer.exit(),
                answer.stdout().getBytes(StandardCharsets.UTF_8), answer.stderr().getBytes(StandardCharsets.UTF_8));
        if (answer.exit() != 0) {
            throw CommandFailedException.exited(result);
        }
        return result;
    }

    @Override
    public RunningProcess start(Command command) {
        throw new AssertionError("no streaming in this script: " + command.display());
    }

    boolean finished() {
        return script.isEmpty();
    }
}
