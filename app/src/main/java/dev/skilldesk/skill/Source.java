package dev.skilldesk.skill;

import java.time.Instant;

/**
 * A place skills are imported from: a local folder, a {@code .skill}/zip package, a git repository (URL, ref,
 * sub-path) or a Claude Code plugin marketplace (a git repository with {@code .claude-plugin/marketplace.json}).
 * {@code shortName} names it in the CLI; {@code head} is the commit (or package hash) the last fetch found, and
 * {@code fetchError} what went wrong with it, if anything.
 */
public record Source(long id, String shortName, Kind kind, String location, String ref, String subpath,
                     String namespace, String addedBy, Instant addedAt, Instant fetchedAt, String fetchError,
                     String head) {
    public enum Kind {
        FOLDER, PACKAGE, GIT, MARKETPLACE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Kind parse(String s) {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT));
        }

        public boolean isGit() {
            return this == GIT || this == MARKETPLACE;
        }
    }
}
