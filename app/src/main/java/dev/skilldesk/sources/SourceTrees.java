package dev.skilldesk.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.library.ContentHash;
import dev.skilldesk.library.FileNames;
import dev.skilldesk.library.PackageRefusedException;
import dev.skilldesk.library.SafeZip;
import dev.skilldesk.library.SkillDraft;
import dev.skilldesk.library.SkillFolderReader;
import dev.skilldesk.skill.Source;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.skilldesk.sources.SourceLocations.deleteTree;
import static dev.skilldesk.sources.SourceLocations.shortCommit;

/**
 * A source read as files: a folder as it is, a package unpacked by the import's rules, a git commit's tree written out
 * as plain files ({@link GitTrees}); each read by the same reader every import uses, so a source is as hostile an
 * input as any folder. A marketplace counts only the skills folders of the plugins it lists.
 */
final class SourceTrees {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SourceClones clones;

    SourceTrees(SourceClones clones) {
        this.clones = clones;
    }

    /** A source as files at one revision: its skill folders (paths relative to the source) and their drafts. */
    interface Tree extends AutoCloseable {
        List<String> skillPaths();

        /** Why the skill at {@code path} cannot be read as it is (a link, an LFS pointer …), or null. */
        String problem(String path);

        SkillDraft read(String path) throws IOException;

        /** The commit (or the package's hash, or null for a folder) these files are. */
        String commit();

        @Override
        void close();
    }

    /** The source as files at {@code at} (a git source; null: its head), or as it is now (a folder or package). */
    Tree tree(Source s, RevCommit at) throws IOException {
        switch (s.kind()) {
            case FOLDER -> {
                Path root = Path.of(s.location());
                if (s.subpath() != null) {
                    root = root.resolve(s.subpath());
                }
                if (!Files.isDirectory(root)) {
                    throw new SourceGoneException("the folder " + root + " is gone");
                }
                return folderTree(root, null, null, null);
            }
            case PACKAGE -> {
                Path pkg = Path.of(s.location());
                if (!Files.isRegularFile(pkg)) {
                    throw new SourceGoneException("the package " + pkg + " is gone");
                }
                Path temp = Files.createTempDirectory("skilldesk-source-");
                try {
                    Path into = temp.resolve("package");
                    Files.createDirectory(into);
                    SafeZip.extract(pkg, into);
                    Path root = s.subpath() == null ? into : into.resolve(s.subpath());
                    return folderTree(root, null, ContentHash.sha256(Files.readAllBytes(pkg)), temp);
                } catch (PackageRefusedException e) {
                    deleteTree(temp);
                    throw new IOException("the package is refused: " + e.getMessage(), e);
                } catch (IOException | RuntimeException e) {
                    deleteTree(temp);
                    throw e;
                }
            }
            default -> {
                RevCommit commit = at != null ? at : clones.resolveHead(s, null);
                Path temp = Files.createTempDirectory("skilldesk-source-");
                try (Repository repo = clones.open(s)) {
                    String sub = s.subpath() == null ? "" : s.subpath();
                    if (!GitTrees.isFolder(repo, commit, sub)) {
                        throw new SourceGoneException("'" + sub + "' is not a folder at " + shortCommit(commit.name()));
                    }
                    GitTrees.Written w = GitTrees.materialize(repo, commit, sub, temp.resolve("tree"));
                    Files.createDirectories(w.root());
                    List<String> only = s.kind() == Source.Kind.MARKETPLACE ? marketplaceSkillRoots(repo, commit, sub) : null;
                    return folderTree(w.root(), w, commit.name(), temp, only);
                } catch (IOException | RuntimeException e) {
                    deleteTree(temp);
                    throw e;
                }
            }
        }
    }

    private Tree folderTree(Path root, GitTrees.Written written, String commit, Path cleanup) throws IOException {
        return folderTree(root, written, commit, cleanup, null);
    }

    /** {@code only}: the folders (relative) whose skills count (a marketplace's plugins' skills folders). */
    private Tree folderTree(Path root, GitTrees.Written written, String commit, Path cleanup, List<String> only)
            throws IOException {
        SkillFolderReader.Scan scan = SkillFolderReader.scan(root);
        List<String> paths = new ArrayList<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (Path f : scan.folders()) {
            paths.add(rel(root, f));
        }
        for (SkillFolderReader.Skipped r : scan.refused()) {
            String p = rel(root, r.path().getFileName().toString().equals("SKILL.md") ? r.path().getParent() : r.path());
            paths.add(p);
            refused.put(p, r.reason());
        }
        if (written != null) {
            // a skill whose SKILL.md itself was not written (a link, an LFS pointer) is still a skill of the source
            for (String p : written.notWritten().keySet()) {
                if (p.equals("SKILL.md") || p.endsWith("/SKILL.md")) {
                    String folder = p.equals("SKILL.md") ? "" : p.substring(0, p.length() - "/SKILL.md".length());
                    if (!paths.contains(folder)) {
                        paths.add(folder);
                    }
                }
            }
        }
        if (only != null) {
            paths.removeIf(p -> only.stream().noneMatch(o -> p.startsWith(o + "/")));
        }
        paths = paths.stream().distinct().sorted().toList();
        List<String> finalPaths = paths;
        return new Tree() {
            @Override
            public List<String> skillPaths() {
                return finalPaths;
            }

            @Override
            public String problem(String path) {
                if (refused.containsKey(path)) {
                    return refused.get(path);
                }
                return written == null ? null : written.problemUnder(path);
            }

            @Override
            public SkillDraft read(String path) throws IOException {
                String p = problem(path);
                if (p != null) {
                    throw new IOException(p);
                }
                Path folder = path.isEmpty() ? root : root.resolve(path);
                return SkillFolderReader.read(folder);
            }

            @Override
            public String commit() {
                return commit;
            }

            @Override
            public void close() {
                if (cleanup != null) {
                    deleteTree(cleanup);
                }
            }
        };
    }

    /** The plugins' {@code skills} folders a marketplace lists (relative to the sub-path); remote plugins are not followed. */
    private List<String> marketplaceSkillRoots(Repository repo, RevCommit commit, String sub) throws IOException {
        String prefix = sub.isEmpty() ? "" : sub + "/";
        byte[] json = GitTrees.readFile(repo, commit, prefix + ".claude-plugin/marketplace.json", 1024 * 1024);
        List<String> out = new ArrayList<>();
        if (json == null) {
            return out;
        }
        JsonNode plugins = JSON.readTree(json).path("plugins");
        for (JsonNode p : plugins) {
            JsonNode src = p.get("source");
            if (src == null || !src.isTextual()) {
                continue; // a plugin from elsewhere (github, url): not part of this repository
            }
            String path = src.asText().replaceFirst("^\\./", "").replaceAll("/+$", "");
            if (FileNames.pathProblem(path.isEmpty() ? "." : path) != null && !path.isEmpty()) {
                continue;
            }
            out.add(path.isEmpty() ? "skills" : path + "/skills");
        }
        return out;
    }

    private static String rel(Path root, Path p) {
        String r = root.toAbsolutePath().normalize().relativize(p.toAbsolutePath().normalize()).toString();
        return r.replace('\\', '/');
    }

    /**
     * The trees read during one call, by source and commit: the states of a source's hundred skills read the
     * source once, not a hundred times. Closing it deletes what they wrote.
     */
    final class Cache implements AutoCloseable {
        private final Map<String, Tree> open = new LinkedHashMap<>();

        Tree of(Source s, RevCommit at) throws IOException {
            String key = s.id() + "@" + (at == null ? "" : at.name());
            Tree t = open.get(key);
            if (t == null) {
                t = tree(s, at);
                open.put(key, t);
            }
            return t;
        }

        @Override
        public void close() {
            open.values().forEach(Tree::close);
            open.clear();
        }
    }
}
