package dev.skilldesk.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skilldesk.library.Exporter;
import dev.skilldesk.library.FileNames;
import dev.skilldesk.library.SkillLibrary;
import dev.skilldesk.library.WriteRoot;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.skill.SkillQuery;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * Publishes a namespace as a Claude Code plugin marketplace in a git repository the author names: one plugin per
 * namespace ({@code plugins/<namespace>/.claude-plugin/plugin.json}, its skills under
 * {@code plugins/<namespace>/skills/<name>/}, the exact files of each active version) and
 * {@code .claude-plugin/marketplace.json} listing it beside the plugins already there, committed to the
 * remote's default branch and pushed. A team adds it with {@code /plugin marketplace add}, or imports it into
 * their own SkillDesk with {@code source add}.
 */
public final class Publisher {
    /** What a publish did: the commit (null when nothing changed), the branch, the skills written. */
    public record Published(String commit, String branch, List<String> skills, String remote) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A marketplace listing larger than this is not one SkillDesk reads and rewrites. */
    private static final long MAX_MARKETPLACE_BYTES = 4L << 20;
    private final SkillLibrary library;
    private final Exporter exporter;

    public Publisher(SkillLibrary library, Exporter exporter) {
        this.library = library;
        this.exporter = exporter;
    }

    public Published publish(Principal who, String namespace, String remote) throws IOException {
        if (FileNames.nameProblem(namespace) != null) {
            throw new IllegalArgumentException("'" + namespace + "' cannot name a plugin folder: " + FileNames.nameProblem(namespace));
        }
        List<Skill> skills = library.list(who, SkillQuery.all()).stream()
                .filter(s -> s.namespace().equals(namespace) && !s.deleted())
                .sorted(java.util.Comparator.comparing(Skill::name)).toList();
        if (skills.isEmpty()) {
            throw new IllegalArgumentException("namespace '" + namespace + "' has no skills you may read; nothing to publish");
        }
        // a plugin is published whole: a skill that needs fixes stops it, with every such skill's findings
        List<String> needFixes = new java.util.ArrayList<>();
        for (Skill s : skills) {
            try {
                library.requirePasses(s, 0);
            } catch (dev.skilldesk.library.SkillNeedsFixesException e) {
                needFixes.add(e.getMessage());
            }
        }
        if (!needFixes.isEmpty()) {
            throw new IllegalArgumentException("nothing published: " + String.join("; ", needFixes));
        }
        Path work = Files.createTempDirectory("skilldesk-publish-");
        try (Git git = cloneOrInit(remote, work)) {
            String branch = git.getRepository().getBranch();
            // the clone's tree is the remote's: a link in it ("plugins" -> /home/you) must not carry a write or a
            // delete out of the clone, so every path below goes through the clone's write rule
            WriteRoot clone = WriteRoot.of(work);
            Path plugin = work.resolve("plugins").resolve(namespace);
            Path marketplace = work.resolve(".claude-plugin").resolve("marketplace.json");
            clone.check(plugin);
            clone.check(marketplace);
            clone.delete(plugin); // the plugin is rewritten whole: skills left the namespace leave it too
            Path skillsDir = clone.createDirectories(plugin.resolve("skills"));
            for (Skill s : skills) {
                exporter.exportFolder(who, namespace, s.name(), 0, clone, skillsDir);
            }
            ObjectNode pluginJson = JSON.createObjectNode();
            pluginJson.put("name", namespace);
            pluginJson.put("description", "Skills of the " + namespace + " namespace, published from SkillDesk");
            pluginJson.put("version", "1.0.0");
            writeJson(clone, plugin.resolve(".claude-plugin").resolve("plugin.json"), pluginJson);
            boolean listed = Files.isRegularFile(clone.check(marketplace), LinkOption.NOFOLLOW_LINKS);
            if (listed && Files.size(marketplace) > MAX_MARKETPLACE_BYTES) {
                throw new IOException(marketplace + " is over " + MAX_MARKETPLACE_BYTES + " bytes; not read");
            }
            JsonNode existing = listed ? JSON.readTree(Files.readAllBytes(marketplace)) : null;
            ObjectNode m = existing != null && existing.isObject() ? (ObjectNode) existing : JSON.createObjectNode();
            if (!m.hasNonNull("name")) {
                m.put("name", marketplaceName(remote));
            }
            if (!m.has("owner")) {
                m.putObject("owner").put("name", who.agentId());
            }
            ArrayNode plugins = m.has("plugins") && m.get("plugins").isArray() ? (ArrayNode) m.get("plugins") : m.putArray("plugins");
            for (int i = plugins.size() - 1; i >= 0; i--) {
                JsonNode p = plugins.get(i);
                if (namespace.equals(p.path("name").asText(null))) {
                    plugins.remove(i);
                }
            }
            ObjectNode entry = plugins.addObject();
            entry.put("name", namespace);
            entry.put("source", "./plugins/" + namespace);
            entry.put("description", skills.size() + " skill" + (skills.size() == 1 ? "" : "s") + " from SkillDesk");
            writeJson(clone, marketplace, m);

            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            List<String> names = skills.stream().map(s -> namespace + "/" + s.name()).toList();
            if (git.status().call().isClean() && git.getRepository().resolve(Constants.HEAD) != null) {
                return new Published(null, branch, names, remote);
            }
            PersonIdent me = new PersonIdent(who.agentId(), who.agentId() + "@skilldesk.invalid");
            RevCommit c = git.commit().setMessage("Publish " + namespace + " from SkillDesk (" + skills.size() + " skill"
                    + (skills.size() == 1 ? "" : "s") + ")").setAuthor(me).setCommitter(me).call();
            Iterable<PushResult> results = git.push().setRemote("origin")
                    .setRefSpecs(new RefSpec("refs/heads/" + branch + ":refs/heads/" + branch)).call();
            for (PushResult r : results) {
                for (RemoteRefUpdate u : r.getRemoteUpdates()) {
                    if (u.getStatus() != RemoteRefUpdate.Status.OK && u.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                        throw new IOException("the push to " + remote + " was refused: " + u.getStatus()
                                + (u.getMessage() == null ? "" : " (" + u.getMessage() + ")"));
                    }
                }
            }
            return new Published(c.name(), branch, names, remote);
        } catch (WriteRoot.UnsafePathException e) {
            String inRepo = e.path().startsWith(work) ? work.relativize(e.path()).toString().replace('\\', '/') : e.path().toString();
            throw new IOException("cannot publish to " + remote + ": its '" + inRepo + "' " + e.getMessage()
                    .substring(e.getMessage().indexOf(": ") + 2).replace(" inside " + work, " in the repository"), e);
        } catch (GitAPIException e) {
            throw new IOException("cannot publish to " + remote + ": " + SourceLocations.describe(e), e);
        } finally {
            dev.skilldesk.library.FileTrees.deleteQuietly(work);
        }
    }

    /** The remote's default branch checked out, or a new repository on {@code main} when the remote is empty. */
    private static Git cloneOrInit(String remote, Path work) throws GitAPIException, IOException {
        Collection<Ref> refs;
        try {
            refs = Git.lsRemoteRepository().setRemote(remote).setHeads(true).call();
        } catch (GitAPIException e) {
            throw new IOException("cannot reach " + remote + ": " + SourceLocations.describe(e), e);
        }
        if (!refs.isEmpty()) {
            return Git.cloneRepository().setURI(remote).setDirectory(work.toFile()).call();
        }
        Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
        var config = git.getRepository().getConfig();
        config.setString("remote", "origin", "url", remote);
        config.setString("remote", "origin", "fetch", "+refs/heads/*:refs/remotes/origin/*");
        config.save();
        return git;
    }

    private static String marketplaceName(String remote) {
        String r = remote.replaceAll("/+$", "");
        String last = r.substring(Math.max(r.lastIndexOf('/'), r.lastIndexOf(':')) + 1).replaceFirst("(?i)\\.git$", "");
        return last.isBlank() ? "skilldesk-skills" : last;
    }

    private static void writeJson(WriteRoot root, Path p, JsonNode node) throws IOException {
        root.write(p, (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
