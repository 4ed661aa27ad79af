package dev.skilldesk.ui.editor;

import dev.skilldesk.audit.Auditor;
import dev.skilldesk.audit.Finding;
import dev.skilldesk.library.ContentHash;
import dev.skilldesk.library.FileNames;
import dev.skilldesk.library.SaveOptions;
import dev.skilldesk.library.SaveOutcome;
import dev.skilldesk.library.SkillDraft;
import dev.skilldesk.library.SkillFolderReader;
import dev.skilldesk.library.SkillLibrary;
import dev.skilldesk.parse.FrontmatterEdits;
import dev.skilldesk.parse.QuickFixes;
import dev.skilldesk.parse.SkillMdParser;
import dev.skilldesk.parse.SkillMetadata;
import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.SkillFile;
import dev.skilldesk.skill.SkillVersion;
import dev.skilldesk.skill.ValidationIssue;
import dev.skilldesk.skill.ValidationResult;
import dev.skilldesk.ui.common.DialogService;
import dev.skilldesk.ui.common.TaskExecutor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One skill open for editing, as the folder it is: the SKILL.md text and every other file (added, renamed, deleted and
 * edited here), its validation and trust findings (recomputed as the author types), the frontmatter form kept in sync
 * with the text both ways, and save as one new version of every file.
 */
public final class SkillEditorViewModel {
    static final String NEW_SKILL_TEMPLATE = template("new-skill", null);

    /**
     * The SKILL.md a new skill starts from, with its name and description (null: a placeholder that says
     * what a description is for). A description that YAML would misread is quoted.
     */
    public static String template(String name, String description) {
        String d = description == null ? "Say what this skill does and when an agent should use it." : description;
        String title = Arrays.stream(name.split("-")).filter(w -> !w.isEmpty())
                .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1))
                .collect(Collectors.joining(" "));
        return "---\nname: " + name + "\ndescription: " + FrontmatterEdits.yamlScalar(d) + "\n---\n\n# " + title
                + "\n\n## Core Instructions\n\n1. The first step.\n";
    }

    private final SkillLibrary library;
    private final Principal me;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final String namespace;
    private final StringProperty text = new SimpleStringProperty("");
    private final StringProperty savedText = new SimpleStringProperty("");
    private final BooleanProperty dirty = new SimpleBooleanProperty(false);
    private final StringProperty externalChange = new SimpleStringProperty("");
    /** The note saved with the next version (cleared once saved). */
    private final StringProperty note = new SimpleStringProperty("");
    /** The persona a new skill is created with (null: the file's, else the default). */
    private String newPersona;
    private final StringProperty formName = new SimpleStringProperty("");
    private final StringProperty formDescription = new SimpleStringProperty("");
    private final StringProperty skillName = new SimpleStringProperty("");
    private final IntegerProperty version = new SimpleIntegerProperty(0);
    private final ObservableList<ValidationIssue> issues = FXCollections.observableArrayList();
    /** The skill's files other than SKILL.md, as they stand here (the working set Save stores). */
    private final ObservableList<SkillFile> files = FXCollections.observableArrayList();
    /** The files as last loaded or saved: what Revert goes back to, and what "unsaved" compares with. */
    private List<SkillFile> savedFiles = List.of();
    private final BooleanProperty filesDirty = new SimpleBooleanProperty(false);
    /** Every path of the skill, SKILL.md first, then the rest sorted: the file tree's. */
    private final ObservableList<String> paths = FXCollections.observableArrayList("SKILL.md");
    /** The file shown in the editor. */
    private final StringProperty selectedPath = new SimpleStringProperty("SKILL.md");
    /** Where a finding asked the editor to go: a file and a line (the view follows it). */
    private final ObjectProperty<Place> goTo = new SimpleObjectProperty<>();
    /** What the trust check finds in the text as it stands and the skill's files. */
    private final ObservableList<Finding> trust = FXCollections.observableArrayList();
    private final SkillMdParser parser = new SkillMdParser();
    private final ObjectProperty<PendingMerge> merge = new SimpleObjectProperty<>();
    private final StringProperty mergeNote = new SimpleStringProperty("");
    private boolean syncing;
    private int validationSeq;

    public SkillEditorViewModel(SkillLibrary library, Principal me, TaskExecutor executor, DialogService dialogs, String namespace) {
        this.library = library;
        this.me = me;
        this.executor = executor;
        this.dialogs = dialogs;
        this.namespace = namespace;
        dirty.bind(text.isNotEqualTo(savedText).or(filesDirty));
        files.addListener((ListChangeListener<SkillFile>) c -> {
            filesDirty.set(!sameFiles(files, savedFiles));
            List<String> ps = new ArrayList<>();
            ps.add("SKILL.md");
            files.stream().map(SkillFile::path).sorted().forEach(ps::add);
            paths.setAll(ps);
            if (!ps.contains(selectedPath.get())) {
                selectedPath.set("SKILL.md");
            }
        });
        text.addListener((o, a, b) -> syncFormFromText(b));
        formName.addListener((o, a, b) -> syncTextFromForm("name", b));
        formDescription.addListener((o, a, b) -> syncTextFromForm("description", b));
    }

    /** A file and a line in it (1-based; 0: the top). */
    public record Place(String path, int line) {
    }

    private static boolean sameFiles(List<SkillFile> a, List<SkillFile> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Map<String, String> m = new HashMap<>();
        b.forEach(f -> m.put(f.path(), f.sha256()));
        return a.stream().allMatch(f -> f.sha256().equals(m.get(f.path())));
    }

    /** Loads the active version of an existing skill. */
    public void load(String name, Runnable done) {
        executor.run("Opening " + name, () -> {
            var v = library.version(me, namespace, name, 0).orElseThrow();
            return new Object[] {v, library.files(me, namespace, name, 0)};
        }, loaded -> {
            var v = (SkillVersion) loaded[0];
            @SuppressWarnings("unchecked")
            List<SkillFile> fs = (List<SkillFile>) loaded[1];
            skillName.set(name);
            version.set(v.version());
            externalChange.set("");
            savedFiles = List.copyOf(fs);
            files.setAll(fs);
            savedText.set(v.content());
            text.set(v.content());
            validateNow();
            if (done != null) {
                done.run();
            }
        }, e -> dialogs.showError("Could not open " + name, e.getMessage()));
    }

    /**
     * The skill changed in the library while it is open here (another process, another window): without
     * unsaved edits the editor loads it; with them it keeps them and says so, never overwriting them.
     */
    public void changedElsewhere() {
        String name = skillName.get();
        if (name == null || name.isEmpty()) {
            return;
        }
        executor.run("Checking " + name, () -> library.version(me, namespace, name, 0)
                .map(v -> v.version()).orElse(-1), active -> {
            if (active < 0) {
                externalChange.set("'" + name + "' was deleted elsewhere; Save stores your text as a new version");
            } else if (active != version.get()) {
                if (dirty.get()) {
                    externalChange.set("'" + name + "' changed elsewhere (now v" + active + "); your unsaved edits are"
                            + " kept: Save adds them as a new version, Revert loads v" + active);
                } else {
                    load(name, null);
                }
            }
        }, TaskExecutor.logged("Checking " + name + " for changes made elsewhere"));
    }

    /**
     * A merge with upstream being resolved in this editor: what the notice above the text says, and how the
     * resolved SKILL.md is saved (against the upstream commit the merge was made with).
     */
    public record PendingMerge(String summary, Function<String, SaveOutcome> save) {
    }

    /**
     * Opens the merge of {@code name} with upstream for the author to resolve: the skill's active version is the
     * saved text, the merged text (with its conflict markers) the unsaved one, so Save stores the resolution and
     * Revert drops the merge.
     */
    public void startMerge(String name, String mergedText, PendingMerge pending) {
        load(name, () -> {
            merge.set(pending);
            mergeNote.set(pending.summary());
            text.set(mergedText);
            validateNow();
        });
    }

    /** The merge being resolved here, or null. */
    public ReadOnlyObjectProperty<PendingMerge> mergeProperty() {
        return merge;
    }

    /** What the merge notice says while a merge is being resolved, else empty. */
    public StringProperty mergeNoteProperty() {
        return mergeNote;
    }

    private void endMerge() {
        merge.set(null);
        mergeNote.set("");
    }

    /** What changed in the library while the skill was open, or empty. */
    public StringProperty externalChangeProperty() {
        return externalChange;
    }

    /** Starts a new, unsaved skill from the placeholder template. */
    public void startNew() {
        startNew(NEW_SKILL_TEMPLATE, null);
    }

    /** Starts a new, unsaved skill from {@code content}, created with {@code persona} (null: the default). */
    public void startNew(String content, String persona) {
        skillName.set("");
        version.set(0);
        savedFiles = List.of();
        files.clear();
        savedText.set("");
        newPersona = persona;
        text.set(content);
        validateNow();
    }

    /** Validates the current text in the background; a newer edit makes an older result obsolete. */
    public void validateNow() {
        String content = text.get();
        String folder = skillName.get().isEmpty() ? null : skillName.get();
        int seq = ++validationSeq;
        List<SkillFile> fs = List.copyOf(files);
        executor.run("Validating", () -> new Object[] {library.validator().check(content, fs, folder),
                        Auditor.audit(folder == null ? "new" : folder, "editor", content, fs)},
                result -> {
                    if (seq == validationSeq) {
                        issues.setAll(((ValidationResult) result[0]).issues());
                        trust.setAll(((Auditor.Report) result[1]).findings());
                    }
                }, TaskExecutor.logged("Validating"));
    }

    /** Saves the text as a new version (or creates the skill); nothing happens when it is unchanged. */
    public void save(Consumer<SaveOutcome> done) {
        if (!externalChange.get().isEmpty() && !dialogs.confirm("Save over the change made elsewhere?",
                externalChange.get() + ".\n\nSaving makes your text the newest version: what the other change"
                        + " added is left out of it (it stays in the history, under Versions). Revert instead to"
                        + " load the other change and edit on top of it.", "Save anyway")) {
            return;
        }
        String content = text.get();
        String folder = skillName.get().isEmpty() ? null : skillName.get();
        List<SkillFile> fs = List.copyOf(files);
        PendingMerge pending = merge.get();
        boolean isNew = version.get() == 0;
        String persona = isNew ? newPersona : null;
        String noteText = note.get();
        // a new skill gets the library's default access (an existing one keeps its own)
        executor.run("Saving", () -> pending != null ? pending.save().apply(content)
                : library.save(me, new SkillDraft("editor", folder, content, fs), new SaveOptions(namespace,
                isNew ? library.defaultAccess() : AccessLevel.PRIVATE, persona).withNote(noteText)), outcome -> {
            if (outcome.stored() && pending != null && merge.get() == pending) {
                endMerge();
            }
            switch (outcome.status()) {
                case REJECTED -> dialogs.showError("Not saved", outcome.reason());
                case UNCHANGED -> dialogs.notify("No changes to save");
                default -> {
                    savedFiles = fs;
                    filesDirty.set(!sameFiles(files, savedFiles));
                    savedText.set(content);
                    note.set("");
                    skillName.set(outcome.skill().name());
                    version.set(outcome.version().version());
                    externalChange.set(""); // what was said of the other change no longer holds
                    dialogs.notify("Saved " + outcome.skill().name() + " as version " + outcome.version().version());
                }
            }
            if (done != null) {
                done.accept(outcome);
            }
        }, e -> dialogs.showError("Save failed", e.getMessage()));
    }

    /** Throws away unsaved edits. */
    /** The Revert button: asks before throwing unsaved edits away, then reverts. */
    public void revertAsking() {
        if (dirty.get() && !dialogs.confirm("Discard your unsaved changes?", "Revert throws away what you typed"
                + " since the last save" + (externalChange.get().isEmpty() ? "." : " and loads the newer version."), "Discard")) {
            return;
        }
        revert();
    }

    /** Throws unsaved edits away: back to the saved text, or to the newer version when it changed elsewhere. */
    public void revert() {
        endMerge(); // a merge being resolved is dropped with the edits
        if (!externalChange.get().isEmpty() && skillName.get() != null && !skillName.get().isEmpty()) {
            load(skillName.get(), null); // the newer version from elsewhere
            return;
        }
        files.setAll(savedFiles);
        text.set(savedText.get());
    }

    private void syncFormFromText(String content) {
        if (syncing) {
            return;
        }
        syncing = true;
        try {
            var parsed = parser.parse(content);
            // a value read as if it were quoted is read: the form shows it (the finding and its quick fix stay)
            boolean read = parsed.problems().stream()
                    .allMatch(p -> p.ruleId().equals(dev.skilldesk.parse.Rules.FRONTMATTER_NEEDS_QUOTES));
            if (!read) {
                return; // the form keeps its last good values; the findings say what is wrong with the text
            }
            SkillMetadata m = SkillMetadata.of(parsed);
            formName.set(m.name() == null ? "" : m.name());
            formDescription.set(m.description() == null ? "" : m.description());
        } finally {
            syncing = false;
        }
    }

    private void syncTextFromForm(String key, String value) {
        if (syncing) {
            return;
        }
        syncing = true;
        try {
            text.set(FrontmatterEdits.setScalar(text.get(), key, value));
        } finally {
            syncing = false;
        }
    }

    public StringProperty textProperty() {
        return text;
    }

    // ---- the skill's folder ------------------------------------------------------------------------

    /** Every path, SKILL.md first. */
    public ObservableList<String> paths() {
        return paths;
    }

    /** The file shown in the editor. */
    public StringProperty selectedPathProperty() {
        return selectedPath;
    }

    /** Where a finding asked the editor to go. */
    public ReadOnlyObjectProperty<Place> goToProperty() {
        return goTo;
    }

    /** Shows {@code path} at {@code line} (a finding's place). */
    public void openAt(String path, int line) {
        if (!paths.contains(path)) {
            return;
        }
        selectedPath.set(path);
        goTo.set(null);
        goTo.set(new Place(path, line));
    }

    /** The file at {@code path} as it stands here (null for SKILL.md, or a path the skill does not have). */
    public SkillFile file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst().orElse(null);
    }

    /** A text file's text (UTF-8). */
    public String fileText(String path) {
        SkillFile f = file(path);
        return f == null ? "" : new String(f.bytes(), StandardCharsets.UTF_8);
    }

    /** Replaces a text file's content with {@code content} (typed in the editor). */
    public void setFileText(String path, String content) {
        SkillFile f = file(path);
        if (f == null || fileText(path).equals(content)) {
            return;
        }
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        files.set(files.indexOf(f), new SkillFile(path, b, ContentHash.sha256(b), true));
    }

    /**
     * Adds a file at {@code path} with {@code bytes}, under the rules import applies (a plain relative path, no name
     * Windows reserves, no clash with another file, the size limits); returns why not, or null when added.
     */
    public String addFile(String path, byte[] bytes) {
        String p = path == null ? "" : path.strip().replace('\\', '/');
        String why = pathProblem(p, null);
        if (why == null && bytes.length > SkillFolderReader.MAX_FILE_BYTES) {
            why = "'" + p + "' has " + bytes.length + " bytes, more than the " + SkillFolderReader.MAX_FILE_BYTES
                    + " a skill's file may have (rule: " + FileNames.RULE_TOO_LARGE + ")";
        }
        long total = files.stream().mapToLong(SkillFile::size).sum() + bytes.length;
        if (why == null && total > SkillFolderReader.MAX_SKILL_BYTES) {
            why = "the skill would have " + total + " bytes, more than the " + SkillFolderReader.MAX_SKILL_BYTES
                    + " a skill may have (rule: " + FileNames.RULE_TOO_LARGE + ")";
        }
        if (why != null) {
            return why;
        }
        files.add(new SkillFile(p, bytes, ContentHash.sha256(bytes), textual(bytes)));
        selectedPath.set(p);
        validateNow();
        return null;
    }

    /** Renames (or moves) a file; returns why not, or null when done. */
    public String renameFile(String from, String to) {
        SkillFile f = file(from);
        if (f == null) {
            return from.equals("SKILL.md") ? "SKILL.md is the skill itself: it keeps its name" : "no file '" + from + "'";
        }
        String p = to == null ? "" : to.strip().replace('\\', '/');
        if (p.equals(from)) {
            return null;
        }
        String why = pathProblem(p, from);
        if (why != null) {
            return why;
        }
        files.set(files.indexOf(f), new SkillFile(p, f.bytes(), f.sha256(), f.text()));
        selectedPath.set(p);
        validateNow();
        return null;
    }

    /** Deletes a file (SKILL.md cannot be); returns why not, or null when done. */
    public String deleteFile(String path) {
        SkillFile f = file(path);
        if (f == null) {
            return path.equals("SKILL.md") ? "SKILL.md is the skill itself: it cannot be deleted" : "no file '" + path + "'";
        }
        files.remove(f);
        validateNow();
        return null;
    }

    /** Why {@code path} cannot be a new file of this skill (renaming {@code except}), or null. */
    private String pathProblem(String path, String except) {
        String why = FileNames.pathProblem(path);
        if (why != null) {
            return "'" + FileNames.printable(path) + "': " + why;
        }
        List<String> all = new ArrayList<>(files.stream().map(SkillFile::path)
                .filter(x -> !x.equals(except)).toList());
        all.add(path);
        return FileNames.firstProblem(all);
    }

    /** Text when it is UTF-8 with no NUL (what import judges a text file by). */
    static boolean textual(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The quick fix for a finding of the current text, if the rule has one. */
    public Optional<QuickFixes.Fix> quickFix(ValidationIssue issue) {
        return QuickFixes.forIssue(text.get(), issue, skillName.get().isEmpty() ? null : skillName.get());
    }

    /** The body under the frontmatter, for the rendered preview. */
    public String body() {
        return parser.parse(text.get()).body();
    }

    /** The note saved with the next version. */
    public StringProperty noteProperty() {
        return note;
    }

    public BooleanProperty dirtyProperty() {
        return dirty;
    }

    public StringProperty formNameProperty() {
        return formName;
    }

    public StringProperty formDescriptionProperty() {
        return formDescription;
    }

    public StringProperty skillNameProperty() {
        return skillName;
    }

    public IntegerProperty versionProperty() {
        return version;
    }

    public ObservableList<ValidationIssue> issues() {
        return issues;
    }

    /** The trust check's findings of the text as it stands (and the files), worst first. */
    public ObservableList<Finding> trustFindings() {
        return trust;
    }

    public ObservableList<SkillFile> files() {
        return files;
    }

    public String namespace() {
        return namespace;
    }
}
