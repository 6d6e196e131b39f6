package io.svcctl.manager.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Whether a host process still runs, from {@code /proc/PID/stat} (cheap enough to poll every few ms). */
final class LeaderProcess {
    private LeaderProcess() {
    }

    static boolean isRunning(long pid) {
        try {
            return isRunning(Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("while reading the state of process " + pid, e);
        }
    }

    /**
     * A zombie has ended: only its exit status waits for its parent. The state follows the command name, which is
     * in parentheses and may hold any character, ')' and spaces too: hence the last ')'.
     */
    static boolean isRunning(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0 || end + 2 >= stat.length()) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + stat);
        }
        char state = stat.charAt(end + 2);
        return state != 'Z' && state != 'X';
    }
}
