package io.svcctl.manager.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.svcctl.manager.SvcctlException.Kind;
import io.svcctl.testhost.Hosts;
import io.svcctl.testhost.TestHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client against a real systemd: a booted test host's system bus, reached from outside through
 * /proc/PID/root (EXTERNAL auth as root). Each test uses its own units, so the order does not matter.
 */
@Hosts(value = 1, svcctl = false)
class SystemdClientIT {

    /** How long anything here may take before it counts as hung; never a measured expectation. */
    private static final Duration PATIENCE = Duration.ofMinutes(1);

    private static TestHost host;
    private static SystemdClient systemd;

    @BeforeAll
    static void connect(TestHost testHost) throws IOException {
        host = testHost;
        unit("svcctl-it-sleep.service", """
                [Unit]
                Description=svcctl IT: a long-running service
                [Service]
                ExecStart=/bin/sleep 300
                [Install]
                WantedBy=multi-user.target
                """);
        unit("svcctl-it-false.service", """
                [Service]
                Type=oneshot
                ExecStart=/bin/false
                """);
        unit("svcctl-it-crash.service", """
                [Unit]
                StartLimitIntervalSec=0
                [Service]
                ExecStart=/bin/sh -c 'exit 3'
                Restart=always
                RestartSec=100ms
                """);
        unit("svcctl-it-echo.service", """
                [Service]
                Type=oneshot
                RemainAfterExit=yes
                ExecStart=/bin/sh -c 'echo "svcctl-it run $$INVOCATION_ID"'
                """);
        unit("svcctl-it-quick@.service", """
                [Service]
                Type=oneshot
                ExecStart=/bin/true
                """);
        systemd = SystemdClient.connect(host.systemBusAddress(), PATIENCE);
        systemd.reload();
    }

    @AfterAll
    static void close() {
        if (systemd != null) {
            systemd.close();
        }
    }

    @Test
    void startsAndStopsAService() {
        assertThat(systemd.start("svcctl-it-sleep.service", JobMode.REPLACE)).isEqualTo(JobResult.DONE);

        UnitStatus running = systemd.status("svcctl-it-sleep.service");
        assertThat(running.isActive()).as("%s", running).isTrue();
        assertThat(running.subState()).isEqualTo("running");
        assertThat(running.mainPid()).isNotNull();
        assertThat(host.execOk("cat", "/proc/" + running.mainPid() + "/comm").strip()).isEqualTo("sleep");
        assertThat(running.activeEnterTimestamp()).isBefore(Instant.now().plusSeconds(1));
        assertThat(running.invocationId()).hasSize(32);
        assertThat(systemd.activeState("svcctl-it-sleep.service")).isEqualTo("active");

        assertThat(systemd.stop("svcctl-it-sleep.service", JobMode.REPLACE)).isEqualTo(JobResult.DONE);

        UnitStatus stopped = systemd.status("svcctl-it-sleep.service");
        assertThat(stopped.activeState()).isEqualTo("inactive");
        assertThat(stopped.mainPid()).isNull();
        assertThat(systemd.activeState("svcctl-it-sleep.service")).isEqualTo("inactive");
    }

    @Test
    void failingServiceReportsAFailedJobAndItsExitCode() {
        assertThat(systemd.start("svcctl-it-false.service", JobMode.REPLACE)).isEqualTo(JobResult.FAILED);

        UnitStatus failed = systemd.status("svcctl-it-false.service");
        assertThat(failed.isFailed()).as("%s", failed).isTrue();
        assertThat(failed.result()).isEqualTo("exit-code");
        assertThat(failed.execMainStatus()).isEqualTo(1);
        assertThat(systemd.activeState("svcctl-it-false.service")).isEqualTo("failed");

        systemd.resetFailed("svcctl-it-false.service");
        assertThat(systemd.status("svcctl-it-false.service").isFailed()).isFalse();
    }

    @Test
    void restartRunsANewProcess() {
        assertThat(systemd.start("svcctl-it-sleep.service", JobMode.REPLACE)).isEqualTo(JobResult.DONE);
        UnitStatus before = systemd.status("svcctl-it-sleep.service");

        assertThat(systemd.restart("svcctl-it-sleep.service", JobMode.REPLACE)).isEqualTo(JobResult.DONE);

        UnitStatus after = systemd.status("svcctl-it-sleep.service");
        assertThat(after.isActive()).isTrue();
        assertThat(after.mainPid()).isNotNull().isNotEqualTo(before.mainPid());
        assertThat(after.invocationId()).isNotEqualTo(before.invocationId());
        systemd.stop("svcctl-it-sleep.service", JobMode.REPLACE);
    }

    @Test
    void restartAlwaysIsCountedInNRestarts() {
        // Type=simple: the start job is done once the process runs; it then exits and systemd restarts it
        assertThat(systemd.start("svcctl-it-crash.service", JobMode.REPLACE)).isEqualTo(JobResult.DONE);

        UnitStatus crashing = eventually(() -> systemd.status("svcctl-it-crash.service"),
                s -> s.nRestarts() != null && s.nRestarts() >= 2, "NRestarts to reach 2");
        assertThat(crashing.result()).isIn("exit-code", "success");

        // a stop ends the restart loop; stopped while waiting to restart, the last failure sticks
        assertThat(systemd.stop("svcctl-it-crash.service", JobMode.REPLACE)).isEqualTo(JobResult.DONE);
        UnitStatus stopped = systemd.status("svcctl-it-crash.service");
        assertThat(stopped.activeState()).isIn("inactive", "failed");
        if (stopped.isFailed()) {
            systemd.resetFailed("svcctl-it-crash.service");
        }
    }

    @Test
    void manyQuickJobsAtOnceAllSeeTheirEnd() throws Exception {
        // oneshot /bin/true jobs end right after they are queued, so JobRemoved often races the reply
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<JobResult>>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String unit = "svcctl-it-quick@" + i + ".service";
                runs.add(pool.submit(() -> {
                    List<JobResult> results = new ArrayList<>();
                    for (int n = 0; n < 10; n++) {
                        results.add(systemd.start(unit, JobMode.REPLACE));
                    }
                    return results;
                }));
            }
            for (Future<List<JobResult>> run : runs) {
                assertThat(run.get()).hasSize(10).containsOnly(JobResult.DONE);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownUnitIsATypedError() {
        assertThatThrownBy(() -> systemd.start("svcctl-it-missing.service", JobMode.REPLACE))
                .isInstanceOfSatisfying(SystemdException.class, e -> {
                    assertThat(e.busErrorName()).contains("org.freedesktop.systemd1.NoSuchUnit");
                    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
                    assertThat(e).hasMessageStartingWith("while starting svcctl-it-missing.service: "
                            + "org.freedesktop.systemd1.NoSuchUnit: ");
                });

        UnitStatus missing = systemd.status("svcctl-it-missing.service");
        assertThat(missing.loadState()).isEqualTo("not-found");
        assertThat(missing.isLoaded()).isFalse();
    }

    @Test
    void enablesAndDisablesUnitFiles() {
        Path wants = host.rootPath().resolve("etc/systemd/system/multi-user.target.wants/svcctl-it-sleep.service");

        List<UnitFileChange> enabled = systemd.enable(List.of("svcctl-it-sleep.service"), false);

        assertThat(enabled).containsExactly(new UnitFileChange("symlink",
                "/etc/systemd/system/multi-user.target.wants/svcctl-it-sleep.service",
                "/etc/systemd/system/svcctl-it-sleep.service"));
        assertThat(wants).isSymbolicLink();

        assertThat(systemd.disable(List.of("svcctl-it-sleep.service"), false)).extracting(UnitFileChange::type)
                .containsExactly("unlink");
        assertThat(Files.exists(wants, LinkOption.NOFOLLOW_LINKS)).isFalse();

        assertThatThrownBy(() -> systemd.enable(List.of("svcctl-it-false.service"), false))
                .isInstanceOf(SystemdException.class)
                .hasMessageContaining("no [Install] section");
    }

    @Test
    void listsLoadedUnitsByPattern() {
        systemd.start("svcctl-it-false.service", JobMode.REPLACE); // a failed unit stays loaded

        assertThat(systemd.listUnits(List.of("svcctl-it-fals*"))).extracting(UnitSummary::name)
                .containsExactly("svcctl-it-false.service");
        systemd.resetFailed("svcctl-it-false.service");
    }

    @Test
    void machinedKnowsTheHostAndNotAnUnknownMachine() {
        MachineInfo self = systemd.machine(".host").orElseThrow();
        assertThat(self.machineClass()).isEqualTo("host");
        assertThat(self.leader()).isEqualTo(1);
        assertThat(systemd.machineNames()).contains(".host");

        assertThat(systemd.machine("svcctl-it-none")).isEmpty();
        assertThatThrownBy(() -> systemd.machineAddresses("svcctl-it-none"))
                .isInstanceOfSatisfying(SystemdException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @Test
    @Timeout(120) // a follower that never sees its line would block forever
    void journalShowsAndFollowsAUnitsOutput() {
        Journal journal = new Journal(host.runner());
        assertThat(systemd.start("svcctl-it-echo.service", JobMode.REPLACE)).isEqualTo(JobResult.DONE);
        String first = "svcctl-it run " + systemd.status("svcctl-it-echo.service").invocationId();

        // journald stores the line shortly after the job ends
        List<String> tail = eventually(() -> journal.tail("svcctl-it-echo.service", 20),
                lines -> lines.stream().anyMatch(l -> l.endsWith(first)), "the unit's line in the journal");
        assertThat(tail).allSatisfy(line -> assertThat(line).matches("^\\d{4}-\\d\\d-\\d\\dT.*"));

        try (Journal.Follower follower = journal.follow("svcctl-it-echo.service", 5)) {
            assertThat(systemd.restart("svcctl-it-echo.service", JobMode.REPLACE)).isEqualTo(JobResult.DONE);
            String second = "svcctl-it run " + systemd.status("svcctl-it-echo.service").invocationId();
            assertThat(second).isNotEqualTo(first);

            String line;
            do {
                line = follower.readLine();
                assertThat(line).as("journalctl --follow ended before showing '%s'", second).isNotNull();
            } while (!line.endsWith(second));
        }
        systemd.stop("svcctl-it-echo.service", JobMode.REPLACE);
    }

    private static void unit(String name, String content) throws IOException {
        Files.writeString(host.rootPath().resolve("etc/systemd/system").resolve(name), content);
    }

    /** Polls until the condition holds; fails with the last value seen when PATIENCE runs out. */
    private static <T> T eventually(Supplier<T> probe, Predicate<T> condition, String what) {
        Instant deadline = Instant.now().plus(PATIENCE);
        T value = probe.get();
        while (!condition.test(value)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + "s for " + what + "; last seen: " + value
                        + "\n--- journal\n" + host.journal(40));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
            value = probe.get();
        }
        return value;
    }
}
