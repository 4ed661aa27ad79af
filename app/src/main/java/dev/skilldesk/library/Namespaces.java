package dev.skilldesk.library;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The namespace rule: what a namespace may be called. A namespace is a path segment in places beyond the
 * library (an export's folder, a {@code skill://} URI, a marketplace's plugin name), so it follows the
 * skill-name rule of the Agent Skills spec: 1 to 64 lowercase letters, digits and hyphens, no hyphen at
 * either end and no two in a row.
 */
public final class Namespaces {
    public static final int MAX_LENGTH = 64;
    /** The rule's id in messages. */
    public static final String RULE = "namespace.format";
    /** A namespace Windows reserves as a device name. */
    public static final String RULE_RESERVED = "namespace.reserved";

    private Namespaces() {
    }

    /** Why {@code ns} is not a namespace, or null when it is one. */
    public static String problem(String ns) {
        if (ns == null || ns.isEmpty()) {
            return "a namespace needs a name (rule: " + RULE + ")";
        }
        if (ns.length() > MAX_LENGTH) {
            return "namespace '" + FileNames.printable(ns.substring(0, 40)) + "…' is longer than " + MAX_LENGTH
                    + " characters (rule: " + RULE + ")";
        }
        if (!ns.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            return "namespace '" + FileNames.printable(ns) + "' may hold only lowercase letters, digits and single"
                    + " hyphens between them (rule: " + RULE + ")";
        }
        String windows = dev.skilldesk.skill.WindowsNames.problem(ns);
        if (windows != null) {
            return "namespace " + windows + "; it names a folder on export and publish (rule: " + RULE_RESERVED + ")";
        }
        return null;
    }

    /**
     * A namespace made from a folder's name, for the import's "top folder as namespace": lowercase, accents
     * dropped, every run of other characters one hyphen ("Scientific Skills" → "scientific-skills"); null
     * when nothing of the name is left.
     */
    public static String fromFolderName(String folder) {
        if (folder == null) {
            return null;
        }
        String s = Normalizer.normalize(folder, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > MAX_LENGTH) {
            s = s.substring(0, MAX_LENGTH).replaceAll("-+$", "");
        }
        if (!s.isEmpty() && dev.skilldesk.skill.WindowsNames.problem(s) != null) {
            s = s + "-skills"; // a folder named "con" or "aux" still gives a namespace, one Windows can hold
        }
        return s.isEmpty() ? null : s;
    }
}
