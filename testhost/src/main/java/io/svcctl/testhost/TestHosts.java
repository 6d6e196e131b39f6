package io.svcctl.testhost;

import io.svcctl.exec.CommandResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A group of booted test hosts, torn down together by {@link #close()}, by a JVM shutdown hook (Ctrl-C), or,
 * should this JVM be killed, as leftovers by the next run. Hosts boot in parallel, each in the first free slot:
 * test runs side by side on one machine get different names and addresses and leave each other alone.
 *
 * <p>With the environment variable {@code SVCCTL_TESTHOST_KEEP=1} the hosts stay up after the tests, to be
 * looked at with {@code testhost.sh exec NAME -- ...}; the next test run (or {@code testhost.sh down-all})
 * removes them.
 */
public final class TestHosts implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TestHosts.class.getName());
    private static final Duration CHECK_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration ROOTFS_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration DOWN_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
    private static final int SLOTS = 200;
    private static final String NAME_PREFIX = "svh";
    /** Slots this JVM's groups hold: the script tells runs apart by their process, not groups inside one. */
    private static final Set<Integer> SLOTS_OF_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final TestHostScript script;
    private final Map<String, Integer> claimed = new LinkedHashMap<>();
    private final List<TestHost> hosts = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::teardown, "svcctl-testhost-teardown");
    private boolean tornDown;

    private TestHosts(TestHostScript script) {
        this.script = script;
    }

    /** Boots {@code count} hosts, with svcctl mounted when {@code svcctl.dist} or {@code SVCCTL_DIST} names it. */
    public static TestHosts boot(int count) {
        return boot(count, SvcctlDist.fromEnvironment());
    }

    static TestHosts boot(int count, Optional<SvcctlDist> dist) {
        if (count < 1) {
            throw new IllegalArgumentException("a test needs at least one host, not " + count);
        }
        TestHostScript script = TestHostScript.local();
        script.run("checking that this machine can run test hosts", CHECK_TIMEOUT, "check");
        // --stale: hosts of this JVM that are still up belong to other test classes running beside this one
        script.run("removing test hosts left by earlier runs", DOWN_TIMEOUT, "down-all", "--stale");
        LOG.log(System.Logger.Level.INFO, "preparing the test host rootfs (built once, then cached; about a minute)");
        script.run("building the test host rootfs", ROOTFS_TIMEOUT, "rootfs");

        TestHosts group = new TestHosts(script);
        Runtime.getRuntime().addShutdownHook(group.shutdownHook);
        long started = System.nanoTime();
        try {
            group.bootAll(count, dist);
        } catch (RuntimeException e) {
            try {
                group.close();
            } catch (RuntimeException teardown) {
                e.addSuppressed(teardown);
            }
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "booted test hosts " + group.hosts + " in "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
        return group;
    }

    private void bootAll(int count, Optional<SvcctlDist> dist) {
        AtomicInteger nextSlot = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<TestHost>> booting = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                booting.add(pool.submit(() -> bootInFreeSlot(nextSlot, dist)));
            }
            RuntimeException failure = null;
            for (Future<TestHost> future : booting) {
                try {
                    TestHost host = future.get();
                    synchronized (this) {
                        hosts.add(host);
                    }
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException r
                            ? r : new IllegalStateException(e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while booting test hosts", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            synchronized (this) {
                hosts.sort(Comparator.comparingInt(TestHost::index));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private TestHost bootInFreeSlot(AtomicInteger nextSlot, Optional<SvcctlDist> dist) {
        while (true) {
            int slot = nextSlot.getAndIncrement();
            if (slot >= SLOTS) {
                throw new IllegalStateException("while booting a test host: all " + SLOTS + " slots are taken by "
                        + "other running test runs (testhost.sh down-all --force removes their hosts)");
            }
            if (!SLOTS_OF_THIS_JVM.add(slot)) {
                continue;
            }
            String name = NAME_PREFIX + slot;
            List<String> args = new ArrayList<>(List.of("up", name, Integer.toString(slot)));
            dist.ifPresent(d -> {
                args.add("--bind-ro");
                args.add(d.bindReadOnly());
            });
            synchronized (this) {
                claimed.put(name, slot);
            }
            CommandResult up = script.runUnchecked(UP_TIMEOUT, args.toArray(String[]::new));
            if (up.exitCode() == TestHostScript.EXIT_TAKEN) {
                synchronized (this) {
                    claimed.remove(name); // another live run's host: not ours to tear down
                }
                SLOTS_OF_THIS_JVM.remove(slot);
                continue;
            }
            if (up.exitCode() != 0) {
                throw new IllegalStateException("while booting test host " + name + ": `testhost.sh "
                        + String.join(" ", args) + "` exited with status " + up.exitCode() + "\n"
                        + up.stderrText().strip());
            }
            String doing = "asking about test host " + name;
            String address = script.run(doing, QUERY_TIMEOUT, "address", name).strip();
            long leader = Long.parseLong(script.run(doing, QUERY_TIMEOUT, "leader", name).strip());
            return new TestHost(script, name, slot, address, leader, dist);
        }
    }

    /** The hosts, lowest slot first. */
    public synchronized List<TestHost> hosts() {
        return List.copyOf(hosts);
    }

    public synchronized TestHost get(int i) {
        return hosts.get(i);
    }

    /** Tears the hosts down (unless SVCCTL_TESTHOST_KEEP is set). Calling it again does nothing. */
    @Override
    public void close() {
        teardown();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: it did the teardown
        }
    }

    private synchronized void teardown() {
        if (tornDown) {
            return;
        }
        tornDown = true;
        if (keep()) {
            LOG.log(System.Logger.Level.WARNING, "SVCCTL_TESTHOST_KEEP is set: keeping test hosts " + claimed.keySet()
                    + "; look inside with `bash " + TestHostScript.path() + " exec NAME -- CMD`, remove them with"
                    + " `... down-all` (the next test run removes them too)");
            return;
        }
        RuntimeException failure = null;
        for (Map.Entry<String, Integer> host : claimed.entrySet()) {
            try {
                script.run("tearing down test host " + host.getKey(), DOWN_TIMEOUT, "down", host.getKey());
                SLOTS_OF_THIS_JVM.remove(host.getValue());
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static boolean keep() {
        String keep = System.getenv("SVCCTL_TESTHOST_KEEP");
        return keep != null && !keep.isEmpty() && !keep.equals("0");
    }
}
