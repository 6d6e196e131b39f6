package io.svcctl.manager.migrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.svcctl.manager.Host;
import io.svcctl.manager.SvcctlException;
import io.svcctl.zfs.DatasetName;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * {@code svcctl send}: a service as one svcctl stream on any output, for {@code svcctl receive} at the other
 * end. Without the target's inventory everything goes (the base image in full); with it, only what it lacks.
 */
public final class StreamSend {
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final Host host;
    private final Sender sender;

    public StreamSend(Host host, MigrationListener listener) {
        this.host = host;
        this.sender = new Sender(host, listener);
    }

    public record Result(int steps, long bytes) {
    }

    /** @param targetInventory {@code svcctl migrate-agent probe} output from the target, or null */
    public Result send(String service, byte[] targetInventory, OutputStream out) throws IOException {
        Inventory target;
        try {
            target = targetInventory == null ? new Inventory(List.of(), false, false)
                    : JSON.readValue(targetInventory, Inventory.class);
        } catch (IOException e) {
            throw new SvcctlException(SvcctlException.Kind.INVALID, "while reading the target inventory: "
                    + e.getMessage() + " (make it with 'svcctl migrate-agent probe NAME' on the target)", e);
        }
        DatasetName top = sender.serviceDataset(service);
        MigrationSnapshots snapshots = new MigrationSnapshots(host.zfs());
        sender.sources(service); // fails with "no service" before anything is taken
        snapshots.take(top);
        try {
            List<DatasetState> sources = sender.sources(service);
            SendPlanner.Plan plan = SendPlanner.plan(Sender.items(sources, target), target);
            MigrationStream.Header header = sender.header(service, false, plan.steps(), sources);
            long bytes = sender.write(out, header);
            out.flush();
            return new Result(plan.steps().size(), bytes);
        } finally {
            snapshots.dropOlder(top, null); // the stream is self-contained: nothing needs this snapshot later
        }
    }
}
