package dev.skilldesk.ui.editor;

import dev.skilldesk.library.SaveOutcome;
import dev.skilldesk.library.SkillLibrary;
import dev.skilldesk.library.TriggerLab;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.skill.SkillRef;
import dev.skilldesk.ui.common.DialogService;
import dev.skilldesk.ui.common.Document;
import dev.skilldesk.ui.common.TaskExecutor;
import dev.skilldesk.ui.common.UiPreferences;
import dev.skilldesk.ui.triggers.TriggerLabView;
import dev.skilldesk.ui.triggers.TriggerLabViewModel;
import dev.skilldesk.ui.versions.VersionsView;
import dev.skilldesk.ui.versions.VersionsViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Window;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The skills open in the window, a document each (its editor, Versions, Layers and Trigger lab): opening, saving,
 * closing with unsaved edits, and telling open editors about changes made elsewhere. The shell shows them in its
 * document strip.
 */
public final class SkillDocuments {
    /** What the documents work with. */
    public record Services(SkillLibrary library, TriggerLab triggers, Principal author, TaskExecutor executor,
                           DialogService dialogs, UiPreferences prefs) {
    }

    /** Builds a skill's Layers view (the budget feature supplies it): given the versions and the skill's ref. */
    public interface LayersView extends BiFunction<VersionsViewModel, Supplier<String>, Node> {
    }

    /** One open skill. */
    public final class SkillDocument implements Document {
        private final SkillEditorViewModel editor;
        private VersionsViewModel versions;
        private TriggerLabViewModel triggers;
        private final SkillEditorView editorView;
        private final TabPane inner = new TabPane();
        private String key;
        private final ObservableStringValue title;

        SkillDocument(SkillEditorViewModel editor, String key) {
            this.editor = editor;
            this.key = key;
            this.editorView = new SkillEditorView(editor, () -> save(this, null), services.prefs(), services.dialogs());
            editorView.setOnOpenTriggerLab(() -> showTab("tab-triggers"));
            inner.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
            inner.getStyleClass().add("document-tabs");
            Tab edit = new Tab("Edit", editorView);
            edit.setId("tab-edit");
            inner.getTabs().add(edit);
            title = Bindings.createStringBinding(() -> !editor.skillNameProperty().get().isEmpty()
                            ? editor.skillNameProperty().get()
                            : !editor.formNameProperty().get().isEmpty() ? editor.formNameProperty().get() : "new skill",
                    editor.skillNameProperty(), editor.formNameProperty());
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public ObservableStringValue title() {
            return title;
        }

        @Override
        public ObservableBooleanValue dirty() {
            return editor.dirtyProperty();
        }

        @Override
        public Node view() {
            return inner;
        }

        @Override
        public Node focusTarget() {
            return editorView.area();
        }

        @Override
        public void requestClose(Runnable closed) {
            if (!editor.dirtyProperty().get() || confirmDiscard(List.of(this), () -> {
                documents.remove(this);
                closed.run();
            })) {
                documents.remove(this);
                closed.run();
            }
        }

        public SkillEditorViewModel editor() {
            return editor;
        }

        public VersionsViewModel versions() {
            return versions;
        }

        public TriggerLabViewModel triggers() {
            return triggers;
        }

        public SkillEditorView editorView() {
            return editorView;
        }

        /** The saved skill this document edits, or null for a new one not saved yet. */
        public SkillRef ref() {
            return versions == null ? null : SkillRef.of(editor.namespace(), editor.skillNameProperty().get());
        }

        /** Brings its inner tab with {@code id} (tab-edit, tab-versions, tab-layers, tab-triggers) to the front. */
        public void showTab(String id) {
            inner.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst()
                    .ifPresent(t -> inner.getSelectionModel().select(t));
        }

        TabPane inner() {
            return inner;
        }

        /** The id of the tab shown (tab-edit, tab-versions, tab-layers, tab-triggers). */
        public String shownTab() {
            Tab t = inner.getSelectionModel().getSelectedItem();
            return t == null || t.getId() == null ? "tab-edit" : t.getId();
        }
    }

    private final Services services;
    private final LayersView layers;
    private final ObservableList<Document> documents = FXCollections.observableArrayList();
    private Runnable afterSave = () -> { };

    public SkillDocuments(Services services, LayersView layers) {
        this.services = services;
        this.layers = layers;
    }

    /** What runs after every stored save (the library and sources catch up). */
    public void onSaved(Runnable afterSave) {
        this.afterSave = afterSave;
    }

    /** The open skills, in strip order. */
    public ObservableList<Document> documents() {
        return documents;
    }

    /** The open skill documents by key ("namespace/name"; a new one's key until saved). */
    public Map<String, SkillDocument> open() {
        Map<String, SkillDocument> out = new LinkedHashMap<>();
        documents.forEach(d -> out.put(d.key(), (SkillDocument) d));
        return out;
    }

    /** The saved skills open, in strip order. */
    public List<SkillRef> openRefs() {
        return documents.stream().map(d -> ((SkillDocument) d).ref()).filter(Objects::nonNull).toList();
    }

    public Optional<SkillDocument> find(SkillRef ref) {
        return documents.stream().map(d -> (SkillDocument) d).filter(d -> ref.equals(d.ref())).findFirst();
    }

    /**
     * Asks for the new skill's name (then namespace, persona, description) and opens it from the template those make:
     * the editor shows exactly what Save stores. After the first save the document gets the skill's Versions,
     * Layers and Trigger lab. Returns the new document, or empty when the author cancelled.
     */
    public Optional<SkillDocument> newSkill(Window owner, List<String> namespaces, List<String> personas) {
        NewSkillViewModel ask = new NewSkillViewModel(services.library(), services.author(), services.executor(),
                namespaces, personas);
        if (!NewSkillDialog.ask(owner, ask)) {
            return Optional.empty();
        }
        SkillEditorViewModel vm = editorFor(ask.chosenNamespace());
        vm.startNew(ask.template(), ask.chosenPersona());
        SkillDocument d = new SkillDocument(vm, "*new*" + System.nanoTime());
        documents.add(d);
        return Optional.of(d);
    }

    /** Opens a saved skill (or returns it when open already). */
    public SkillDocument open(SkillRef ref) {
        Optional<SkillDocument> existing = find(ref);
        if (existing.isPresent()) {
            return existing.get();
        }
        SkillEditorViewModel vm = editorFor(ref.namespace());
        SkillDocument d = new SkillDocument(vm, ref.toString());
        addSkillTabs(d, ref.name());
        documents.add(d);
        vm.load(ref.name(), null);
        d.versions.reload();
        return d;
    }

    /** Opens a skill the library lists. */
    public SkillDocument open(Skill skill) {
        return open(skill.ref());
    }

    private SkillEditorViewModel editorFor(String namespace) {
        return new SkillEditorViewModel(services.library(), services.author(), services.executor(), services.dialogs(),
                namespace);
    }

    /**
     * Opens a merge with upstream that has conflicts in the skill's editor, for the author to resolve: the merged text
     * with its markers is the unsaved text; Save stores the resolution through {@code resolve} (the sources, against
     * the upstream commit merged), Revert drops it. A document with unsaved edits of its own is left alone, and says why.
     *
     * @return the document, or empty when it had unsaved edits
     */
    public Optional<SkillDocument> openMerge(SkillRef ref, String mergedText, String summary,
                                             Function<String, SaveOutcome> resolve) {
        Optional<SkillDocument> existing = find(ref);
        if (existing.isPresent() && existing.get().editor.dirtyProperty().get()) {
            services.dialogs().showError("Save or revert " + ref.name() + " first",
                    "It has unsaved edits; the merge with upstream opens once they are saved or reverted.");
            return Optional.empty();
        }
        SkillDocument d = existing.orElseGet(() -> open(ref));
        d.editor.startMerge(ref.name(), mergedText, new SkillEditorViewModel.PendingMerge(summary, resolve));
        return Optional.of(d);
    }

    /** The Versions, Layers and Trigger lab tabs of a saved skill. */
    private void addSkillTabs(SkillDocument d, String name) {
        SkillEditorViewModel vm = d.editor;
        d.versions = new VersionsViewModel(services.library(), services.author(), services.executor(), services.dialogs(),
                vm.namespace(), name);
        d.versions.setUnsavedText(vm.textProperty()::get);
        d.versions.setUnsavedFiles(() -> List.copyOf(vm.files()));
        d.triggers = new TriggerLabViewModel(services.triggers(), services.author(), services.executor(),
                services.dialogs(), vm.namespace(), name);
        VersionsViewModel versions = d.versions;
        TriggerLabViewModel triggers = d.triggers;
        Tab versionsTab = lazyTab("Versions", "tab-versions",
                () -> new VersionsView(versions, () -> vm.load(vm.skillNameProperty().get(), null)));
        Tab layersTab = lazyTab("Layers", "tab-layers", () -> layers.apply(versions, () -> vm.namespace() + "/" + name));
        Tab lab = lazyTab("Trigger lab", "tab-triggers", () -> new TriggerLabView(triggers));
        lab.setOnSelectionChanged(e -> {
            if (lab.isSelected()) {
                triggers.run();
            }
        });
        d.inner.getTabs().addAll(versionsTab, layersTab, lab);
    }

    /**
     * A tab whose view is built the first time it is shown: most skills opened are only edited, and each of these
     * views (a table of versions, the layers with their token counts, the lab's lists) holds hundreds of nodes.
     */
    private static Tab lazyTab(String text, String id, java.util.function.Supplier<Node> view) {
        Tab tab = new Tab(text);
        tab.setId(id);
        Runnable build = () -> {
            if (tab.isSelected() && tab.getContent() == null) {
                tab.setContent(view.get());
            }
        };
        tab.selectedProperty().addListener((o, was, is) -> build.run());
        build.run();
        return tab;
    }

    /** A new skill's first save: its document becomes the skill's own, with Versions, Layers and Trigger lab. */
    private void completeNew(SkillDocument d, String name) {
        if (d.versions != null) {
            return;
        }
        addSkillTabs(d, name);
        d.key = d.editor.namespace() + "/" + name;
        d.versions.reload();
    }

    /** Saves {@code d}; {@code stored} runs once the version is stored (not when the save was refused). */
    void save(SkillDocument d, Runnable stored) {
        boolean first = d.editor.versionProperty().get() == 0;
        d.editor.save(outcome -> {
            if (outcome.stored() && stored != null) {
                stored.run();
            }
            if (outcome.stored() && first) {
                completeNew(d, outcome.skill().name());
            }
            if (outcome.stored()) {
                if (d.versions != null) {
                    d.versions.reload();
                    d.triggers.run(); // the lab runs on save: does the new description still do its job?
                }
                afterSave.run();
            }
        });
    }

    /** Saves {@code document} when it has unsaved edits (Ctrl+S). */
    public void save(Document document) {
        if (document instanceof SkillDocument d && d.editor.dirtyProperty().get()) {
            save(d, null);
        }
    }

    /**
     * True when nothing is unsaved, or the author chose not to save it. With "Save", false: the saves run, and
     * {@code afterSaved} (closing the window) runs once every one is stored.
     */
    public boolean confirmClose(Runnable afterSaved) {
        return confirmDiscard(documents.stream().map(d -> (SkillDocument) d)
                .filter(d -> d.editor.dirtyProperty().get()).toList(), afterSaved);
    }

    /** Save / Don't save / Cancel for these documents; true when closing may go on now (Don't save). */
    private boolean confirmDiscard(List<SkillDocument> dirty, Runnable afterSaved) {
        if (dirty.isEmpty()) {
            return true;
        }
        String names = String.join(", ", dirty.stream().map(d -> d.title().get()).toList());
        int choice = services.dialogs().choose(dirty.size() == 1 ? "Save the changes to " + names + "?"
                        : "Save the changes to " + dirty.size() + " skills?",
                (dirty.size() == 1 ? "It has" : "These have") + " changes that are not saved: " + names
                        + ".\nDon't save throws them away.", "Save", "Don't save");
        if (choice == 1) {
            return true;
        }
        if (choice == 0) {
            int[] left = {dirty.size()};
            for (SkillDocument d : dirty) {
                save(d, () -> {
                    if (--left[0] == 0 && afterSaved != null) {
                        afterSaved.run();
                    }
                });
            }
        }
        return false;
    }

    /**
     * Skills changed elsewhere: the open editors of those (or of skills the library no longer lists, by {@code idOf})
     * check what changed.
     */
    public void changedElsewhere(Set<Long> ids, BiFunction<String, String, Long> idOf) {
        for (Document doc : documents) {
            SkillDocument d = (SkillDocument) doc;
            Long id = idOf.apply(d.editor.namespace(), d.editor.skillNameProperty().get());
            if (id == null || ids.contains(id)) {
                d.editor.changedElsewhere();
                if (d.versions != null) {
                    d.versions.reload(); // the Versions and Layers tabs show the new version too
                }
            }
        }
    }
}
