package io.svcctl.manager.migrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.svcctl.manager.Host;
import io.svcctl.units.ServiceName;
import io.svcctl.zfs.DatasetName;
import io.svcctl.zfs.PropertyName;
import io.svcctl.zfs.ResumeToken;
import io.svcctl.zfs.SendRequest;
import io.svcctl.zfs.SendStream;
import io.svcctl.zfs.SnapshotName;
import io.svcctl.zfs.Zfs;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sending end: what a service is made of on this host, and writing a planned stream of it. */
final class Sender {
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final Host host;
    private final Zfs zfs;
    private final StoreStates states;
    private final MigrationListener listener;

    Sender(Host host, MigrationListener listener) {
        this.host = host;
        this.zfs = host.zfs();
        this.states = new StoreStates(zfs, host.settings().rootDataset());
        this.listener = listener;
    }

    DatasetName serviceDataset(String service) {
        return host.layout().service(ServiceName.parse(service).value());
    }

    /** The image chain (origins first), then the service tree (the service, then its volumes). */
    List<DatasetState> sources(String service) {
        List<DatasetState> tree = states.readTree(serviceDataset(service));
        if (tree.isEmpty()) {
            throw new io.svcctl.manager.SvcctlException(io.svcctl.manager.SvcctlException.Kind.NOT_FOUND,
                    "no service '" + service + "' on this host (see 'svcctl list')");
        }
        List<DatasetState> chain = new ArrayList<>();
        String origin = tree.get(0).origin();
        while (origin != null && origin.startsWith("images/")) {
            DatasetState image = states.read(states.absolute(origin.substring(0, origin.indexOf('@'))));
            chain.add(image);
            origin = image.origin();
        }
        Collections.reverse(chain);
        chain.addAll(tree);
        return chain;
    }

    /** Where each dataset goes: images into images/ when the target has them, else incoming/; the service staged. */
    static List<SendPlanner.Item> items(List<DatasetState> sources, Inventory target) {
        List<SendPlanner.Item> items = new ArrayList<>();
        for (DatasetState s : sources) {
            if (s.dataset().startsWith("images/")) {
                boolean whole = target.find(s.dataset()).isPresent();
                String to = whole ? s.dataset() : "incoming/" + s.dataset().substring("images/".length());
                items.add(new SendPlanner.Item(s, to, !whole));
            } else {
                items.add(new SendPlanner.Item(s, MigrationNames.staged(s.dataset()), true));
            }
        }
        return items;
    }

    MigrationStream.Header header(String service, boolean stage, List<SendStep> steps, List<DatasetState> sources) {
        Map<String, Map<String, String>> properties = new LinkedHashMap<>();
        for (DatasetState s : sources) {
            if (s.dataset().startsWith("images/")) {
                Map<String, String> own = new LinkedHashMap<>();
                zfs.userProperties(states.absolute(s.dataset())).forEach((k, v) -> {
                    if (k.value().startsWith("svcctl:") && !k.equals(MigrationNames.MIGRATING)) {
                        own.put(k.value(), v);
                    }
                });
                properties.put(s.dataset(), own);
            }
        }
        return new MigrationStream.Header(MigrationStream.VERSION, service, hostName(), stage,
                JSON.valueToTree(host.services().spec(service)), properties, steps);
    }

    static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown";
        }
    }

    /** Runs the zfs sends of the header's steps into {@code out}; returns the zfs payload bytes. */
    long write(OutputStream out, MigrationStream.Header header) throws IOException {
        MigrationStream.Writer writer = new MigrationStream.Writer(out, header);
        for (int i = 0; i < header.steps().size(); i++) {
            SendStep step = header.steps().get(i);
            listener.event("sending " + step.describe());
            try (SendStream send = open(step)) {
                writer.step(i, send.stream());
                send.waitFor();
            }
        }
        writer.finish();
        return writer.payloadBytes();
    }

    private SendStream open(SendStep step) {
        SnapshotName snapshot = states.absolute(step.source()).snapshot(step.snapshot());
        return switch (step.kind()) {
            case FULL -> zfs.send(SendRequest.full(snapshot));
            case INCREMENTAL -> zfs.send(SendRequest.incrementalWithIntermediates(
                    SnapshotName.parse(host.settings().rootDataset() + "/" + step.from()), snapshot));
            case RESUME -> zfs.resumeSend(new ResumeToken(step.resumeToken()));
        };
    }

    /** The referenced bytes of a dataset now, for a dry run's estimate of a snapshot not taken yet. */
    long referencedNow(String relative) {
        return zfs.get(states.absolute(relative), PropertyName.REFERENCED).get(PropertyName.REFERENCED).longValue();
    }
}
