package io.svcctl.manager.tryit;

import io.svcctl.manager.it.RegistryFixture;
import io.svcctl.testhost.ExecResult;
import io.svcctl.testhost.TestHost;
import io.svcctl.testhost.TestHosts;
import io.svcctl.testhost.registry.TestImages;
import java.util.List;

/**
 * What bin/try-it runs: the main job of svcctl in sandbox hosts, shown command by command. Two hosts boot (systemd
 * in containers, each with a zfs-fuse pool and its own network), a local registry serves a test image, and svcctl
 * imports it, runs it as a service, shows it answering, and moves it, running, to the other host.
 */
public final class TryIt {
    private TryIt() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("== booting two sandbox hosts (systemd + zfs-fuse, each in its own network namespace)");
        try (TestHosts hosts = TestHosts.boot(2); RegistryFixture registry = RegistryFixture.start()) {
            TestHost a = hosts.get(0);
            TestHost b = hosts.get(1);
            System.out.println("   " + hosts.hosts() + "; registry at " + registry.ref(TestImages.BUSYBOX));
            String image = registry.ref(TestImages.BUSYBOX);
            run(a, "svcctl", "--version");
            run(a, "svcctl", "init", "--pool", "tank");
            run(a, "svcctl", "import", "docker", image, "--tls-verify=false");
            run(a, "svcctl", "images");
            run(a, "svcctl", "run", "web", "--image", image, "--network", "isolated", "-p", "8080:80",
                    "-v", "data:/data");
            run(a, "curl", "-sS", "--retry", "5", "--retry-connrefused", "--retry-delay", "1", "http://localhost:8080/");
            run(a, "svcctl", "list");
            run(a, "machinectl", "list");
            run(a, "svcctl", "status", "web");

            System.out.println();
            System.out.println("== moving the running service to " + b.name() + " (" + b.address() + ") with zfs send/receive over ssh");
            for (TestHost h : List.of(a, b)) {
                h.execOk("ln", "-sf", "/opt/svcctl/bin/svcctl", "/usr/local/bin/svcctl"); // svcctl on PATH for ssh
            }
            run(b, "svcctl", "init", "--pool", "tank");
            run(a, "sh", "-c", "echo precious > /var/lib/svcctl/services/web/volumes/data/note");
            run(a, "svcctl", "migrate", "web", "--to", "ssh://root@" + b.address());
            run(b, "curl", "-sS", "--retry", "5", "--retry-connrefused", "--retry-delay", "1", "http://localhost:8080/");
            run(b, "cat", "/var/lib/svcctl/services/web/volumes/data/note");
            run(b, "svcctl", "list");
            run(a, "svcctl", "list");
            System.out.println("== done; the sandbox hosts are torn down now");
        }
    }

    private static void run(TestHost host, String... argv) {
        System.out.println();
        System.out.println(host.name() + "# " + String.join(" ", argv));
        List<String> cmd = argv[0].equals("svcctl") ? prepend("/opt/svcctl/bin/svcctl", argv) : List.of(argv);
        ExecResult r = host.exec(cmd.toArray(String[]::new));
        System.out.print(r.stderr()); // progress, printed while it worked
        System.out.print(r.stdout());
        if (!r.ok()) {
            throw new IllegalStateException("`" + String.join(" ", argv) + "` failed with exit code " + r.exitCode());
        }
    }

    private static List<String> prepend(String first, String[] argv) {
        List<String> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(List.of(argv).subList(1, argv.length));
        return all;
    }
}
