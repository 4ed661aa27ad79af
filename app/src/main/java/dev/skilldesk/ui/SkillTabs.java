package dev.skilldesk.ui;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.ui.common.DialogService;
import dev.skilldesk.ui.common.FxTaskExecutor;
import dev.skilldesk.ui.editor.NewSkillViewModel;
import dev.skilldesk.ui.editor.SkillEditorView;
import dev.skilldesk.ui.editor.SkillEditorViewModel;
import dev.skilldesk.ui.triggers.TriggerLabView;
import dev.skilldesk.ui.triggers.TriggerLabViewModel;
import dev.skilldesk.ui.versions.DisclosureView;
import dev.skilldesk.ui.versions.VersionsView;
import dev.skilldesk.ui.versions.VersionsViewModel;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The skills open in the window, one tab each (Edit, Versions, Layers, Trigger lab): opening, saving,
 * closing with unsaved edits, and telling open editors about changes made elsewhere.
 */
final class SkillTabs {
    /** One skill's tab and its view models. */
    record SkillTab(Tab tab, SkillEditorViewModel editor, VersionsViewModel versions, SkillEditorView editorView,
                    TriggerLabViewModel triggers) {
    }

    private final SkillDeskCore core;
    private final FxTaskExecutor executor;
    private final DialogService dialogs;
    private final TabPane tabs;
    private final dev.skilldesk.ui.budget.BudgetViewModel budget;
    private final Runnable afterSave;
    private final dev.skilldesk.ui.settings.UiPreferences prefs;
    private final Map<String, SkillTab> open = new HashMap<>();

    SkillTabs(SkillDeskCore core, FxTaskExecutor executor, DialogService dialogs, TabPane tabs,
              dev.skilldesk.ui.budget.BudgetViewModel budget, Runnable afterSave,
              dev.skilldesk.ui.settings.UiPreferences prefs) {
        this.prefs = prefs;
        this.core = core;
        this.executor = executor;
        this.dialogs = dialogs;
        this.tabs = tabs;
        this.budget = budget;
        this.afterSave = afterSave;
    }

    Map<String, SkillTab> open() {
        return open;
    }

    /** The saved skills open in tabs ("namespace/name"), in tab order. */
    List<String> openSkillRefs() {
        return tabs.getTabs().stream().flatMap(t -> open.entrySet().stream().filter(e -> e.getValue().tab() == t
                && e.getValue().versions() != null).map(Map.Entry::getKey)).toList();
    }

    /**
     * Asks for the new skill's name (then namespace, persona, description) and opens it from the template
     * those make: the editor shows exactly what Save stores. After the first save the tab gets the
     * skill's Versions, Layers and Trigger lab.
     */
    void newSkill(List<String> namespaces, List<String> personas) {
        NewSkillViewModel ask = new NewSkillViewModel(core.library(), core.author(), executor, namespaces, personas);
        if (!dialogs.askForNewSkill(ask)) {
            return;
        }
        SkillEditorViewModel vm = new SkillEditorViewModel(core.library(), core.author(), executor, dialogs,
                ask.chosenNamespace());
        vm.startNew(ask.template(), ask.chosenPersona());
        add(ask.chosenName(), vm, null);
    }

    /** Opens (or brings forward) a skill's tab. */
    void open(Skill skill) {
        String key = skill.ref().toString();
        SkillTab existing = open.get(key);
        if (existing != null) {
            tabs.getSelectionModel().select(existing.tab());
            return;
        }
        SkillEditorViewModel vm = new SkillEditorViewModel(core.library(), core.author(), executor, dialogs, skill.namespace());
        VersionsViewModel versions = new VersionsViewModel(core.library(), core.author(), executor, dialogs, skill.namespace(), skill.name());
        versions.setUnsavedText(vm.textProperty()::get);
        add(skill.name(), vm, versions);
        vm.load(skill.name(), null);
        versions.reload();
    }

    /**
     * Opens a merge with upstream that has conflicts in the skill's editor, for the author to resolve: the merged
     * text with its markers is the unsaved text; Save stores the resolution through the sources (against the
     * upstream commit merged), Revert drops it. A tab with unsaved edits of its own is left alone, and says why.
     */
    void openMerge(dev.skilldesk.sources.Sources.Update update) {
        if (update.merge() == null || update.upstream() == null) {
            return;
        }
        String ref = update.skill();
        int slash = ref.indexOf('/');
        String ns = ref.substring(0, slash);
        String name = ref.substring(slash + 1);
        executor.run("Opening " + ref, () -> core.library().get(core.author(), ns, name).orElseThrow().skill(), skill -> {
            SkillTab existing = open.get(ref);
            if (existing != null && existing.editor().dirtyProperty().get()) {
                tabs.getSelectionModel().select(existing.tab());
                dialogs.showError("Save or revert " + name + " first",
                        "It has unsaved edits; the merge with upstream opens once they are saved or reverted.");
                return;
            }
            if (existing == null) {
                open(skill);
                existing = open.get(ref);
            } else {
                tabs.getSelectionModel().select(existing.tab());
            }
            dev.skilldesk.sources.Sources sources = core.sources();
            String commit = update.upstream();
            int n = update.conflicts().size();
            String summary = "Merging upstream " + commit.substring(0, Math.min(12, commit.length())) + " into " + name
                    + ": " + String.join("; ", update.conflicts()) + ". Keep the lines you want between <<<<<<< yours and"
                    + " >>>>>>> upstream, delete the marker lines, then Save. Revert drops the merge.";
            existing.editor().startMerge(name, update.merge().content(), new SkillEditorViewModel.PendingMerge(
                    summary, text -> sources.resolveMerge(core.author(), ref, text, commit)));
            dialogs.notify(n + " conflict" + (n == 1 ? "" : "s") + " to resolve in " + name);
        }, e -> dialogs.showError("Could not open " + ref, e.getMessage()));
    }

    private void add(String title, SkillEditorViewModel vm, VersionsViewModel versions) {
        SkillEditorView editorView = new SkillEditorView(vm, () -> save(vm), prefs);
        TabPane inner = new TabPane();
        inner.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        inner.getTabs().add(new Tab("Edit", editorView));
        TriggerLabViewModel triggers = versions == null ? null : addSkillTabs(inner, vm, versions, title);
        Tab tab = new Tab(title, inner);
        tab.setGraphic(new FontIcon(Feather.FILE_TEXT));
        tab.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> (!vm.skillNameProperty().get().isEmpty() ? vm.skillNameProperty().get()
                        : !vm.formNameProperty().get().isEmpty() ? vm.formNameProperty().get() : "new skill")
                        + (vm.dirtyProperty().get() ? " ●" : ""), vm.skillNameProperty(), vm.formNameProperty(),
                vm.dirtyProperty()));
        SkillTab st = new SkillTab(tab, vm, versions, editorView, triggers);
        String key = vm.namespace() + "/" + (versions == null ? "*new*" + System.nanoTime() : title);
        open.put(key, st);
        tab.setOnCloseRequest(e -> {
            if (vm.dirtyProperty().get() && !confirmDiscard(List.of(open.values().stream()
                    .filter(t -> t.tab() == tab).findFirst().orElse(st)), () -> tabs.getTabs().remove(tab))) {
                e.consume();
            }
        });
        tab.setOnClosed(e -> open.values().removeIf(t -> t.tab() == tab));
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
        editorView.area().requestFocus();
    }

    /** The Versions, Layers and Trigger lab tabs of a saved skill. */
    private TriggerLabViewModel addSkillTabs(TabPane inner, SkillEditorViewModel vm, VersionsViewModel versions, String name) {
        TriggerLabViewModel triggers = new TriggerLabViewModel(core.triggers(), core.author(), executor, dialogs,
                vm.namespace(), name);
        inner.getTabs().add(new Tab("Versions", new VersionsView(versions, () -> vm.load(vm.skillNameProperty().get(), null))));
        inner.getTabs().add(new Tab("Layers", new DisclosureView(versions, budget, () -> vm.namespace() + "/" + name)));
        Tab lab = new Tab("Trigger lab", new TriggerLabView(triggers));
        lab.setOnSelectionChanged(e -> {
            if (lab.isSelected()) {
                triggers.run();
            }
        });
        inner.getTabs().add(lab);
        return triggers;
    }

    /** A new skill's first save: its tab becomes the skill's own, with Versions, Layers and Trigger lab. */
    private void completeNewTab(SkillEditorViewModel vm, String name) {
        open.entrySet().stream().filter(e -> e.getValue().editor() == vm && e.getValue().versions() == null)
                .findFirst().ifPresent(e -> {
                    SkillTab old = e.getValue();
                    VersionsViewModel versions = new VersionsViewModel(core.library(), core.author(), executor, dialogs,
                            vm.namespace(), name);
                    versions.setUnsavedText(vm.textProperty()::get);
                    TabPane inner = (TabPane) old.tab().getContent();
                    TriggerLabViewModel triggers = addSkillTabs(inner, vm, versions, name);
                    open.remove(e.getKey());
                    open.put(vm.namespace() + "/" + name, new SkillTab(old.tab(), vm, versions, old.editorView(), triggers));
                    versions.reload();
                });
    }

    private void save(SkillEditorViewModel vm) {
        save(vm, null);
    }

    /** Saves; {@code stored} runs once the version is stored (not when the save was refused). */
    private void save(SkillEditorViewModel vm, Runnable stored) {
        boolean first = vm.versionProperty().get() == 0;
        vm.save(outcome -> {
            if (outcome.stored() && stored != null) {
                stored.run();
            }
            if (outcome.stored() && first) {
                completeNewTab(vm, outcome.skill().name());
            }
            if (outcome.stored()) {
                open.values().stream().filter(t -> t.editor() == vm && t.versions() != null).forEach(t -> {
                    t.versions().reload();
                    t.triggers().run(); // the lab runs on save: does the new description still do its job?
                });
                afterSave.run();
            }
        });
    }

    /** Saves the selected skill's tab when it has unsaved edits (Ctrl+S). */
    void saveSelected() {
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        open.values().stream().filter(t -> t.tab() == selected).findFirst().ifPresent(t -> {
            if (t.editor().dirtyProperty().get()) {
                save(t.editor());
            }
        });
    }

    /**
     * True when there is nothing unsaved, or the author chose not to save it. With "Save", false: the saves
     * run, and {@code afterSaved} (closing the window) runs once every one is stored.
     */
    boolean confirmClose(Runnable afterSaved) {
        return confirmDiscard(open.values().stream().filter(t -> t.editor().dirtyProperty().get()).toList(), afterSaved);
    }

    /** Save / Don't save / Cancel for these tabs; true when closing may go on now (Don't save). */
    private boolean confirmDiscard(List<SkillTab> dirty, Runnable afterSaved) {
        if (dirty.isEmpty()) {
            return true;
        }
        String names = String.join(", ", dirty.stream().map(t -> t.tab().getText().replace(" ●", "")).toList());
        int choice = dialogs.choose(dirty.size() == 1 ? "Save the changes to " + names + "?"
                        : "Save the changes to " + dirty.size() + " skills?",
                (dirty.size() == 1 ? "It has" : "These have") + " changes that are not saved: " + names
                        + ".\nDon't save throws them away.", "Save", "Don't save");
        if (choice == 1) {
            return true;
        }
        if (choice == 0) {
            int[] left = {dirty.size()};
            for (SkillTab t : dirty) {
                save(t.editor(), () -> {
                    if (--left[0] == 0 && afterSaved != null) {
                        afterSaved.run();
                    }
                });
            }
        }
        return false;
    }

    /**
     * Skills changed elsewhere: the open editors of those (or of skills the library no longer lists, by
     * {@code idOf}) check what changed.
     */
    void changedElsewhere(Set<Long> ids, java.util.function.BiFunction<String, String, Long> idOf) {
        for (SkillTab t : open.values()) {
            Long id = idOf.apply(t.editor().namespace(), t.editor().skillNameProperty().get());
            if (id == null || ids.contains(id)) {
                t.editor().changedElsewhere();
                if (t.versions() != null) {
                    t.versions().reload(); // the Versions and Layers tabs show the new version too
                }
            }
        }
    }
}
