package dev.skilldesk.library;

import dev.skilldesk.skill.ActiveSkill;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.skill.SkillInstall;
import dev.skilldesk.store.ProfileStore;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Profiles: a named set of skills ("python-backend") applied to a project for chosen agents in one action.
 * Applying again makes the project match the profile: skills added to the profile are installed, those whose
 * library version moved are updated, and those taken out of it are removed, only where SkillDesk wrote the copy
 * and it was not edited on disk since (such a copy is kept, and said). Agents that share a folder share one copy.
 */
public final class Profiles {
    /** A profile and its skills, as {@code namespace/name}. */
    public record Profile(String name, List<String> skills) {
    }

    /** What applying did in one folder for one skill. */
    public record Step(Path folder, String agents, String skill, String outcome) {
    }

    private final SkillLibrary library;
    private final ProfileStore store;
    private final Installs installs;
    private final Clock clock;

    public Profiles(SkillLibrary library, ProfileStore store, Installs installs, Clock clock) {
        this.library = library;
        this.store = store;
        this.installs = installs;
        this.clock = clock;
    }

    public Profile create(Principal who, String name) {
        String problem = FileNames.nameProblem(name);
        if (problem != null || name.isBlank()) {
            throw new IllegalArgumentException("'" + name + "' is not a profile name: " + (problem == null ? "empty" : problem));
        }
        if (store.byName(name).isPresent()) {
            throw new IllegalArgumentException("a profile '" + name + "' exists already");
        }
        store.create(name, who.agentId(), clock.instant());
        return profile(who, name);
    }

    public Profile add(Principal who, String name, List<String> refs) {
        ProfileStore.Profile p = existing(name);
        for (String r : refs) {
            store.add(p.id(), library.resolve(who, r).skill().id());
        }
        return profile(who, name);
    }

    public Profile remove(Principal who, String name, List<String> refs) {
        ProfileStore.Profile p = existing(name);
        for (String r : refs) {
            store.remove(p.id(), library.resolve(who, r).skill().id());
        }
        return profile(who, name);
    }

    public void delete(String name) {
        store.delete(existing(name).id());
    }

    public List<Profile> list(Principal who) {
        return store.all().stream().map(p -> profile(who, p.name())).toList();
    }

    public Profile profile(Principal who, String name) {
        ProfileStore.Profile p = existing(name);
        List<String> skills = new ArrayList<>();
        for (long id : p.skillIds()) {
            library.byId(id).filter(s -> !s.deleted() && library.get(who, s.namespace(), s.name()).isPresent())
                    .ifPresent(s -> skills.add(s.ref().toString()));
        }
        return new Profile(p.name(), skills);
    }

    private ProfileStore.Profile existing(String name) {
        return store.byName(name).orElseThrow(() -> new IllegalArgumentException("no profile '" + name + "'; the profiles"
                + " are " + String.join(", ", store.all().stream().map(ProfileStore.Profile::name).toList())));
    }

    /**
     * Makes {@code project}'s folders of {@code agents} hold exactly the profile's skills (as far as SkillDesk
     * wrote them): installs what is missing, updates what the library moved on, removes what left the profile.
     */
    public List<Step> apply(Principal who, String name, Path project, List<AgentTargets.Agent> agents,
                            Map<String, String> env, boolean link) {
        return apply(who, name, project, agents, env, link, false);
    }

    /**
     * As above; a skill the trust check finds a high finding in is not installed (its step says so, with the
     * findings) unless {@code acceptRisk}.
     */
    public List<Step> apply(Principal who, String name, Path project, List<AgentTargets.Agent> agents,
                            Map<String, String> env, boolean link, boolean acceptRisk) {
        Profile profile = profile(who, name);
        List<Step> steps = new ArrayList<>();
        Set<Long> wanted = new HashSet<>();
        List<ActiveSkill> skills = new ArrayList<>();
        for (String ref : profile.skills()) {
            ActiveSkill a = library.resolve(who, ref);
            skills.add(a);
            wanted.add(a.skill().id());
        }
        Map<Long, String> refusedByAudit = new java.util.HashMap<>();
        if (!acceptRisk) {
            for (ActiveSkill a : skills) {
                dev.skilldesk.audit.Auditor.Report r = installs.audit(who, a.skill().namespace(), a.skill().name(), 0);
                if (r.high()) {
                    refusedByAudit.put(a.skill().id(), "not installed: " + Importer.trustRefusal(r));
                }
            }
        }
        for (AgentTargets.Target t : AgentTargets.byFolder(agents, env, project)) {
            for (ActiveSkill a : skills) {
                Skill k = a.skill();
                String ref = k.ref().toString();
                if (refusedByAudit.containsKey(k.id())) {
                    steps.add(new Step(t.folder(), t.agentIds(), ref, refusedByAudit.get(k.id())));
                    continue;
                }
                Path folder = FileNames.child(t.folder(), k.name());
                Optional<SkillInstall> earlier = installs.byFolder(folder);
                String outcome;
                try {
                    if (earlier.isPresent() && earlier.get().skillId() == k.id()) {
                        Installs.Status st = installs.status(earlier.get(), k);
                        if (st.state() == Installs.State.IN_SYNC && earlier.get().version() == k.activeVersion()) {
                            steps.add(new Step(t.folder(), t.agentIds(), ref, "unchanged (v" + k.activeVersion() + ")"));
                            continue;
                        }
                        if (st.state() == Installs.State.EDITED_ON_DISK) {
                            steps.add(new Step(t.folder(), t.agentIds(), ref, "kept: edited on disk since it was installed"));
                            continue;
                        }
                        outcome = "updated to v" + k.activeVersion();
                    } else {
                        outcome = "installed v" + k.activeVersion();
                    }
                    Installs.Placed p = installs.place(who, k.namespace(), k.name(), 0, t, link);
                    steps.add(new Step(t.folder(), t.agentIds(), ref, outcome + (p.linked() ? " (link)" : "")
                            + (p.note() != null ? "; " + p.note() : "")));
                } catch (IOException | RuntimeException e) {
                    steps.add(new Step(t.folder(), t.agentIds(), ref, "not installed: " + e.getMessage()));
                }
            }
            // what left the profile: only copies SkillDesk wrote in this folder
            for (Installs.Status st : installs.status(who)) {
                SkillInstall i = st.install();
                if (!t.folder().equals(i.folder().getParent()) || wanted.contains(i.skillId())) {
                    continue;
                }
                String ref = st.skill().ref().toString();
                try {
                    steps.add(new Step(t.folder(), t.agentIds(), ref, installs.remove(who, i)));
                } catch (IOException e) {
                    steps.add(new Step(t.folder(), t.agentIds(), ref, "not removed: " + e.getMessage()));
                }
            }
        }
        return steps;
    }
}
