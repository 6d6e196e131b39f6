package io.svcctl.manager.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

class JobWaiterTest {

    private static final String JOB = "/org/freedesktop/systemd1/job/42";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final JobWaiter waiter = new JobWaiter();

    @Test
    void signalAfterReplyCompletesTheWait() throws Exception {
        JobWaiter.Pending pending = waiter.track(() -> JOB);
        assertThat(pending.removal()).isNotDone();

        waiter.jobRemoved(JOB, "svcctl-web.service", "done");

        assertThat(waiter.await(pending, WAIT))
                .isEqualTo(new JobWaiter.Removal(JOB, "svcctl-web.service", "done"));
        assertThat(waiter.bookkeepingSize()).isZero();
    }

    @Test
    void signalBeforeReplyIsKeptForTheCallInFlight() throws Exception {
        JobWaiter.Pending pending = waiter.track(() -> {
            // the bus delivered JobRemoved before the caller saw StartUnit's reply
            waiter.jobRemoved(JOB, "svcctl-web.service", "failed");
            return JOB;
        });

        assertThat(pending.removal()).isCompleted();
        assertThat(waiter.await(pending, WAIT).result()).isEqualTo("failed");
        assertThat(waiter.bookkeepingSize()).isZero();
    }

    @Test
    void signalFromAnotherThreadBeforeReplyIsNotLost() throws Exception {
        JobWaiter.Pending pending = waiter.track(() -> {
            Thread signalThread = new Thread(() -> waiter.jobRemoved(JOB, "svcctl-web.service", "done"));
            signalThread.start();
            try {
                signalThread.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return JOB;
        });

        assertThat(waiter.await(pending, WAIT).result()).isEqualTo("done");
    }

    @Test
    void otherJobsRemovedDuringACallAreDroppedWhenNoCallIsInFlight() {
        JobWaiter.Pending pending = waiter.track(() -> {
            waiter.jobRemoved("/org/freedesktop/systemd1/job/7", "other.service", "done");
            return JOB;
        });

        assertThat(pending.removal()).isNotDone();
        assertThat(waiter.bookkeepingSize()).isEqualTo(1); // only the registration of JOB
    }

    @Test
    void signalsNobodyWaitsForAreIgnored() {
        waiter.jobRemoved(JOB, "other.service", "done");

        assertThat(waiter.bookkeepingSize()).isZero();
        JobWaiter.Pending pending = waiter.track(() -> JOB);
        assertThat(pending.removal()).isNotDone();
    }

    @Test
    void timeoutWithdrawsTheRegistration() {
        JobWaiter.Pending pending = waiter.track(() -> JOB);

        assertThatThrownBy(() -> waiter.await(pending, Duration.ZERO)).isInstanceOf(TimeoutException.class);
        assertThat(waiter.bookkeepingSize()).isZero();

        waiter.jobRemoved(JOB, "svcctl-web.service", "done"); // late: nothing to complete, nothing kept
        assertThat(waiter.bookkeepingSize()).isZero();
    }

    @Test
    void failedCallPropagatesAndLeavesNoCallInFlight() {
        SystemdException failure = new SystemdException("starting x.service", "NoSuchUnit");

        assertThatThrownBy(() -> waiter.track(() -> {
            throw failure;
        })).isSameAs(failure);

        waiter.jobRemoved(JOB, "other.service", "done");
        assertThat(waiter.bookkeepingSize()).isZero();
    }

    @Test
    void twoCallersOfTheSameJobBothSeeItsEnd() throws Exception {
        // systemd returns the already queued job when asked to start a unit twice
        JobWaiter.Pending first = waiter.track(() -> JOB);
        JobWaiter.Pending second = waiter.track(() -> JOB);

        waiter.jobRemoved(JOB, "svcctl-web.service", "done");

        assertThat(waiter.await(first, WAIT).result()).isEqualTo("done");
        assertThat(waiter.await(second, WAIT).result()).isEqualTo("done");
    }

    @Test
    void timeoutOfOneCallerKeepsTheOtherWaiting() throws Exception {
        JobWaiter.Pending first = waiter.track(() -> JOB);
        JobWaiter.Pending second = waiter.track(() -> JOB);

        assertThatThrownBy(() -> waiter.await(first, Duration.ZERO)).isInstanceOf(TimeoutException.class);
        waiter.jobRemoved(JOB, "svcctl-web.service", "done");

        assertThat(waiter.await(second, WAIT).result()).isEqualTo("done");
    }

    @Test
    void closeFailsCurrentAndLaterWaits() {
        JobWaiter.Pending pending = waiter.track(() -> JOB);
        SystemdException closed = new SystemdException("waiting for a systemd job", "the client was closed");

        waiter.close(closed);

        assertThatThrownBy(() -> waiter.await(pending, WAIT)).isSameAs(closed);
        assertThatThrownBy(() -> waiter.track(() -> JOB)).isSameAs(closed);
        assertThat(waiter.bookkeepingSize()).isZero();
    }

    @Test
    void closeDuringACallFailsThatCallsWait() {
        SystemdException closed = new SystemdException("waiting for a systemd job", "the D-Bus connection broke");

        JobWaiter.Pending pending = waiter.track(() -> {
            waiter.close(closed);
            return JOB;
        });

        assertThatThrownBy(() -> waiter.await(pending, WAIT)).isSameAs(closed);
    }
}
