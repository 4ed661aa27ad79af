package dev.skilldesk.ui;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Records the JVM's garbage-collection pauses while open, so a long gap between FX pulses can be told
 * apart from work on the FX thread: a stop-the-world pause stops every thread, the FX thread too.
 */
final class GcPauses implements AutoCloseable {
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;
    private long count;
    private long totalMillis;
    private long maxMillis;
    private String longest = "";

    GcPauses() {
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    private synchronized void onNotification(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        // G1's concurrent cycle runs beside the application; only the pauses stop the FX thread
        if (info.getGcName().contains("Concurrent") && !info.getGcName().contains("Pause")) {
            return;
        }
        long ms = info.getGcInfo().getDuration();
        count++;
        totalMillis += ms;
        if (ms >= maxMillis) {
            maxMillis = ms;
            longest = info.getGcName() + " (" + info.getGcCause() + ")";
        }
    }

    synchronized String summary() {
        return String.format(java.util.Locale.ROOT, "%d GC pauses, %d ms in all, longest %d ms%s",
                count, totalMillis, maxMillis, longest.isEmpty() ? "" : " [" + longest + "]");
    }

    @Override
    public void close() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (Exception ignored) {
                // already removed
            }
        }
    }
}
