package io.svcctl.manager.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.svcctl.exec.Command;
import io.svcctl.exec.RunningProcess;
import io.svcctl.manager.it.RegistryFixture;
import io.svcctl.testhost.TestHost;
import io.svcctl.testhost.TestHosts;
import io.svcctl.testhost.registry.TestImages;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Benchmark (bench/migrate.sh): downtime and bytes of {@code svcctl migrate} (pre-copy) against the naive
 * stop, full send, start, for services holding N MiB of data that change a little during the pre-copy. Two
 * test hosts, real ssh between them. Arguments: data sizes in MiB (default 100 1024).
 */
public final class MigrationBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Result(int mib, long migrateDowntime, long migrateBytes, int rounds, long switchBytes,
                          long naiveDowntime, long naiveBytes) {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String a : args) {
            sizes.add(Integer.parseInt(a));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(100, 1024);
        }
        List<Result> results = new ArrayList<>();
        try (TestHosts hosts = TestHosts.boot(2); RegistryFixture registry = RegistryFixture.start()) {
            TestHost a = hosts.get(0);
            TestHost b = hosts.get(1);
            for (TestHost h : hosts.hosts()) {
                h.svcctlOk("init", "--pool", "tank");
                h.execOk("ln", "-sf", "/opt/svcctl/bin/svcctl", "/usr/local/bin/svcctl");
            }
            a.svcctlOk("import", "docker", registry.ref(TestImages.BUSYBOX), "--tls-verify=false");
            for (int mib : sizes) {
                results.add(measure(a, b, registry, mib));
                print(results);
            }
        }
    }

    private static Result measure(TestHost a, TestHost b, RegistryFixture registry, int mib) throws Exception {
        String svc = "bench" + mib;
        String data = "/var/lib/svcctl/services/" + svc + "/volumes/data";
        a.svcctlOk("run", svc, "--image", registry.ref(TestImages.BUSYBOX), "-v", "data:/data", "--",
                "httpd", "-f", "-p", "8090", "-h", "/www");
        log("writing " + mib + " MiB of random data into " + svc);
        a.execOk("dd", "if=/dev/urandom", "of=" + data + "/blob", "bs=1M", "count=" + mib, "status=none");

        // svcctl migrate A -> B, with a 1 MiB write while the pre-copy runs
        log("svcctl migrate " + svc + " (pre-copy)");
        RunningProcess migrate = a.runner().start(Command.of("/opt/svcctl/bin/svcctl", "migrate", svc,
                "--to", "ssh://root@" + b.address(), "--json"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> drain = CompletableFuture.runAsync(() -> {
            try {
                migrate.stdout().transferTo(out);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Thread.sleep(1000);
        a.execOk("dd", "if=/dev/urandom", "of=" + data + "/change", "bs=1M", "count=1", "status=none");
        migrate.waitFor();
        drain.join();
        JsonNode summary = JSON.readTree(out.toByteArray());

        // naive B -> A: stop, everything in full (svcctl send without the target's inventory), receive, start
        log("naive stop, full send, start of " + svc);
        long t0 = System.nanoTime();
        b.svcctlOk("stop", svc);
        String received = b.execOk("sh", "-c", "svcctl send " + svc + " | ssh -o BatchMode=yes root@" + a.address()
                + " svcctl receive --json");
        a.svcctlOk("start", svc);
        long naive = (System.nanoTime() - t0) / 1_000_000;
        long naiveBytes = JSON.readTree(received).get("bytes").asLong();

        a.svcctlOk("rm", svc, "--volumes");
        b.svcctlOk("rm", svc, "--volumes");
        return new Result(mib, summary.get("downtimeMillis").asLong(), summary.get("bytes").asLong(),
                summary.get("rounds").size(),
                summary.get("rounds").get(summary.get("rounds").size() - 1).get("bytes").asLong(), naive, naiveBytes);
    }

    private static void log(String message) {
        System.err.println("bench: " + message);
    }

    private static void print(List<Result> results) {
        System.out.println();
        System.out.println(String.format(Locale.ROOT, "%-8s %-28s %-28s %s", "data", "svcctl migrate (pre-copy)",
                "naive stop/full send/start", "ratio naive/migrate"));
        for (Result r : results) {
            System.out.println(String.format(Locale.ROOT, "%-8s downtime %6d ms, %7.1f MiB  downtime %6d ms, %7.1f MiB"
                            + "   downtime x%.1f, bytes x%.2f (%d rounds, %.2f MiB sent while stopped)",
                    r.mib() + "MiB", r.migrateDowntime(), r.migrateBytes() / 1048576.0, r.naiveDowntime(),
                    r.naiveBytes() / 1048576.0, (double) r.naiveDowntime() / r.migrateDowntime(),
                    (double) r.naiveBytes() / r.migrateBytes(), r.rounds(), r.switchBytes() / 1048576.0));
        }
    }
}
