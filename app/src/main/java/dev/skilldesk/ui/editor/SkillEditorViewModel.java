package dev.skilldesk.ui.editor;

import dev.skilldesk.library.SaveOptions;
import dev.skilldesk.library.SaveOutcome;
import dev.skilldesk.library.SkillDraft;
import dev.skilldesk.parse.FrontmatterEdits;
import dev.skilldesk.parse.SkillMdParser;
import dev.skilldesk.parse.SkillMetadata;
import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.SkillFile;
import dev.skilldesk.skill.ValidationIssue;
import dev.skilldesk.ui.common.DialogService;
import dev.skilldesk.ui.common.TaskExecutor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.function.Consumer;

/**
 * One skill open for editing: the SKILL.md text, its validation findings (recomputed as the author
 * types), the frontmatter form kept in sync with the text both ways, and save as a new version.
 */
public final class SkillEditorViewModel {
    static final String NEW_SKILL_TEMPLATE = template("new-skill", null);

    /**
     * The SKILL.md a new skill starts from, with its name and description (null: a placeholder that says
     * what a description is for). A description that YAML would misread is quoted.
     */
    public static String template(String name, String description) {
        String d = description == null ? "Say what this skill does and when an agent should use it." : description;
        String title = java.util.Arrays.stream(name.split("-")).filter(w -> !w.isEmpty())
                .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1))
                .collect(java.util.stream.Collectors.joining(" "));
        return "---\nname: " + name + "\ndescription: " + FrontmatterEdits.yamlScalar(d) + "\n---\n\n# " + title
                + "\n\n## Core Instructions\n\n1. The first step.\n";
    }

    private final dev.skilldesk.library.SkillLibrary library;
    private final dev.skilldesk.skill.Principal me;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final String namespace;
    private final StringProperty text = new SimpleStringProperty("");
    private final StringProperty savedText = new SimpleStringProperty("");
    private final BooleanProperty dirty = new SimpleBooleanProperty(false);
    private final StringProperty externalChange = new javafx.beans.property.SimpleStringProperty("");
    /** The note saved with the next version (cleared once saved). */
    private final StringProperty note = new SimpleStringProperty("");
    /** The persona a new skill is created with (null: the file's, else the default). */
    private String newPersona;
    private final StringProperty formName = new SimpleStringProperty("");
    private final StringProperty formDescription = new SimpleStringProperty("");
    private final StringProperty skillName = new SimpleStringProperty("");
    private final IntegerProperty version = new SimpleIntegerProperty(0);
    private final ObservableList<ValidationIssue> issues = FXCollections.observableArrayList();
    private final ObservableList<SkillFile> files = FXCollections.observableArrayList();
    /** What the trust check finds in the text as it stands and the skill's files. */
    private final ObservableList<dev.skilldesk.audit.Finding> trust = FXCollections.observableArrayList();
    private final SkillMdParser parser = new SkillMdParser();
    private final javafx.beans.property.ObjectProperty<PendingMerge> merge = new javafx.beans.property.SimpleObjectProperty<>();
    private final StringProperty mergeNote = new SimpleStringProperty("");
    private boolean syncing;
    private int validationSeq;

    public SkillEditorViewModel(dev.skilldesk.library.SkillLibrary library, dev.skilldesk.skill.Principal me, TaskExecutor executor, DialogService dialogs, String namespace) {
        this.library = library;
        this.me = me;
        this.executor = executor;
        this.dialogs = dialogs;
        this.namespace = namespace;
        dirty.bind(text.isNotEqualTo(savedText));
        text.addListener((o, a, b) -> syncFormFromText(b));
        formName.addListener((o, a, b) -> syncTextFromForm("name", b));
        formDescription.addListener((o, a, b) -> syncTextFromForm("description", b));
    }

    /** Loads the active version of an existing skill. */
    public void load(String name, Runnable done) {
        executor.run("Opening " + name, () -> {
            var v = library.version(me, namespace, name, 0).orElseThrow();
            return new Object[] {v, library.files(me, namespace, name, 0)};
        }, loaded -> {
            var v = (dev.skilldesk.skill.SkillVersion) loaded[0];
            @SuppressWarnings("unchecked")
            List<SkillFile> fs = (List<SkillFile>) loaded[1];
            skillName.set(name);
            version.set(v.version());
            externalChange.set("");
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
        }, e -> { });
    }

    /**
     * A merge with upstream being resolved in this editor: what the notice above the text says, and how the
     * resolved SKILL.md is saved (against the upstream commit the merge was made with).
     */
    public record PendingMerge(String summary, java.util.function.Function<String, SaveOutcome> save) {
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
    public javafx.beans.property.ReadOnlyObjectProperty<PendingMerge> mergeProperty() {
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
        executor.run("Validating", () -> new Object[] {library.validator().validate(content, folder, ValidationProfile.STRICT),
                        dev.skilldesk.audit.Auditor.audit(folder == null ? "new" : folder, "editor", content, fs)},
                result -> {
                    if (seq == validationSeq) {
                        issues.setAll(((dev.skilldesk.skill.ValidationResult) result[0]).issues());
                        trust.setAll(((dev.skilldesk.audit.Auditor.Report) result[1]).findings());
                    }
                }, e -> { });
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
        executor.run("Saving", () -> pending != null ? pending.save().apply(content)
                : library.save(me, new SkillDraft("editor", folder, content, fs),
                new SaveOptions(namespace, AccessLevel.PRIVATE, version.get() == 0 ? newPersona : null,
                        ValidationProfile.LENIENT).withNote(note.get())), outcome -> {
            if (outcome.stored() && pending != null && merge.get() == pending) {
                endMerge();
            }
            switch (outcome.status()) {
                case REJECTED -> dialogs.showError("Not saved", outcome.reason());
                case UNCHANGED -> dialogs.notify("No changes to save");
                default -> {
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
        text.set(savedText.get());
    }

    private void syncFormFromText(String content) {
        if (syncing) {
            return;
        }
        syncing = true;
        try {
            var parsed = parser.parse(content);
            if (!parsed.problems().isEmpty()) {
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

    /** The quick fix for a finding of the current text, if the rule has one. */
    public java.util.Optional<dev.skilldesk.parse.QuickFixes.Fix> quickFix(ValidationIssue issue) {
        return dev.skilldesk.parse.QuickFixes.forIssue(text.get(), issue, skillName.get().isEmpty() ? null : skillName.get());
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
    public ObservableList<dev.skilldesk.audit.Finding> trustFindings() {
        return trust;
    }

    public ObservableList<SkillFile> files() {
        return files;
    }

    public String namespace() {
        return namespace;
    }
}
