package dev.skilldesk.library;

import dev.skilldesk.skill.AccessLevel;

import java.util.List;

/**
 * How an import lands.
 *
 * @param namespace where skills go (with {@link TreeMapping#NAMESPACE}: those at the tree's top level)
 * @param access    access level of new skills
 * @param persona   persona of every skill, or null: from each file, else "general"
 * @param tags      tags added to every skill's frontmatter (beside its own)
 * @param mapping   what a tree's top folders become
 * @param note      the note of each version the import adds (null: none)
 * @param acceptRisk let in skills the trust check finds a high-severity finding in (else they are refused, with it)
 */
public record ImportOptions(String namespace, AccessLevel access, String persona,
                            List<String> tags, TreeMapping mapping, String note, boolean acceptRisk) {
    /** What the top folders of an imported tree become: nothing, each one a namespace, or each one a persona. */
    public enum TreeMapping {
        NONE, NAMESPACE, PERSONA;

        public static TreeMapping parse(String s) {
            for (TreeMapping m : values()) {
                if (m.name().equalsIgnoreCase(s.strip())) {
                    return m;
                }
            }
            throw new IllegalArgumentException("'" + s + "' is not a mapping (namespace, persona or none)");
        }
    }

    public ImportOptions {
        tags = tags == null ? List.of() : tags.stream().map(String::strip).filter(t -> !t.isEmpty()).distinct().toList();
        mapping = mapping == null ? TreeMapping.NONE : mapping;
        note = note == null || note.isBlank() ? null : note.strip();
    }

    public ImportOptions(String namespace, AccessLevel access, String persona) {
        this(namespace, access, persona, List.of(), TreeMapping.NONE, null, false);
    }

    public ImportOptions(String namespace, AccessLevel access, String persona,
                         List<String> tags, TreeMapping mapping, String note) {
        this(namespace, access, persona, tags, mapping, note, false);
    }

    public ImportOptions withAcceptRisk(boolean accept) {
        return new ImportOptions(namespace, access, persona, tags, mapping, note, accept);
    }

    public static ImportOptions defaults() {
        return new ImportOptions(LocalIdentity.DEFAULT_NAMESPACE, AccessLevel.PRIVATE, null);
    }

    /** The same options, new skills getting {@code level} (the library's default access, say). */
    public ImportOptions withAccess(AccessLevel level) {
        return new ImportOptions(namespace, level, persona, tags, mapping, note, acceptRisk);
    }

    public ImportOptions withMapping(TreeMapping m) {
        return new ImportOptions(namespace, access, persona, tags, m, note, acceptRisk);
    }

    public ImportOptions withTags(List<String> t) {
        return new ImportOptions(namespace, access, persona, t, mapping, note, acceptRisk);
    }

    public ImportOptions withNote(String n) {
        return new ImportOptions(namespace, access, persona, tags, mapping, n, acceptRisk);
    }

    /**
     * Where a skill found under {@code topFolder} of the tree lands (top folder null: the skill is at the top
     * itself, or the import is not of a tree): its namespace and persona override, per the mapping.
     */
    SaveOptions saveOptions(String topFolder) {
        String ns = namespace;
        String p = persona;
        String mapped = Namespaces.fromFolderName(topFolder);
        if (mapped != null && mapping == TreeMapping.NAMESPACE) {
            ns = mapped;
        } else if (mapped != null && mapping == TreeMapping.PERSONA) {
            p = mapped;
        }
        return new SaveOptions(ns, access, p, note);
    }
}
