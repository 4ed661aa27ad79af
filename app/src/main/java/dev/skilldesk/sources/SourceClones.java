package dev.skilldesk.sources;

import dev.skilldesk.library.WriteRoot;
import dev.skilldesk.skill.Source;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.skilldesk.sources.SourceLocations.describe;

/**
 * The git side of sources, through JGit: a bare clone per git source under {@code <data>/sources/}, written by the data
 * directory's write rule, fetched on demand; the commit a ref names; a file at a commit.
 */
final class SourceClones {
    private final Path home;
    /** The data directory: clones are written under it, never through a link ({@link WriteRoot}). */
    private final WriteRoot dataRoot;

    SourceClones(Path dataDir) {
        this.home = dataDir.resolve("sources");
        this.dataRoot = WriteRoot.of(dataDir);
    }

    Path cloneDir(Source s) {
        return home.resolve(s.shortName() + ".git");
    }

    /** Clones the source afresh (a clone left from before is deleted first); nothing is kept when it fails. */
    void cloneInto(Source s) throws IOException {
        Path dir = dataRoot.check(cloneDir(s));
        dataRoot.createDirectories(home);
        dataRoot.delete(dir);
        try (Git ignored = Git.cloneRepository().setURI(s.location()).setDirectory(dir.toFile()).setBare(true)
                .setCloneAllBranches(true).call()) {
            // cloned
        } catch (GitAPIException | RuntimeException e) {
            drop(s);
            throw new IOException("cannot clone " + s.location() + ": " + describe(e), e);
        }
    }

    /** Clones the source unless its clone is there (the clone is named by the short name, which records share). */
    void ensureClone(Source s) throws IOException {
        if (!Files.isDirectory(cloneDir(s))) {
            cloneInto(s);
        }
    }

    /** Deletes a source's clone, by the write rule; one that cannot be deleted is left. */
    void drop(Source s) {
        try {
            dataRoot.delete(cloneDir(s));
        } catch (IOException e) {
            // left behind; the next clone into the same place deletes it first, or says why it cannot
        }
    }

    /** Fetches every branch and tag of the source's remote into its clone (cloned first when it is missing). */
    void fetch(Source s) throws IOException, GitAPIException {
        ensureClone(s);
        try (Git git = Git.open(cloneDir(s).toFile())) {
            git.fetch().setRemote("origin").setRemoveDeletedRefs(true)
                    .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"))
                    .call();
        }
    }

    Repository open(Source s) throws IOException {
        Path dir = cloneDir(s);
        if (!Files.isDirectory(dir)) {
            throw new SourceGoneException("the clone of " + s.shortName() + " is missing; fetch it");
        }
        return Git.open(dir.toFile()).getRepository();
    }

    /** The commit {@code rev} names (a tag, branch or commit), else the source's ref, else the default branch. */
    RevCommit resolveHead(Source s, String rev) throws IOException {
        try (Repository repo = open(s)) {
            String want = rev != null ? rev : s.ref() != null ? s.ref() : "HEAD";
            ObjectId id = null;
            for (String candidate : List.of(want, "refs/heads/" + want, "refs/tags/" + want)) {
                try {
                    id = repo.resolve(candidate + "^{commit}");
                } catch (RuntimeException | IOException notThisOne) {
                    id = null;
                }
                if (id != null) {
                    break;
                }
            }
            if (id == null) {
                throw new IOException("no tag, branch or commit '" + want + "' in " + s.shortName());
            }
            return GitTrees.commit(repo, id);
        }
    }

    /** A file of the source (under its sub-path) at commit {@code c}, or null when there is none. */
    byte[] readAt(Source s, RevCommit c, String path) throws IOException {
        try (Repository repo = open(s)) {
            String prefix = s.subpath() == null ? "" : s.subpath() + "/";
            return GitTrees.readFile(repo, c, prefix + path, 1024 * 1024);
        }
    }
}
