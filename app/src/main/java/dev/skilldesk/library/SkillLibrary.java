package dev.skilldesk.library;

import dev.skilldesk.skill.SkillRef;
import dev.skilldesk.skill.ValidationIssue;
import dev.skilldesk.skill.Checked;
import dev.skilldesk.parse.Rules;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.parse.Disclosure;
import dev.skilldesk.parse.Limits;
import dev.skilldesk.parse.ParsedSkillMd;
import dev.skilldesk.parse.SkillMdParser;
import dev.skilldesk.parse.SkillMetadata;
import dev.skilldesk.parse.SkillValidator;
import dev.skilldesk.parse.TokenCounter;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.AccessRule;
import dev.skilldesk.skill.ActiveSkill;
import dev.skilldesk.skill.Layer;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.skill.SkillFile;
import dev.skilldesk.skill.SkillVersion;
import dev.skilldesk.skill.TokenCounts;
import dev.skilldesk.skill.ValidationResult;
import dev.skilldesk.store.NewVersion;
import dev.skilldesk.skill.SkillQuery;
import dev.skilldesk.store.SkillStore;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The library's use cases: save (create or add a version), read a layer, list, roll back, delete and
 * restore, change access, share, diff. Every read applies the access rule for the asking principal;
 * every change is allowed to the skill's owner only.
 */
public final class SkillLibrary {
    /** Persona given to skills that name none. */
    public static final String DEFAULT_PERSONA = "general";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SkillStore store;
    private final SkillMdParser parser = new SkillMdParser();
    private final SkillValidator validator;
    private final TokenCounter tokens;
    private final Clock clock;
    private final java.util.List<java.util.function.LongConsumer> changeListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public SkillLibrary(SkillStore store, TokenCounter tokens, Clock clock) {
        this.store = store;
        this.tokens = tokens;
        this.validator = new SkillValidator(tokens);
        this.clock = clock;
    }

    /** The setting that holds the access level new and imported skills get (Settings, {@code config}). */
    public static final String DEFAULT_ACCESS_KEY = "library.default-access";

    /** The access level new and imported skills get unless told otherwise: private until the author chooses. */
    public AccessLevel defaultAccess() {
        return store.setting(DEFAULT_ACCESS_KEY).map(v -> {
            try {
                return AccessLevel.parse(v);
            } catch (IllegalArgumentException unreadable) {
                return AccessLevel.PRIVATE;
            }
        }).orElse(AccessLevel.PRIVATE);
    }

    /** Sets the access level new and imported skills get. */
    public void setDefaultAccess(AccessLevel level) {
        store.putSetting(DEFAULT_ACCESS_KEY, level.key());
    }

    /** The skill with this id, whoever may see it: for use cases that hold an id from their own records. */
    public Optional<Skill> byId(long id) {
        return store.find(id);
    }

    /** Skills by id, in one read. */
    public java.util.Map<Long, Skill> byIds(java.util.Collection<Long> ids) {
        return store.findAll(ids);
    }

    /** The skill (namespace, name), whoever may see it (callers apply {@link #visibleOrOwned}). */
    public Optional<Skill> find(String namespace, String name) {
        return store.find(namespace, name);
    }

    /** Every version of the skill with this id, oldest first. */
    public List<SkillVersion> versionsOf(long skillId) {
        return store.versions(skillId);
    }

    /** One version of the skill with this id. */
    public Optional<SkillVersion> versionOf(long skillId, int version) {
        return store.version(skillId, version);
    }

    /** What the library overview shows per skill ({@code modelId}: whose index state; null when none). */
    public java.util.Map<Long, SkillStore.OverviewFacts> overviewFacts(String modelId) {
        return store.overviewFacts(modelId);
    }

    /** Called with a skill's id after a change to it is committed (the indexer wakes on it). */
    public void onChange(java.util.function.LongConsumer listener) {
        changeListeners.add(listener);
    }

    private void changed(long skillId) {
        changeListeners.forEach(l -> l.accept(skillId));
    }

    public SkillValidator validator() {
        return validator;
    }

    // ---- the library's rules -------------------------------------------------------------------

    /** Everything the library's check finds in a skill's active version (SKILL.md and every file). */
    public ValidationResult findings(ActiveSkill active) {
        return validator.check(active.version().content(), files(active), active.skill().name());
    }

    /** Everything the library's check finds in version {@code version} (0: the active one) of a skill {@code who} sees. */
    public ValidationResult findings(Principal who, String namespace, String name, int version) {
        SkillVersion v = version(who, namespace, name, version).orElseThrow(() -> new SkillNotFoundException(
                "'" + namespace + "/" + name + "' has no version " + version));
        return validator.check(v.content(), store.files(v.id()), name);
    }

    /**
     * The skill, when it passes the library's rules; else {@link SkillNeedsFixesException} naming its errors. What
     * leaves the workbench for agents (installs, profiles, sync, publish, the MCP server) asks this first.
     */
    public ActiveSkill requirePasses(ActiveSkill active) {
        if (active.skill().errors() != 0) {
            requirePasses(active.skill(), active.version());
        }
        return active;
    }

    /** As {@link #requirePasses(Skill, int)}, for the skill {@code who} names (SkillNotFoundException if not visible). */
    public SkillVersion requirePasses(Principal who, String namespace, String name, int version) {
        Skill skill = store.find(namespace, name).filter(s -> visibleOrOwned(who, s))
                .orElseThrow(() -> notFound(namespace, name));
        return requirePasses(skill, version);
    }

    /** Version {@code version} (0: the active one) of the skill, when it passes the library's rules (as above). */
    public SkillVersion requirePasses(Skill skill, int version) {
        int v = version <= 0 ? skill.activeVersion() : version;
        SkillVersion found = store.version(skill.id(), v).orElseThrow(() -> new SkillNotFoundException(
                "'" + skill.ref() + "' has no version " + v));
        if (found.checked().known() && found.checked().errors() == 0) {
            return found;
        }
        return requirePasses(skill, found);
    }

    private SkillVersion requirePasses(Skill skill, SkillVersion version) {
        ValidationResult found = validator.check(version.content(), store.files(version.id()), skill.name());
        if (found.hasErrors()) {
            throw new SkillNeedsFixesException(skill.ref(), found.errors());
        }
        return version; // counted under older rules, or not yet: the check of the next open catches up
    }

    /**
     * Counts the findings of every version not yet checked under the current rules ({@link
     * SkillValidator#RULES_REVISION}): versions stored before the library counted them, or under rules since changed.
     * Runs when a library is opened; returns how many versions it checked.
     */
    public int checkStaleVersions() {
        int checked = 0;
        while (true) {
            List<SkillStore.VersionToCheck> batch = store.versionsToCheck(SkillValidator.RULES_REVISION, 500);
            if (batch.isEmpty()) {
                return checked;
            }
            java.util.Map<Long, Checked> found = new java.util.LinkedHashMap<>();
            for (SkillStore.VersionToCheck v : batch) {
                ValidationResult r = v.content().length() > Limits.CONTENT_HARD_CHARS
                        ? validator.validate(v.content(), v.name(), SkillValidator.LIBRARY)
                        : validator.validate(v.content(), parser.parse(v.content()), v.files(), v.fileBytes(), v.name(),
                        SkillValidator.LIBRARY);
                found.put(v.versionId(), Checked.of(r, SkillValidator.RULES_REVISION));
            }
            store.database().inTransaction(() -> {
                for (var e : found.entrySet()) {
                    store.setChecked(e.getKey(), e.getValue());
                }
                return null;
            });
            checked += batch.size();
        }
    }

    // ---- writing -------------------------------------------------------------------------------

    /** Validates the draft and stores it as a new skill or a new version; identical content adds nothing. */
    public SaveOutcome save(Principal author, SkillDraft draft, SaveOptions options) {
        Prepared p = prepare(author, draft, options);
        if (p.refusal != null) {
            return p.refusal;
        }
        SaveOutcome outcome = store.database().inTransaction(() -> {
            Optional<Skill> existing = store.find(options.namespace(), p.meta.name());
            if (existing.isEmpty()) {
                long id = store.insertSkill(options.namespace(), p.meta.name(), p.meta.displayName(),
                        p.meta.description(), p.version.persona() == null ? DEFAULT_PERSONA : p.version.persona(),
                        p.meta.tags(), options.access(), author.agentId(), p.version.createdAt());
                SkillVersion v = store.appendVersion(id, p.version, draft.files());
                return new SaveOutcome(SaveOutcome.Status.CREATED, store.find(id).orElseThrow(), v, p.validation, null);
            }
            SaveOutcome refused = decideExisting(author, existing.get(), p);
            if (refused != null) {
                return refused;
            }
            Skill skill = existing.get();
            SkillVersion v = store.appendVersion(skill.id(), p.version, draft.files());
            return new SaveOutcome(SaveOutcome.Status.NEW_VERSION, store.find(skill.id()).orElseThrow(), v,
                    p.validation, null);
        });
        if (outcome.stored()) {
            changed(outcome.skill().id());
        }
        return outcome;
    }

    /**
     * What {@link #save} would do with the draft, without writing anything: the same rules and the same
     * outcome (CREATED, NEW_VERSION, UNCHANGED or REJECTED with its reason). A CREATED outcome has no skill
     * and no version yet. The preview of an import.
     */
    public SaveOutcome check(Principal author, SkillDraft draft, SaveOptions options) {
        Prepared p = prepare(author, draft, options);
        if (p.refusal != null) {
            return p.refusal;
        }
        Optional<Skill> existing = store.find(options.namespace(), p.meta.name());
        if (existing.isEmpty()) {
            return new SaveOutcome(SaveOutcome.Status.CREATED, null, null, p.validation, null);
        }
        SaveOutcome decided = decideExisting(author, existing.get(), p);
        return decided != null ? decided
                : new SaveOutcome(SaveOutcome.Status.NEW_VERSION, existing.get(), null, p.validation, null);
    }

    /** The parsed, validated draft and the version it would become, or why it is refused. */
    private record Prepared(SaveOutcome refusal, SkillMetadata meta, ValidationResult validation, NewVersion version) {
    }

    private Prepared prepare(Principal author, SkillDraft draft, SaveOptions options) {
        String content = draft.content();
        String nsProblem = Namespaces.problem(options.namespace());
        if (nsProblem != null) {
            return refusal(new SaveOutcome(SaveOutcome.Status.REJECTED, null, null, null, nsProblem));
        }
        String fileProblem = FileNames.firstProblem(draft.files().stream().map(SkillFile::path).toList());
        if (fileProblem != null) {
            return refusal(new SaveOutcome(SaveOutcome.Status.REJECTED, null, null, null, "file " + fileProblem));
        }
        if (content.length() > Limits.CONTENT_HARD_CHARS) {
            ValidationResult tooLarge = validator.check(content, draft.files(), draft.folderName());
            return refusal(new SaveOutcome(SaveOutcome.Status.REJECTED, null, null, tooLarge,
                    tooLarge.errors().get(0).toString()));
        }
        // one parse serves the validator and the save; a skill that breaks rules is stored, needing fixes
        ParsedSkillMd parsed = parser.parse(content);
        ValidationResult validation = validator.validate(content, parsed, draft.files(), draft.folderName(),
                SkillValidator.LIBRARY);
        ValidationIssue unstorable = SkillValidator.unstorable(validation);
        if (unstorable != null) {
            return refusal(new SaveOutcome(SaveOutcome.Status.REJECTED, null, null, validation, unstorable.toString()));
        }
        SkillMetadata declared = SkillMetadata.of(parsed);
        String name = SkillValidator.storedName(declared.name());
        if (name == null) {
            String problem = SkillValidator.nameProblem(dev.skilldesk.parse.QuickFixes.slug(declared.name()));
            boolean device = problem != null && problem.contains(Rules.NAME_RESERVED);
            return refusal(new SaveOutcome(SaveOutcome.Status.REJECTED, null, null, validation, "line "
                    + parsed.lineOf("name") + ": error [" + (device ? Rules.NAME_RESERVED : Rules.NAME_FORMAT) + "] "
                    + (device ? "'" + declared.name() + "' is a name Windows keeps for a device; give the skill another"
                    : "no skill name can be made of '" + declared.name() + "': use a-z, 0-9 and hyphens")));
        }
        SkillMetadata meta = declared.withName(name);
        String hash = ContentHash.of(content, draft.files());
        String persona = options.persona() != null ? options.persona() : meta.persona();
        TokenCounts counts = countTokens(meta, persona, parsed, content, draft.files());
        Instant now = clock.instant();
        NewVersion nv = new NewVersion(content, metadataJson(parsed), parsed.coreInstructions(), hash, counts,
                meta.description() == null ? "" : meta.description(), meta.displayName(), meta.tags(), persona,
                author.agentId(), now, options.note(), Checked.of(validation, SkillValidator.RULES_REVISION));
        return new Prepared(null, meta, validation, nv);
    }

    private static Prepared refusal(SaveOutcome outcome) {
        return new Prepared(outcome, null, null, null);
    }

    /** For a skill that exists: refused (not the owner), UNCHANGED (same content), or null (a new version). */
    private SaveOutcome decideExisting(Principal author, Skill skill, Prepared p) {
        if (!skill.createdBy().equals(author.agentId())) {
            return new SaveOutcome(SaveOutcome.Status.REJECTED, null, null, p.validation,
                    "skill '" + skill.ref() + "' belongs to " + skill.createdBy()
                            + "; only its owner adds versions");
        }
        Optional<SkillVersion> active = store.version(skill.id(), skill.activeVersion());
        if (!skill.deleted() && active.isPresent() && active.get().contentHash().equals(p.version.contentHash())) {
            return new SaveOutcome(SaveOutcome.Status.UNCHANGED, skill, active.get(), p.validation, null);
        }
        return null;
    }

    /**
     * Adds {@code tag} to a skill: a new version whose frontmatter carries it (the files stay as they are).
     * Only the owner may; a tag it already has adds nothing.
     */
    public SaveOutcome addTag(Principal who, String namespace, String name, String tag) {
        String t = tag == null ? "" : tag.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("a tag needs a name");
        }
        Skill skill = owned(who, namespace, name);
        SkillVersion active = store.version(skill.id(), skill.activeVersion()).orElseThrow();
        java.util.LinkedHashSet<String> tags = new java.util.LinkedHashSet<>(
                SkillMetadata.of(parser.parse(active.content())).tags());
        tags.add(t);
        String edited = dev.skilldesk.parse.FrontmatterEdits.setTags(active.content(), List.copyOf(tags));
        return save(who, new SkillDraft("tag", skill.name(), edited, store.files(active.id())),
                new SaveOptions(namespace, skill.accessLevel(), null));
    }

    /** Makes {@code version} the active one; later versions stay. Returns the version active before. */
    public int activateVersion(Principal who, String namespace, String name, int version) {
        Skill skill = owned(who, namespace, name);
        SkillVersion target = store.version(skill.id(), version).orElseThrow(() -> new SkillNotFoundException(
                "'" + namespace + "/" + name + "' has no version " + version + " (it has 1-" + skill.versionCount() + ")"));
        SkillMetadata meta = SkillMetadata.of(parser.parse(target.content()));
        int before = skill.activeVersion();
        store.database().inTransaction(() -> {
            store.setActiveVersion(skill.id(), version, meta.description(), meta.displayName(), meta.tags(),
                    clock.instant());
            return null;
        });
        changed(skill.id());
        return before;
    }

    public void delete(Principal who, String namespace, String name) {
        Skill skill = owned(who, namespace, name);
        store.database().inTransaction(() -> {
            store.setDeleted(skill.id(), true, clock.instant());
            return null;
        });
        changed(skill.id());
    }

    public void restore(Principal who, String namespace, String name) {
        Skill skill = owned(who, namespace, name);
        store.database().inTransaction(() -> {
            store.setDeleted(skill.id(), false, clock.instant());
            return null;
        });
        changed(skill.id());
    }

    public void setAccess(Principal who, String namespace, String name, AccessLevel access) {
        Skill skill = owned(who, namespace, name);
        store.database().inTransaction(() -> {
            store.setAccess(skill.id(), access, clock.instant());
            return null;
        });
        changed(skill.id());
    }

    public void share(Principal who, String namespace, String name, String agentId) {
        Skill skill = owned(who, namespace, name);
        store.database().inTransaction(() -> {
            store.share(skill.id(), agentId);
            return null;
        });
        changed(skill.id());
    }

    public void unshare(Principal who, String namespace, String name, String agentId) {
        Skill skill = owned(who, namespace, name);
        store.database().inTransaction(() -> {
            store.unshare(skill.id(), agentId);
            return null;
        });
        changed(skill.id());
    }

    /**
     * The skill, when {@code who} owns it (deleted or not): the rule every change follows, for use cases
     * outside this class. Throws SkillNotFoundException when {@code who} may not even see it,
     * AccessDeniedException when they may see it but not change it.
     */
    public Skill requireOwner(Principal who, String namespace, String name) {
        return owned(who, namespace, name);
    }

    private Skill owned(Principal who, String namespace, String name) {
        Skill skill = store.find(namespace, name).orElseThrow(() -> notFound(namespace, name));
        if (!skill.createdBy().equals(who.agentId())) {
            if (!visible(who, skill)) {
                throw notFound(namespace, name);
            }
            throw new AccessDeniedException("'" + namespace + "/" + name + "' belongs to " + skill.createdBy()
                    + "; only its owner may change it");
        }
        return skill;
    }

    // ---- reading -------------------------------------------------------------------------------

    /** The skill and its active version, if the principal may see it. */
    public Optional<ActiveSkill> get(Principal who, String namespace, String name) {
        return store.active(namespace, name).filter(a -> visible(who, a.skill()));
    }

    /**
     * The skill a reference names, as {@code who} sees it: {@code namespace/name}, or a plain name in
     * {@code who}'s namespace, else the one skill of that name {@code who} may see in any namespace (an
     * agent asking for "pdf" should not need to know where the library keeps it).
     *
     * @throws SkillNotFoundException when there is none {@code who} may see
     * @throws IllegalArgumentException when the reference is empty or a plain name is in several namespaces
     */
    public ActiveSkill resolve(Principal who, String ref) {
        if (ref == null || ref.isBlank()) {
            throw new IllegalArgumentException("a skill name is required (name or namespace/name)");
        }
        String r = ref.strip();
        int slash = r.indexOf('/');
        if (slash >= 0) {
            String ns = r.substring(0, slash);
            String name = r.substring(slash + 1);
            if (ns.isEmpty() || name.isEmpty() || name.contains("/")) {
                throw new IllegalArgumentException("'" + ref + "' is not a skill name (name or namespace/name)");
            }
            return get(who, ns, name).orElseThrow(() -> notFound(ns, name));
        }
        Optional<ActiveSkill> own = get(who, who.namespace(), r);
        if (own.isPresent()) {
            return own.get();
        }
        List<Skill> elsewhere = store.visibleNamed(who, r);
        if (elsewhere.isEmpty()) {
            throw new SkillNotFoundException("no skill '" + r + "' in namespace '" + who.namespace()
                    + "' or any other you may see", SkillRef.of(who.namespace(), r));
        }
        if (elsewhere.size() > 1) {
            throw new IllegalArgumentException("'" + r + "' is in several namespaces ("
                    + String.join(", ", elsewhere.stream().map(Skill::namespace).toList())
                    + "); name one as namespace/name");
        }
        Skill only = elsewhere.get(0);
        return get(who, only.namespace(), only.name()).orElseThrow(() -> notFound(only.namespace(), only.name()));
    }

    /** One disclosure layer of the active version, or of {@code version} when it is positive. */
    public LayerContent layer(Principal who, String namespace, String name, Layer layer, int version) {
        ActiveSkill active = get(who, namespace, name).orElseThrow(() -> notFound(namespace, name));
        return layer(active, layer, version);
    }

    /** A layer of a skill already resolved for the caller ({@link #resolve}, {@link #get}); 0: the active version. */
    public LayerContent layer(ActiveSkill active, Layer layer, int version) {
        Skill skill = active.skill();
        String namespace = skill.namespace();
        String name = skill.name();
        SkillVersion v = version <= 0 || version == active.version().version() ? active.version()
                : store.version(skill.id(), version).orElseThrow(() -> new SkillNotFoundException(
                "'" + namespace + "/" + name + "' has no version " + version));
        String text = switch (layer) {
            case METADATA -> Disclosure.layer1(skill.name(), skill.description(), skill.tags(), skill.persona());
            case CORE -> v.coreInstructions();
            case FULL -> Disclosure.layer3(v.content(), store.files(v.id()));
        };
        return new LayerContent(namespace, name, v.version(), layer, text, v.tokens().of(layer));
    }

    public List<Skill> list(Principal who, SkillQuery query) {
        return store.list(who, query);
    }

    public List<SkillVersion> versions(Principal who, String namespace, String name) {
        Skill skill = store.find(namespace, name).filter(s -> visibleOrOwned(who, s))
                .orElseThrow(() -> notFound(namespace, name));
        return store.versions(skill.id());
    }

    /** The files of a version already resolved for {@code who} (by {@link #resolve} or {@link #get}). */
    public List<SkillFile> files(dev.skilldesk.skill.ActiveSkill resolved) {
        return store.files(resolved.version().id());
    }

    /** How many skills {@code who} may see match the query (its limit and offset left aside). */
    public int count(Principal who, dev.skilldesk.skill.SkillQuery query) {
        return store.count(who, query);
    }

    /** The active version's number of a skill {@code who} may see; 0 when there is none. */
    public int activeVersion(Principal who, String namespace, String name) {
        return get(who, namespace, name).map(a -> a.skill().activeVersion()).orElse(0);
    }

    public List<SkillFile> files(Principal who, String namespace, String name, int version) {
        Skill skill = store.find(namespace, name).filter(s -> visibleOrOwned(who, s))
                .orElseThrow(() -> notFound(namespace, name));
        int v = version <= 0 ? skill.activeVersion() : version;
        SkillVersion sv = store.version(skill.id(), v).orElseThrow(() -> new SkillNotFoundException(
                "'" + namespace + "/" + name + "' has no version " + v));
        return store.files(sv.id());
    }

    public Optional<SkillVersion> version(Principal who, String namespace, String name, int version) {
        Skill skill = store.find(namespace, name).filter(s -> visibleOrOwned(who, s))
                .orElseThrow(() -> notFound(namespace, name));
        return store.version(skill.id(), version <= 0 ? skill.activeVersion() : version);
    }

    /** A unified diff of two versions, every file of the skill (SKILL.md first), 3 lines of context. */
    public String diff(Principal who, String namespace, String name, int from, int to) {
        SkillVersion a = version(who, namespace, name, from).orElseThrow(() -> new SkillNotFoundException(
                "'" + namespace + "/" + name + "' has no version " + from));
        SkillVersion b = version(who, namespace, name, to).orElseThrow(() -> new SkillNotFoundException(
                "'" + namespace + "/" + name + "' has no version " + to));
        return FolderDiff.unified(name + "@v" + from, name + "@v" + to, FolderDiff.between(a.content(),
                store.files(a.id()), b.content(), store.files(b.id())));
    }

    /** Whether {@code who} sees {@code skill} by the access rule ({@link AccessRule}). */
    public boolean visible(Principal who, Skill skill) {
        return AccessRule.visible(who, AccessRule.Facts.of(skill, agent -> store.isSharedWith(skill.id(), agent)));
    }

    /** Seen by the access rule, or owned by {@code who} (deleted ones included): {@link AccessRule#visibleOrOwned}. */
    public boolean visibleOrOwned(Principal who, Skill skill) {
        return AccessRule.visibleOrOwned(who, AccessRule.Facts.of(skill, agent -> store.isSharedWith(skill.id(), agent)));
    }

    /**
     * For the author's own face (the CLI, never the MCP server, which answers as for a missing skill): why {@code who}
     * found no skill {@code ref}, when the library knows more. It exists but {@code who} may not see it (with how to
     * share it), it is deleted, or a skill of that name is in one other namespace (or several).
     */
    public Optional<String> whyNotFound(Principal who, SkillRef ref) {
        Optional<Skill> exact = store.find(ref.namespace(), ref.name());
        if (exact.isPresent()) {
            Skill s = exact.get();
            if (s.deleted()) {
                return Optional.of("'" + ref + "' is deleted" + (s.createdBy().equals(who.agentId())
                        ? "; bring it back with: skilldesk restore " + ref : ""));
            }
            if (!visible(who, s)) {
                return Optional.of(hidden(who, s));
            }
        }
        List<Skill> elsewhere = store.findNamed(ref.name()).stream()
                .filter(s -> !s.deleted() && !s.namespace().equals(ref.namespace())).toList();
        if (elsewhere.size() == 1) {
            Skill other = elsewhere.get(0);
            return Optional.of("did you mean '" + other.ref() + "'?" + (visible(who, other) ? "" : " " + hidden(who, other)));
        }
        if (elsewhere.size() > 1) {
            return Optional.of("a skill named '" + ref.name() + "' is in " + String.join(", ", elsewhere.stream()
                    .map(s -> s.namespace()).toList()) + ": name one as namespace/name");
        }
        return Optional.empty();
    }

    /** "It exists, but …": whose it is, what its access level allows, and the commands that would let {@code who} see it. */
    private static String hidden(Principal who, Skill s) {
        String agent = who.agentId();
        StringBuilder b = new StringBuilder("'" + s.ref() + "' exists, but it is " + s.accessLevel().key() + " to "
                + s.createdBy() + ": agent '" + agent + "' (namespace " + who.namespace() + ") may not see it. To let it: ");
        boolean sameNamespace = s.namespace().equals(who.namespace());
        b.append("skilldesk access ").append(s.ref()).append(" shared && skilldesk share ").append(s.ref()).append(' ')
                .append(agent).append(" (this agent only)");
        b.append(sameNamespace ? ", or skilldesk access " + s.ref() + " team (every agent in " + s.namespace() + ")"
                : ", or skilldesk access " + s.ref() + " public (every agent)");
        return b.toString();
    }

    private static SkillNotFoundException notFound(String namespace, String name) {
        return new SkillNotFoundException(SkillRef.of(namespace, name));
    }

    private TokenCounts countTokens(SkillMetadata meta, String persona, ParsedSkillMd parsed, String content,
                                    List<SkillFile> files) {
        int l1 = tokens.count(Disclosure.layer1(meta.name(), meta.description(), meta.tags(),
                persona == null ? DEFAULT_PERSONA : persona));
        int l2 = tokens.count(parsed.coreInstructions());
        int l3 = tokens.count(Disclosure.layer3(content, files));
        return new TokenCounts(l1, l2, l3);
    }

    private static String metadataJson(ParsedSkillMd parsed) {
        try {
            return JSON.writeValueAsString(parsed.metadata());
        } catch (JsonProcessingException e) {
            return "{}";
        }
    }
}
