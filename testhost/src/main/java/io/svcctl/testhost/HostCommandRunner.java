package io.svcctl.testhost;

import io.svcctl.exec.Command;
import io.svcctl.exec.CommandResult;
import io.svcctl.exec.CommandRunner;
import io.svcctl.exec.RunningProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs commands inside one test host through {@code testhost.sh exec NAME --}, which enters all of the host's
 * namespaces with a clean environment. Environment additions travel as {@code env NAME=VALUE} in front of the
 * argv (sorted, so an argv reads the same every time), since the script clears the environment it was given. Stdin, stdout streaming, timeouts and failures
 * pass through the delegate unchanged.
 */
final class HostCommandRunner implements CommandRunner {
    private final CommandRunner delegate;
    private final TestHostScript script;
    private final String host;

    HostCommandRunner(TestHostScript script, String host) {
        this.delegate = script.runner();
        this.script = script;
        this.host = host;
    }

    @Override
    public CommandResult run(Command command) {
        return delegate.run(wrap(command));
    }

    @Override
    public RunningProcess start(Command command) {
        return delegate.start(wrap(command));
    }

    Command wrap(Command command) {
        List<String> args = new ArrayList<>(List.of("exec", host, "--"));
        if (!command.env().isEmpty()) {
            args.add("env");
            for (Map.Entry<String, String> e : new TreeMap<>(command.env()).entrySet()) {
                args.add(e.getKey() + "=" + e.getValue());
            }
        }
        args.addAll(command.argv());
        // a fresh Command: the additions must not reach the script's own environment (a PATH there would
        // change which nsenter it runs)
        Command wrapped = Command.of(script.command(args).argv());
        if (command.timeout().isPresent()) {
            wrapped = wrapped.withTimeout(command.timeout().get());
        }
        if (command.hasStdin()) {
            wrapped = wrapped.withStdin(command.openStdin().orElseThrow());
        }
        return wrapped;
    }
}
