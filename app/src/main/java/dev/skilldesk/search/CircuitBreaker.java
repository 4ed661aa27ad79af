package dev.skilldesk.search;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Guards a remote backend (Ollama, Chroma). After {@code failureThreshold} consecutive failures (a slow
 * call counts as one) it opens: calls fail at once with {@link OpenException} for {@code openFor}; then
 * one trial call is let through (half-open) and its outcome closes or re-opens the breaker.
 */
public final class CircuitBreaker {
    /** The breaker's state, visible to the UI and the CLI. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    /** Thrown instead of calling a backend that is known to be down. */
    public static final class OpenException extends RuntimeException {
        private final long retryAtMillis;

        OpenException(String name, long retryAtMillis, String lastError) {
            super(name + " is unavailable (circuit open" + (lastError == null ? "" : ": " + lastError)
                    + "); retrying after " + java.time.Instant.ofEpochMilli(retryAtMillis));
            this.retryAtMillis = retryAtMillis;
        }

        public long retryAtMillis() {
            return retryAtMillis;
        }
    }

    private final String name;
    private final int failureThreshold;
    private final Duration openFor;
    private final Duration slowCall;
    private final Clock clock;
    private final CopyOnWriteArrayList<Consumer<State>> listeners = new CopyOnWriteArrayList<>();

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAt;
    private String lastError;
    private boolean trialInFlight;

    public CircuitBreaker(String name, int failureThreshold, Duration openFor, Duration slowCall, Clock clock) {
        this.name = name;
        this.failureThreshold = failureThreshold;
        this.openFor = openFor;
        this.slowCall = slowCall;
        this.clock = clock;
    }

    public static CircuitBreaker standard(String name) {
        return new CircuitBreaker(name, 3, Duration.ofSeconds(10), Duration.ofSeconds(30), Clock.systemUTC());
    }

    public <T> T call(Supplier<T> work) {
        beforeCall();
        long start = clock.millis();
        try {
            T result = work.get();
            if (clock.millis() - start > slowCall.toMillis()) {
                onFailure("slow: " + (clock.millis() - start) + " ms");
            } else {
                onSuccess();
            }
            return result;
        } catch (RuntimeException e) {
            onFailure(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            throw e;
        }
    }

    private void beforeCall() {
        State changed = null;
        synchronized (this) {
            if (state == State.OPEN) {
                long retryAt = openedAt + openFor.toMillis();
                if (clock.millis() < retryAt) {
                    throw new OpenException(name, retryAt, lastError);
                }
                state = State.HALF_OPEN;
                changed = state;
            }
            if (state == State.HALF_OPEN) {
                if (trialInFlight) {
                    throw new OpenException(name, clock.millis() + 1000, lastError);
                }
                trialInFlight = true;
            }
        }
        fire(changed);
    }

    private void onSuccess() {
        State changed = null;
        synchronized (this) {
            consecutiveFailures = 0;
            trialInFlight = false;
            if (state != State.CLOSED) {
                state = State.CLOSED;
                lastError = null;
                changed = state;
            }
        }
        fire(changed);
    }

    private void onFailure(String error) {
        State changed = null;
        synchronized (this) {
            lastError = error;
            trialInFlight = false;
            consecutiveFailures++;
            if (state == State.HALF_OPEN || consecutiveFailures >= failureThreshold) {
                if (state != State.OPEN) {
                    changed = State.OPEN;
                }
                state = State.OPEN;
                openedAt = clock.millis();
            }
        }
        fire(changed);
    }

    private void fire(State s) {
        if (s != null) {
            listeners.forEach(l -> l.accept(s));
        }
    }

    public synchronized State state() {
        if (state == State.OPEN && clock.millis() >= openedAt + openFor.toMillis()) {
            return State.HALF_OPEN; // the next call will be a trial
        }
        return state;
    }

    public synchronized String lastError() {
        return lastError;
    }

    /** When a call may next be tried (now, unless open). */
    public synchronized long retryAtMillis() {
        return state == State.OPEN ? openedAt + openFor.toMillis() : clock.millis();
    }

    public String name() {
        return name;
    }

    public void onStateChange(Consumer<State> listener) {
        listeners.add(listener);
    }
}
