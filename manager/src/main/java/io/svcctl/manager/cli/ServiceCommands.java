package io.svcctl.manager.cli;

import io.svcctl.manager.Host;
import io.svcctl.manager.service.Change;
import io.svcctl.manager.service.CreateRequest;
import io.svcctl.manager.service.Limits;
import io.svcctl.manager.service.ServiceManager;
import io.svcctl.manager.service.ServiceView;
import io.svcctl.manager.service.SpecJson;
import io.svcctl.manager.service.ServiceSpec;
import io.svcctl.manager.service.SpecSyntax;
import io.svcctl.manager.service.SpecUpdate;
import io.svcctl.manager.service.VolumeSpec;
import io.svcctl.manager.systemd.Journal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The service commands: each parses, makes one call to the {@link ServiceManager}, renders. */
final class ServiceCommands {
    private ServiceCommands() {
    }

    static ServiceManager manager(Host host) {
        return new ServiceManager(host, host.serviceFiles());
    }

    /** Options shared by create and run. */
    static final class Spec {
        @Parameters(index = "0", paramLabel = "NAME", description = "Service name: a-z 0-9 - (it is also the machine name).")
        String name;

        @Option(names = "--image", required = true, paramLabel = "IMAGE", description = "Image reference or id.")
        String image;

        @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Environment variable (repeatable).")
        List<String> env = new ArrayList<>();

        @Option(names = {"-p", "--port"}, paramLabel = "HOST:CONTAINER[/tcp|udp]",
                description = "Publish a port; it answers on the host's localhost too (repeatable).")
        List<String> ports = new ArrayList<>();

        @Option(names = {"-v", "--volume"}, paramLabel = "NAME:/path[:seed]",
                description = "A volume (a dataset of the service) at /path; seed copies the image's files there.")
        List<String> volumes = new ArrayList<>();

        @Option(names = "--memory", paramLabel = "SIZE", description = "Memory limit, e.g. 512M (MemoryMax=).")
        String memory;

        @Option(names = "--cpus", paramLabel = "N", description = "CPU limit in CPUs, e.g. 1.5 (CPUQuota=150%%).")
        Double cpus;

        @Option(names = "--tasks", paramLabel = "N", description = "Limit on processes and threads (TasksMax=).")
        Long tasks;

        @Option(names = "--restart", paramLabel = "POLICY", defaultValue = "no",
                description = "systemd's Restart=: no, on-failure, on-abnormal, always (default: ${DEFAULT-VALUE}).")
        String restart;

        @Option(names = "--network", paramLabel = "MODE", defaultValue = "host",
                description = "host (share the host's network) or isolated (loopback only; published ports"
                        + " reach it through a proxy) (default: ${DEFAULT-VALUE}).")
        String network;

        @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory in the container.")
        String workdir;

        @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "User to run as (needs getent in the image).")
        String user;

        @Option(names = "--entrypoint", paramLabel = "PROGRAM",
                description = "Replace the image's Entrypoint (and, as in Docker, its Cmd unless a command is given).")
        String entrypoint;

        @Option(names = "--after", paramLabel = "SERVICE", description = "Start after this service, and with it (repeatable).")
        List<String> after = new ArrayList<>();

        @Parameters(index = "1..*", paramLabel = "COMMAND", description = "Command and arguments (after --): replace the image's Cmd.")
        List<String> command = new ArrayList<>();

        CreateRequest request() {
            return new CreateRequest(name, image, entrypoint == null ? null : List.of(entrypoint), command, env,
                    workdir, user, ports.stream().map(SpecSyntax::port).toList(),
                    volumes.stream().map(VolumeSpec::parse).toList(),
                    new Limits(memory == null ? null : Limits.parseSize(memory), cpus, tasks),
                    SpecSyntax.restart(restart), SpecSyntax.network(network), null, after);
        }
    }

    static final class Json {
        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            header = "Create a service from an image: a ZFS clone run by systemd.",
            description = {"Create a service from an image: a ZFS clone (instant, whatever the image's size), a",
                "systemd unit and a .nspawn file. Defaults (command, env, workdir, ports, volumes) come from the image."},
            footer = {"", "Examples:",
                "  svcctl create web --image busybox -p 8080:80 -v www:/www -- httpd -f -p 80 -h /www",
                "  svcctl create db --image postgres:16 -e POSTGRES_PASSWORD=s3cret -v data:/var/lib/postgresql/data --memory 1G"})
    static final class Create implements Callable<Integer> {
        @Mixin
        Spec spec;
        @Mixin
        Json out;

        @Override
        public Integer call() throws Exception {
            try (Host host = Host.local()) {
                ServiceManager.Created created = manager(host).create(spec.request(), ImageRefs::normalize);
                warn(spec.name, created.warnings());
                if (out.json) {
                    Output.stdout().json(created.spec());
                } else {
                    Output.stdout().line("created " + spec.name + " (start it with 'svcctl start " + spec.name + "')");
                }
                return 0;
            }
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Create a service and start it (see 'svcctl create --help' for the options).")
    static final class Run implements Callable<Integer> {
        @Mixin
        Spec spec;
        @Mixin
        Json out;

        @Override
        public Integer call() throws Exception {
            try (Host host = Host.local()) {
                ServiceManager manager = manager(host);
                ServiceManager.Created created = manager.create(spec.request(), ImageRefs::normalize);
                warn(spec.name, created.warnings());
                show(manager.start(spec.name), out.json);
                return 0;
            }
        }
    }

    /** start, stop, restart: a systemd job each, followed to its end. */
    abstract static class Control implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The service.")
        String name;
        @Mixin
        Json out;

        abstract ServiceView act(ServiceManager manager, String name);

        @Override
        public Integer call() {
            try (Host host = Host.local()) {
                show(act(manager(host), name), out.json);
                return 0;
            }
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start a service (a systemd job); on failure shows the unit's result and last log lines.")
    static final class Start extends Control {
        ServiceView act(ServiceManager m, String n) {
            return m.start(n);
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop a service.")
    static final class Stop extends Control {
        ServiceView act(ServiceManager m, String n) {
            return m.stop(n);
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true, description = "Restart a service.")
    static final class Restart extends Control {
        ServiceView act(ServiceManager m, String n) {
            return m.restart(n);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Show a service: state, since when, main PID, memory, CPU, restarts, disk use.",
                "Exit code 0 when it is active, 3 when it is not (like systemctl is-active)."})
    static final class Status implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The service.")
        String name;
        @Mixin
        Json out;

        @Override
        public Integer call() {
            try (Host host = Host.local()) {
                ServiceView v = manager(host).status(name);
                show(v, out.json);
                return v.state().equals("active") ? 0 : 3;
            }
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Start the service at boot (machines.target).")
    static final class Enable implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The service.")
        String name;

        @Override
        public Integer call() {
            try (Host host = Host.local()) {
                manager(host).enable(name);
                return 0;
            }
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Do not start the service at boot.")
    static final class Disable implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The service.")
        String name;

        @Override
        public Integer call() {
            try (Host host = Host.local()) {
                manager(host).disable(name);
                return 0;
            }
        }
    }

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
            description = "List services with state, image, uptime, memory and disk use.")
    static final class ListServices implements Callable<Integer> {
        @Mixin
        Json out;

        @Override
        public Integer call() {
            try (Host host = Host.local()) {
                List<ServiceView> all = manager(host).list();
                if (out.json) {
                    Output.stdout().json(all);
                } else {
                    Output.stdout().table(List.of("NAME", "STATE", "IMAGE", "UPTIME", "MEMORY", "DISK"),
                            all.stream().map(v -> List.of(v.name(), v.state() + "/" + v.subState(), v.image(),
                                    uptime(v.since()), Output.bytes(v.memoryBytes()), Output.bytes(v.diskBytes())))
                                    .toList());
                }
                return 0;
            }
        }
    }

    @Command(name = "logs", mixinStandardHelpOptions = true,
            description = "Show a service's log (its journal; 'journalctl -u svcctl-NAME.service' shows the same).")
    static final class Logs implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The service.")
        String name;

        @Option(names = {"-n", "--lines"}, defaultValue = "50", description = "How many lines (default: ${DEFAULT-VALUE}).")
        int lines;

        @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until interrupted.")
        boolean follow;

        @Override
        public Integer call() {
            try (Host host = Host.local()) {
                ServiceManager manager = manager(host);
                String unit = manager.status(name).unit();
                Journal journal = manager.journal();
                if (!follow) {
                    journal.tail(unit, lines).forEach(System.out::println);
                    return 0;
                }
                try (Journal.Follower f = journal.follow(unit, lines)) {
                    for (String line = f.readLine(); line != null; line = f.readLine()) {
                        System.out.println(line);
                    }
                }
                return 0;
            }
        }
    }

    @Command(name = "rm", aliases = "remove", mixinStandardHelpOptions = true,
            description = {"Remove a service: stop it, remove its units and destroy its clone.",
                "Its volumes are kept (a new service of the same name adopts them) unless --volumes is given."})
    static final class Remove implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The service.")
        String name;

        @Option(names = "--volumes", description = "Destroy the service's volumes too.")
        boolean volumes;

        @Override
        public Integer call() throws Exception {
            try (Host host = Host.local()) {
                manager(host).remove(name, volumes);
                Output.stdout().line("removed " + name);
                return 0;
            }
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = {"Change a service's spec: env, ports, volumes, limits, restart policy, network.",
                "The unit and .nspawn files are rendered again and systemd reloads them; a running service keeps",
                "its old settings until it is restarted (--restart-now does that)."},
            footer = {"", "Examples:",
                "  svcctl update web -e LOG_LEVEL=debug --unset-env OLD --memory 1G --restart-now",
                "  svcctl update web -p 8443:443 --unpublish 8080 --cpus none"})
    static final class Update implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The service.")
        String name;

        @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Set a variable (repeatable).")
        List<String> env = new ArrayList<>();

        @Option(names = "--unset-env", paramLabel = "KEY", description = "Remove a variable (repeatable).")
        List<String> unsetEnv = new ArrayList<>();

        @Option(names = {"-p", "--port"}, paramLabel = "HOST:CONTAINER[/tcp|udp]",
                description = "Publish a port; replaces one on the same host port (repeatable).")
        List<String> ports = new ArrayList<>();

        @Option(names = "--unpublish", paramLabel = "HOST[/tcp|udp]", description = "Stop publishing a host port (repeatable).")
        List<String> unpublish = new ArrayList<>();

        @Option(names = {"-v", "--volume"}, paramLabel = "NAME:/path[:seed]", description = "Add a volume (repeatable).")
        List<String> volumes = new ArrayList<>();

        @Option(names = "--memory", paramLabel = "SIZE|none", description = "Memory limit, e.g. 512M; none removes it.")
        String memory;

        @Option(names = "--cpus", paramLabel = "N|none", description = "CPU limit, e.g. 1.5; none removes it.")
        String cpus;

        @Option(names = "--tasks", paramLabel = "N|none", description = "Process/thread limit; none removes it.")
        String tasks;

        @Option(names = "--restart", paramLabel = "POLICY", description = "systemd's Restart=: no, on-failure, always, ...")
        String restart;

        @Option(names = "--network", paramLabel = "MODE", description = "host or isolated.")
        String network;

        @Option(names = "--restart-now", description = "Restart the service if it runs, so the change applies at once.")
        boolean restartNow;

        @Mixin
        Json out;

        SpecUpdate update() {
            return new SpecUpdate(env, unsetEnv, ports.stream().map(SpecSyntax::port).toList(),
                    unpublish.stream().map(SpecSyntax::port).toList(), volumes.stream().map(VolumeSpec::parse).toList(),
                    change(memory, Limits::parseSize), change(cpus, Double::valueOf), change(tasks, Long::valueOf),
                    restart == null ? null : SpecSyntax.restart(restart),
                    network == null ? null : SpecSyntax.network(network));
        }

        @Override
        public Integer call() throws Exception {
            SpecUpdate update = update();
            if (update.isEmpty() && !restartNow) {
                throw new IllegalArgumentException("nothing to change: give options such as -e K=V or --memory 1G"
                        + " (see 'svcctl update --help')");
            }
            try (Host host = Host.local()) {
                ServiceManager.Updated updated = manager(host).update(name, update::apply, restartNow);
                reportUpdate(name, updated, out.json);
                return 0;
            }
        }

        private static <T> Change<T> change(String value, Function<String, T> parse) {
            if (value == null) {
                return Change.keep();
            }
            return Change.to(value.equals("none") ? null : parse.apply(value));
        }
    }

    @Command(name = "edit", mixinStandardHelpOptions = true,
            header = "Replace a service's whole spec with an edited copy.",
            description = {"Replace a service's whole spec (service.json) with an edited copy, checked and rendered as",
                "update does. Identity fields (name, imageId, uidBase, tenant) and existing volumes cannot change."},
            footer = {"", "Example:",
                "  svcctl edit web --print > web.json && vi web.json && svcctl edit web --file web.json --restart-now"})
    static final class Edit implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The service.")
        String name;

        @Option(names = "--print", description = "Print the current spec as JSON, to edit.")
        boolean print;

        @Option(names = "--file", paramLabel = "FILE", description = "The edited spec (JSON); - reads stdin.")
        String file;

        @Option(names = "--restart-now", description = "Restart the service if it runs, so the change applies at once.")
        boolean restartNow;

        @Mixin
        Json out;

        @Override
        public Integer call() throws Exception {
            if (print == (file != null)) {
                throw new IllegalArgumentException("give either --print or --file FILE (see 'svcctl edit --help')");
            }
            try (Host host = Host.local()) {
                ServiceManager manager = manager(host);
                if (print) {
                    Output.stdout().json(manager.status(name).spec());
                    return 0;
                }
                ServiceSpec edited = SpecJson.read(file.equals("-") ? System.in.readAllBytes()
                        : Files.readAllBytes(Path.of(file)), file);
                reportUpdate(name, manager.update(name, current -> edited, restartNow), out.json);
                return 0;
            }
        }
    }

    private static void reportUpdate(String name, ServiceManager.Updated updated, boolean json) {
        warn(name, updated.warnings());
        if (json) {
            Output.stdout().json(updated.spec());
        } else if (updated.restarted()) {
            Output.stdout().line("updated " + name + " and restarted it");
        } else if (updated.pending()) {
            Output.stdout().line("updated " + name + "; it runs with its old settings until 'svcctl restart " + name
                    + "'");
        } else {
            Output.stdout().line("updated " + name + " (applies when it starts)");
        }
    }

    private static void warn(String service, List<String> warnings) {
        warnings.forEach(w -> System.err.println("svcctl: warning: service " + service + " " + w));
    }

    static void show(ServiceView v, boolean json) {
        Output out = Output.stdout();
        if (json) {
            out.json(v);
            return;
        }
        out.line(v.name() + " (" + v.unit() + ")");
        out.line("  state:    " + v.state() + "/" + v.subState() + (v.result() == null || v.result().equals("success")
                ? "" : " (result " + v.result() + ")"));
        out.line("  image:    " + v.image());
        out.line("  since:    " + (v.since() == null ? "-" : v.since() + " (" + uptime(v.since()) + ")"));
        out.line("  pid:      " + (v.mainPid() == null ? "-" : v.mainPid()));
        out.line("  memory:   " + Output.bytes(v.memoryBytes()));
        out.line("  cpu:      " + (v.cpuNanos() == null ? "-" : Duration.ofNanos(v.cpuNanos()).toMillis() + "ms"));
        out.line("  restarts: " + (v.restarts() == null ? "-" : v.restarts()));
        out.line("  disk:     " + Output.bytes(v.diskBytes()));
        out.line("  machine:  " + (v.machineRegistered() ? "registered (machinectl status " + v.name() + ")" : "-"));
    }

    static String uptime(Instant since) {
        if (since == null) {
            return "-";
        }
        Duration d = Duration.between(since, Instant.now());
        if (d.toDays() > 0) {
            return d.toDays() + "d" + d.toHoursPart() + "h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + "h" + d.toMinutesPart() + "m";
        }
        return d.toMinutes() > 0 ? d.toMinutes() + "m" + d.toSecondsPart() + "s" : d.toSeconds() + "s";
    }
}
