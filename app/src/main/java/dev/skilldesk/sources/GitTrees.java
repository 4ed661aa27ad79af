package dev.skilldesk.sources;

import dev.skilldesk.library.FileNames;
import dev.skilldesk.library.WriteRoot;
import dev.skilldesk.library.SkillFolderReader;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A commit's tree written out as plain files, for {@link SkillFolderReader} to read as it reads any folder: only
 * regular files are written, each checked before it is read (its size from the object database), every name
 * checked as a file name. What is not written is noted with its reason, against its path: a link (not followed
 * out of the clone or anywhere else), a submodule (not fetched), a Git LFS pointer (its content is not in the
 * repository), a file over {@link SkillFolderReader#MAX_FILE_BYTES}, a name no file system should take. A skill
 * folder with any such note is refused with it, never imported without the file.
 */
final class GitTrees {
    /** The most a materialization writes in all. */
    static final long MAX_TOTAL_BYTES = 512L * 1024 * 1024;
    private static final byte[] LFS = "version https://git-lfs.github.com/spec/v1".getBytes(StandardCharsets.US_ASCII);

    /** What was written, and what was not with why (by path relative to the tree's root). */
    record Written(Path root, Map<String, String> notWritten) {
        /** The first note for a path at or under {@code folder} ("" is the root), or null. */
        String problemUnder(String folder) {
            for (Map.Entry<String, String> e : notWritten.entrySet()) {
                if (folder.isEmpty() || e.getKey().equals(folder) || e.getKey().startsWith(folder + "/")) {
                    return e.getKey() + ": " + e.getValue();
                }
            }
            return null;
        }
    }

    private GitTrees() {
    }

    static RevCommit commit(Repository repo, ObjectId id) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.parseCommit(id);
        }
    }

    /** Whether {@code base} is {@code head} or one of its ancestors (false after history was rewritten). */
    static boolean isAncestor(Repository repo, ObjectId base, ObjectId head) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit b = walk.parseCommit(base);
            RevCommit h = walk.parseCommit(head);
            return walk.isMergedInto(b, h);
        }
    }

    /** Whether {@code path} ("" for the root) is a folder in the commit's tree. */
    static boolean isFolder(Repository repo, RevCommit commit, String path) throws IOException {
        if (path.isEmpty()) {
            return true;
        }
        try (TreeWalk tw = TreeWalk.forPath(repo, path, commit.getTree())) {
            return tw != null && tw.getFileMode(0) == FileMode.TREE;
        }
    }

    /** Whether the commit has a regular file at {@code path}. */
    static byte[] readFile(Repository repo, RevCommit commit, String path, long limit) throws IOException {
        try (TreeWalk tw = TreeWalk.forPath(repo, path, commit.getTree())) {
            if (tw == null || (tw.getFileMode(0) != FileMode.REGULAR_FILE && tw.getFileMode(0) != FileMode.EXECUTABLE_FILE)) {
                return null;
            }
            ObjectReader reader = repo.newObjectReader();
            long size = reader.getObjectSize(tw.getObjectId(0), Constants.OBJ_BLOB);
            if (size > limit) {
                throw new IOException(path + " has " + size + " bytes, more than the " + limit + " read");
            }
            return reader.open(tw.getObjectId(0), Constants.OBJ_BLOB).getBytes();
        }
    }

    /** Writes the files under {@code subpath} ("" for all) of {@code commit} into the empty folder {@code into}. */
    static Written materialize(Repository repo, RevCommit commit, String subpath, Path into) throws IOException {
        Map<String, String> notWritten = new LinkedHashMap<>();
        long total = 0;
        WriteRoot tree = WriteRoot.of(into);
        try (TreeWalk tw = new TreeWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            tw.addTree(commit.getTree());
            tw.setRecursive(true);
            if (!subpath.isEmpty()) {
                tw.setFilter(PathFilter.create(subpath));
            }
            while (tw.next()) {
                String path = tw.getPathString();
                String rel = subpath.isEmpty() ? path : path.equals(subpath) ? "" : path.substring(subpath.length() + 1);
                if (rel.isEmpty()) {
                    notWritten.put(rel, "is not a folder");
                    continue;
                }
                if (List.of(rel.split("/")).contains(".git")) {
                    continue; // a .git inside a skill folder is never part of the skill
                }
                FileMode mode = tw.getFileMode(0);
                if (mode == FileMode.SYMLINK) {
                    notWritten.put(rel, "is a link; links in a source are not followed");
                    continue;
                }
                if (mode == FileMode.GITLINK) {
                    notWritten.put(rel, "is a submodule; submodules are not fetched");
                    continue;
                }
                if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                    notWritten.put(rel, "is not a regular file");
                    continue;
                }
                String badName = FileNames.pathProblem(rel);
                if (badName != null) {
                    notWritten.put(rel, "has a name no file may have: " + badName);
                    continue;
                }
                Path target = tree.check(Path.of(rel));
                ObjectId id = tw.getObjectId(0);
                long size = reader.getObjectSize(id, Constants.OBJ_BLOB);
                if (size > SkillFolderReader.MAX_FILE_BYTES) {
                    notWritten.put(rel, "has " + size + " bytes, more than the " + SkillFolderReader.MAX_FILE_BYTES
                            + " a skill's file may have");
                    continue;
                }
                total += size;
                if (total > MAX_TOTAL_BYTES) {
                    throw new IOException("the source has more than " + MAX_TOTAL_BYTES + " bytes under '"
                            + (subpath.isEmpty() ? "/" : subpath) + "'; give a sub-path");
                }
                byte[] bytes = reader.open(id, Constants.OBJ_BLOB).getBytes();
                if (startsWith(bytes, LFS)) {
                    notWritten.put(rel, "is a Git LFS pointer; its content is not in the repository");
                    continue;
                }
                tree.writeNew(target, bytes);
            }
        }
        return new Written(into, notWritten);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The notes as a list, for reports. */
    static List<String> describe(Written w) {
        List<String> out = new ArrayList<>();
        w.notWritten().forEach((k, v) -> out.add(k + ": " + v));
        return out;
    }
}
