package dev.skilldesk.mcp;

import dev.skilldesk.library.LibraryChanges;
import dev.skilldesk.library.SkillLibrary;
import dev.skilldesk.skill.LibraryChange;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.skill.SkillQuery;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends {@code notifications/resources/list_changed} to each connected client whose view of the library changed,
 * from the library's change feed, so writes of other processes (the CLI, the desktop app) count too. What a
 * client sees is the listing its principal may read: a change to a skill it may not read changes nothing it
 * sees, so it is not told (an agent learns nothing of skills hidden from it, not even that they changed). The
 * Skills Extension defines no notification of its own; its listing is the resources'
 * listing, and this is the notification for both.
 */
public final class ListChangeNotifier implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ListChangeNotifier.class.getName());

    /** A connected client; close it when the client goes. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** How to reach one connected client. */
    interface Client {
        /** Sends {@code notifications/resources/list_changed}. */
        void listChanged();

        /** Its subscriptions (uri → digest when last seen), live; the notifier updates the digests. */
        default Map<String, String> subscribed() {
            return Map.of();
        }

        /** The digest of {@code uri} as this client reads it now, or null when it is gone or hidden. */
        default String digest(String uri) {
            return null;
        }

        /** Sends {@code notifications/resources/updated} for {@code uri}. */
        default void updated(String uri) {
        }
    }

    private record Entry(Principal who, Client client) {
    }

    private final Function<Principal, Long> fingerprint;
    private final Map<String, Entry> clients = new ConcurrentHashMap<>();
    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    private final LibraryChanges.Subscription subscription;

    /** Listens through {@code subscribe} (the core's change feed) for writes to {@code library}. */
    public ListChangeNotifier(SkillLibrary library,
                              Function<LibraryChanges.Listener, LibraryChanges.Subscription> subscribe) {
        this(who -> fingerprint(library, who), subscribe);
    }

    /** Over an open core's library and change feed. */
    public static ListChangeNotifier of(dev.skilldesk.SkillDeskCore core) {
        return new ListChangeNotifier(core.library(), core::subscribe);
    }

    ListChangeNotifier(Function<Principal, Long> fingerprint,
                       Function<LibraryChanges.Listener, LibraryChanges.Subscription> subscribe) {
        this.fingerprint = fingerprint;
        this.subscription = subscribe == null ? null : subscribe.apply(this::changed);
    }

    /** Tells the client on {@code connection}, reading as {@code who}, of changes through {@code client}. */
    Registration register(String connection, Principal who, Client client) {
        seen.put(connection, fingerprint.apply(who));
        clients.put(connection, new Entry(who, client));
        return () -> {
            clients.remove(connection);
            seen.remove(connection);
        };
    }

    /** How many clients are registered (for tests and the status line). */
    public int clients() {
        return clients.size();
    }

    void changed(List<LibraryChange> changes, boolean rebuild) {
        if (!rebuild && changes.stream().noneMatch(LibraryChange::changesSkill)) {
            return;
        }
        Map<Principal, Long> now = new ConcurrentHashMap<>();
        clients.forEach((connection, c) -> {
            long f = now.computeIfAbsent(c.who(), fingerprint);
            Long before = seen.put(connection, f);
            try {
                if (before == null || before != f) {
                    c.client().listChanged();
                }
                for (Map.Entry<String, String> sub : c.client().subscribed().entrySet()) {
                    String d = c.client().digest(sub.getKey());
                    String was = sub.getValue();
                    if (!java.util.Objects.equals(d == null ? "" : d, was)) {
                        sub.setValue(d == null ? "" : d);
                        c.client().updated(sub.getKey());
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "could not tell " + connection + " of a change", e);
            }
        });
    }

    /** A digest of what {@code who} sees: each readable skill's identity, active version and last change. */
    static long fingerprint(SkillLibrary library, Principal who) {
        long h = 1125899906842597L;
        for (Skill s : library.list(who, SkillQuery.all().passingOnly())) {
            if (s.deleted()) {
                continue;
            }
            h = 31 * h + s.id();
            h = 31 * h + s.namespace().hashCode();
            h = 31 * h + s.name().hashCode();
            h = 31 * h + s.activeVersion();
            h = 31 * h + (s.updatedAt() == null ? 0 : s.updatedAt().hashCode());
        }
        return h;
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
        clients.clear();
    }
}
