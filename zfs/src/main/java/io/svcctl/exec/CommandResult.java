package io.svcctl.exec;

import java.nio.charset.StandardCharsets;

/**
 * What a finished command left: its exit code and output. {@code stdout} is empty when the caller
 * read stdout itself from a {@link RunningProcess}.
 */
public record CommandResult(Command command, int exitCode, byte[] stdout, byte[] stderr) {

    public CommandResult {
        stdout = stdout.clone();
        stderr = stderr.clone();
    }

    @Override
    public byte[] stdout() {
        return stdout.clone();
    }

    @Override
    public byte[] stderr() {
        return stderr.clone();
    }

    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }
}
