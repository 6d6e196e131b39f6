package io.svcctl.manager.systemd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Matches JobRemoved signals to the jobs this client queued, whichever of the two arrives first.
 *
 * <p>A job's object path is only known once StartUnit (or Stop/Restart) returns, but the bus library
 * delivers signals on its own thread, so a fast job's JobRemoved can be handled before the caller has
 * seen the reply. go-systemd holds a lock across the call and lets the signal handler wait on it; here
 * the handler must never wait, so instead removals that nobody claims yet are parked while any call is
 * in flight and claimed when the reply's path is registered. Parked removals are dropped as soon as no
 * call is in flight: they belong to other clients' jobs.
 *
 * <p>No bus types appear here, so both orders are tested without D-Bus.
 */
final class JobWaiter {

    /** One JobRemoved signal, as received. */
    record Removal(String jobPath, String unit, String result) {
    }

    /** A job that was queued and whose removal is awaited. */
    record Pending(String jobPath, CompletableFuture<Removal> removal) {
    }

    /** Issues the method call that queues a job and returns the job's object path. */
    @FunctionalInterface
    interface JobCall {
        String issue();
    }

    private final Object lock = new Object();
    private final Map<String, List<CompletableFuture<Removal>>> awaited = new HashMap<>();
    private final Map<String, Removal> parked = new HashMap<>();
    private int callsInFlight;
    private RuntimeException closedBy;

    /**
     * Issues {@code call} and registers its job. Exceptions from the call propagate unchanged after
     * the bookkeeping is undone.
     */
    Pending track(JobCall call) {
        synchronized (lock) {
            throwIfClosed();
            callsInFlight++;
        }
        String jobPath;
        try {
            jobPath = call.issue();
        } catch (RuntimeException | Error e) {
            synchronized (lock) {
                callFinished();
            }
            throw e;
        }
        CompletableFuture<Removal> removal = new CompletableFuture<>();
        Removal early;
        synchronized (lock) {
            early = parked.remove(jobPath);
            if (early == null) {
                if (closedBy != null) {
                    removal.completeExceptionally(closedBy);
                } else {
                    awaited.computeIfAbsent(jobPath, p -> new ArrayList<>(1)).add(removal);
                }
            }
            callFinished();
        }
        if (early != null) {
            removal.complete(early);
        }
        return new Pending(jobPath, removal);
    }

    /**
     * Feeds one JobRemoved signal. Runs on the bus library's signal thread: it only takes the short
     * bookkeeping lock, completes futures outside it, and never throws.
     */
    void jobRemoved(String jobPath, String unit, String result) {
        Removal removal = new Removal(jobPath, unit, result);
        List<CompletableFuture<Removal>> waiting;
        synchronized (lock) {
            waiting = awaited.remove(jobPath);
            if (waiting == null && callsInFlight > 0) {
                parked.put(jobPath, removal);
            }
        }
        if (waiting != null) {
            waiting.forEach(f -> f.complete(removal));
        }
    }

    /**
     * Waits for the job's removal; on timeout the registration is withdrawn so a late signal finds
     * nothing to complete.
     */
    Removal await(Pending pending, Duration timeout) throws TimeoutException, InterruptedException {
        try {
            return pending.removal().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            forget(pending);
            throw e;
        } catch (InterruptedException e) {
            forget(pending);
            throw e;
        } catch (ExecutionException e) {
            // only close() completes a removal exceptionally, always with a RuntimeException
            throw (RuntimeException) e.getCause();
        }
    }

    /** Fails every wait, now and later, with {@code reason}: the connection is gone. */
    void close(RuntimeException reason) {
        List<CompletableFuture<Removal>> waiting = new ArrayList<>();
        synchronized (lock) {
            if (closedBy != null) {
                return;
            }
            closedBy = reason;
            awaited.values().forEach(waiting::addAll);
            awaited.clear();
            parked.clear();
        }
        waiting.forEach(f -> f.completeExceptionally(reason));
    }

    /** How many removals are registered or parked: lets tests see that nothing leaks. */
    int bookkeepingSize() {
        synchronized (lock) {
            return awaited.values().stream().mapToInt(List::size).sum() + parked.size();
        }
    }

    private void forget(Pending pending) {
        synchronized (lock) {
            List<CompletableFuture<Removal>> waiting = awaited.get(pending.jobPath());
            if (waiting != null) {
                waiting.remove(pending.removal());
                if (waiting.isEmpty()) {
                    awaited.remove(pending.jobPath());
                }
            }
        }
    }

    private void callFinished() {
        callsInFlight--;
        if (callsInFlight == 0) {
            parked.clear();
        }
    }

    private void throwIfClosed() {
        if (closedBy != null) {
            throw closedBy;
        }
    }
}
