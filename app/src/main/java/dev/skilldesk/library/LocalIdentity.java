package dev.skilldesk.library;

import dev.skilldesk.skill.Principal;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the local library lives and who the local author is. Data directory: {@code --data-dir}, else
 * {@code SKILLDESK_DATA_DIR}, else {@code $HOME/.skilldesk}. Author: {@code SKILLDESK_AUTHOR}, else the OS
 * user name; namespace {@code SKILLDESK_NAMESPACE}, else "default".
 */
public final class LocalIdentity {
    public static final String DEFAULT_NAMESPACE = "default";

    private LocalIdentity() {
    }

    public static Path dataDir(String flag, Map<String, String> env) {
        if (flag != null && !flag.isBlank()) {
            return Path.of(flag).toAbsolutePath();
        }
        String fromEnv = env.get("SKILLDESK_DATA_DIR");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath();
        }
        return home(env).resolve(".skilldesk");
    }

    /**
     * The user's home folder: {@code $HOME} when it is set to an absolute path (as every shell and test
     * harness sets it), else the account's home. Java's {@code user.home} comes from the account alone, so
     * it is never read directly for the user's files.
     */
    public static Path home(Map<String, String> env) {
        String h = env.get("HOME");
        if (h != null && !h.isBlank()) {
            Path p = Path.of(h);
            if (p.isAbsolute()) {
                return p.normalize();
            }
        }
        return Path.of(System.getProperty("user.home"));
    }

    /**
     * Makes {@code user.home} follow {@code $HOME} for this process, so that libraries that read it (and
     * anything else the JDK derives from it) see the same home as SkillDesk. Called once by each entry point.
     */
    public static void adoptHome(Map<String, String> env) {
        System.setProperty("user.home", home(env).toString());
    }

    public static String authorId(Map<String, String> env) {
        String a = env.get("SKILLDESK_AUTHOR");
        if (a != null && !a.isBlank()) {
            return a.strip();
        }
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "local" : user;
    }

    /** The principal: explicit agent/namespace when given, else the local author in the default namespace. */
    public static Principal principal(String agent, String namespace, Map<String, String> env) {
        String ns = namespace;
        if (ns == null || ns.isBlank()) {
            ns = env.getOrDefault("SKILLDESK_NAMESPACE", DEFAULT_NAMESPACE);
        }
        String id = agent;
        if (id == null || id.isBlank()) {
            id = env.get("SKILLDESK_AGENT_ID");
        }
        if (id == null || id.isBlank()) {
            id = authorId(env);
        }
        return new Principal(id, ns.isBlank() ? DEFAULT_NAMESPACE : ns);
    }
}
