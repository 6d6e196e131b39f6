package io.svcctl.manager.cli;

import io.svcctl.manager.imports.ImportService;
import io.svcctl.manager.store.ImportPlan;
import io.svcctl.rootfs.Descriptor;
import io.svcctl.rootfs.Image;
import io.svcctl.rootfs.Layer;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Import progress on stderr: on a terminal one line per layer, redrawn in place (at most ten times a second);
 * otherwise one plain line per event, for logs. Download callbacks come from several threads.
 */
final class ImportProgress implements ImportService.Listener, AutoCloseable {
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final boolean terminal;
    private final boolean silent;
    private final Map<String, String> lines = new LinkedHashMap<>();
    private int drawn;
    private long lastDraw;

    private ImportProgress(PrintStream err, boolean terminal, boolean silent) {
        this.err = err;
        this.terminal = terminal;
        this.silent = silent;
    }

    static ImportProgress forStderr() {
        return new ImportProgress(System.err, System.console() != null && System.getenv("TERM") != null
                && !"dumb".equals(System.getenv("TERM")), false);
    }

    static ImportProgress silent() {
        return new ImportProgress(System.err, false, true);
    }

    private static String id(Descriptor blob) {
        return blob.digest().shortHex();
    }

    @Override
    public synchronized void resolved(Image image) {
        event(null, "resolved " + image.reference() + " (" + image.config().platform() + ", "
                + image.layers().size() + " layer(s), config " + image.configDigest().shortHex() + ")");
    }

    @Override
    public synchronized void planned(ImportPlan plan, int layersToApply) {
        String what;
        if (plan instanceof ImportPlan.Present) {
            what = "present already";
        } else if (plan instanceof ImportPlan.Build b && b.start() instanceof ImportPlan.CloneFrom c) {
            what = "shares its first " + b.firstLayer() + " layer(s) with image "
                    + c.origin().dataset().leaf().substring(0, 12) + ": cloning it, " + layersToApply + " layer(s) to apply";
        } else if (plan instanceof ImportPlan.Build b && b.start() instanceof ImportPlan.ResumeFrom) {
            what = "resuming an interrupted import after " + b.firstLayer() + " layer(s)";
        } else {
            what = layersToApply + " layer(s) to apply";
        }
        event(null, what);
    }

    @Override
    public synchronized void started(Descriptor blob, long total) {
        event(id(blob), id(blob) + ": downloading " + Output.bytes(total));
    }

    @Override
    public synchronized void progress(Descriptor blob, long bytes) {
        if (terminal) {
            lines.put(id(blob), id(blob) + ": downloading " + Output.bytes(bytes) + " / " + Output.bytes(blob.size()));
            redraw(false);
        }
    }

    @Override
    public synchronized void done(Descriptor blob, boolean cached) {
        event(id(blob), id(blob) + (cached ? ": already downloaded" : ": downloaded " + Output.bytes(blob.size())));
    }

    @Override
    public synchronized void applying(int index, int total, Layer layer) {
        event(id(layer.blob()), id(layer.blob()) + ": applying layer " + (index + 1) + "/" + total);
    }

    @Override
    public synchronized void applied(int index, int total, Layer layer, long entries, long bytes) {
        event(id(layer.blob()), id(layer.blob()) + ": applied layer " + (index + 1) + "/" + total + " ("
                + entries + " entries, " + Output.bytes(bytes) + ")");
    }

    private void event(String key, String text) {
        if (silent) {
            return;
        }
        if (!terminal) {
            err.println(text);
            return;
        }
        lines.put(key == null ? "#" + lines.size() : key, text);
        redraw(true);
    }

    private void redraw(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        StringBuilder sb = new StringBuilder();
        if (drawn > 0) {
            sb.append("\033[").append(drawn).append('A');
        }
        for (String line : lines.values()) {
            sb.append("\r\033[2K").append(line).append('\n');
        }
        drawn = lines.size();
        err.print(sb);
        err.flush();
    }

    @Override
    public synchronized void close() {
        if (terminal && !silent) {
            redraw(true);
        }
    }
}
