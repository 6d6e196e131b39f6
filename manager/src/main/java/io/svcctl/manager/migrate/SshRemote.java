package io.svcctl.manager.migrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.svcctl.exec.Command;
import io.svcctl.exec.CommandFailedException;
import io.svcctl.exec.CommandResult;
import io.svcctl.exec.CommandRunner;
import io.svcctl.exec.PrefixedCommandRunner;
import io.svcctl.exec.RunningProcess;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A target reached over ssh, where svcctl itself does the receiving end: {@code svcctl migrate-agent probe|
 * activate|abort} and {@code svcctl receive --stage}, which reads the stream from ssh's stdin. The remote
 * svcctl command is configurable (default {@code svcctl} on the PATH).
 */
public final class SshRemote implements Remote {
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final Duration CONTROL_TIMEOUT = Duration.ofMinutes(10);
    private static final int SSH_FAILED = 255;

    private final SshTarget target;
    private final CommandRunner runner;
    private final List<String> svcctl;

    public SshRemote(CommandRunner local, SshTarget target, List<String> sshOptions, String svcctlCommand) {
        this.target = target;
        this.runner = PrefixedCommandRunner.ssh(local, target.sshArgv(sshOptions));
        this.svcctl = List.of(svcctlCommand);
    }

    @Override
    public String name() {
        return target.destination();
    }

    private Command svcctl(String... args) {
        List<String> argv = new ArrayList<>(svcctl);
        argv.addAll(Arrays.asList(args));
        return Command.of(argv);
    }

    private <T> T control(String doing, Class<T> type, String... args) {
        CommandResult result;
        try {
            result = runner.run(svcctl(args).withTimeout(CONTROL_TIMEOUT));
        } catch (CommandFailedException e) {
            throw failure(doing, e, null);
        }
        try {
            return JSON.readValue(result.stdout(), type);
        } catch (IOException e) {
            throw new Remote.Failure("while " + doing + " on " + name() + ": its answer is not what this svcctl"
                    + " expects (" + e.getMessage() + "); use the same svcctl version on both hosts", false, e);
        }
    }

    @Override
    public Inventory probe(String service) {
        return control("reading what the target has", Inventory.class, "migrate-agent", "probe", service);
    }

    @Override
    public TargetAgent.ActivateReport activate(String service) {
        return control("starting " + service, TargetAgent.ActivateReport.class, "migrate-agent", "activate", service);
    }

    @Override
    public List<String> abort(String service) {
        return Arrays.asList(control("undoing the staged copy of " + service, String[].class,
                "migrate-agent", "abort", service));
    }

    @Override
    public TargetAgent.ReceiveReport receive(StreamBody body, boolean activate) {
        String doing = "sending to " + name();
        RunningProcess process = runner.start(activate ? svcctl("receive", "--stage", "--activate", "--json")
                : svcctl("receive", "--stage", "--json"));
        IOException broken = null;
        try (OutputStream out = new BufferedOutputStream(process.stdin(), 1 << 20)) {
            body.writeTo(out);
        } catch (IOException e) {
            broken = e; // the far end went away: its exit status below says why
        } catch (RuntimeException e) {
            process.close(); // the sending side failed: cut the stream so the target discards what it got
            throw e;
        }
        byte[] answer;
        try {
            answer = process.stdout().readAllBytes();
            process.waitFor();
        } catch (CommandFailedException e) {
            throw failure(doing, e, broken);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            process.close();
        }
        if (broken != null) {
            throw new Remote.Failure("while " + doing + ": the stream broke off (" + broken.getMessage() + ")", true, broken);
        }
        try {
            return JSON.readValue(answer, TargetAgent.ReceiveReport.class);
        } catch (IOException e) {
            throw new Remote.Failure("while " + doing + ": the target's answer is not what this svcctl expects ("
                    + e.getMessage() + ")", false, e);
        }
    }

    /** ssh exits 255 when it fails itself; a signal (the connection killed) shows as 128+N. */
    private Remote.Failure failure(String doing, CommandFailedException e, IOException broken) {
        int code = e.exitCode().orElse(-1);
        boolean transport = code < 0 || code == SSH_FAILED || code > 128;
        String said = e.stderr().strip().lines().map(l -> l.startsWith("svcctl: ") ? l.substring(8) : l)
                .reduce((a, b) -> a + "\n" + b).orElse("");
        String why = transport
                ? "the connection broke off (ssh exited with " + (code < 0 ? e.reason().name() : "status " + code)
                + (said.isEmpty() ? "" : ": " + said) + ")"
                : said.isEmpty() ? "svcctl there exited with status " + code : said;
        Remote.Failure f = new Remote.Failure("while " + doing + " on " + name() + ": " + why, transport, e);
        if (broken != null) {
            f.addSuppressed(broken);
        }
        return f;
    }
}
