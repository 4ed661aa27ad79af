package dev.skilldesk.ui.library;

import atlantafx.base.theme.Styles;
import dev.skilldesk.library.LibraryOverview;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.ui.common.Action;
import dev.skilldesk.ui.common.ActionTable;
import dev.skilldesk.ui.common.AppState;
import dev.skilldesk.ui.common.DialogService;
import dev.skilldesk.ui.common.Feature;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** The Library place: every skill, by namespace and persona, with the actions on the selected ones. */
public final class LibraryFeature implements Feature {
    public static final String OPEN = "library.open";
    public static final String INSTALL = "library.install";
    public static final String ADD_TO_PROFILE = "library.addToProfile";
    public static final String SWITCH_OFF = "library.switchOff";
    public static final String EXPORT = "library.export";
    public static final String EXPORT_PACKAGES = "library.exportPackages";
    public static final String TAG = "library.tag";
    public static final String DELETE = "library.delete";
    public static final String RESTORE = "library.restore";
    public static final String FILTER = "library.filter";
    public static final String ACCESS_PREFIX = "library.access.";

    /** What the Library asks of other places: where to install, which profile to add to. */
    public record Handoffs(Consumer<List<Skill>> install, Consumer<List<Skill>> addToProfile,
                           Consumer<List<Skill>> switchOff) {
    }

    private final LibraryViewModel vm;
    private final ActionTable actions;
    private final AppState state;
    private LibraryView view;

    public LibraryFeature(LibraryViewModel vm, ActionTable actions, AppState state, DialogService dialogs, Handoffs handoffs) {
        this.vm = vm;
        this.actions = actions;
        this.state = state;
        ObservableBooleanValue any = Bindings.isNotEmpty(vm.selection());
        ObservableBooleanValue anyDeleted = Bindings.createBooleanBinding(
                () -> vm.selection().stream().anyMatch(r -> r.skill().deleted()), vm.selection());
        add(OPEN, "Open", Feather.FILE_TEXT, null, () -> vm.selectedSkills().stream().findFirst()
                .ifPresent(s -> state.open(s.ref())), any);
        add(INSTALL, "Install…", Feather.HARD_DRIVE, null, () -> handoffs.install().accept(vm.selectedSkills()), any);
        add(ADD_TO_PROFILE, "Add to profile…", Feather.LAYERS, null,
                () -> handoffs.addToProfile().accept(vm.selectedSkills()), any);
        add(SWITCH_OFF, "Switch off for agents…", Feather.EYE_OFF, null,
                () -> handoffs.switchOff().accept(vm.selectedSkills()), any);
        add(EXPORT, "Export…", Feather.UPLOAD, null, () -> dialogs.askForFolder("Export into folder")
                .ifPresent(dir -> vm.export(List.copyOf(vm.selection()), dir, false)), any);
        add(EXPORT_PACKAGES, "Export as .skill packages…", Feather.PACKAGE, null, () -> dialogs.askForFolder(
                "Export packages into folder").ifPresent(dir -> vm.export(List.copyOf(vm.selection()), dir, true)), any);
        add(TAG, "Tag…", Feather.TAG, null, () -> dialogs.askForText("Tag", "Add a tag to " + vm.selection().size()
                + " skill(s)", "").ifPresent(t -> vm.addTag(List.copyOf(vm.selection()), t)), any);
        // the Delete key deletes in the table only (its view binds it there): a scene-wide Delete would reach it from
        // any control that lets the key through
        add(DELETE, "Delete", Feather.TRASH_2, null, () -> confirmDelete(dialogs), any);
        add(RESTORE, "Restore", Feather.ROTATE_CCW, null, () -> vm.restore(List.copyOf(vm.selection())), anyDeleted);
        add(FILTER, "Filter the library", Feather.FILTER, new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN),
                () -> {
                    state.placeProperty().set(id()); // the shell brings the Library forward
                    if (view != null) {
                        view.focusFilter();
                    }
                }, Bindings.createBooleanBinding(() -> true));
        for (AccessLevel level : AccessLevel.values()) {
            add(ACCESS_PREFIX + level.key(), "Make " + level.key(), null, null,
                    () -> vm.setAccess(List.copyOf(vm.selection()), level), any);
        }
        vm.selection().addListener((ListChangeListener<LibraryOverview.Row>) c ->
                state.selectedSkillProperty().set(vm.selection().isEmpty() ? null : vm.selection().get(0).skill().ref()));
    }

    private void add(String id, String label, Ikon icon, KeyCombination shortcut, Runnable run,
                     ObservableBooleanValue enabled) {
        actions.add(Action.of(id, "Library", label, icon, shortcut, run).enabledWhen(enabled));
    }

    /** Delete asks first, naming what goes (deleted skills stay restorable: Show deleted, then Restore). */
    private void confirmDelete(DialogService dialogs) {
        List<LibraryOverview.Row> sel = List.copyOf(vm.selection());
        if (sel.isEmpty()) {
            return;
        }
        String what = sel.size() == 1 ? "'" + sel.get(0).skill().name() + "'" : sel.size() + " skills";
        if (dialogs.confirm("Delete " + what + "?", "Deleted skills keep all their versions: tick Show deleted and"
                + " use Restore to bring them back.", "Delete")) {
            vm.delete(sel, null);
        }
    }

    /**
     * The first-start panel above the table: what to do first (import the agent folders found on this machine, or any
     * folder; try a search; write a skill), until the author dismisses it or an import brings skills in.
     */
    public void showWelcome(List<Path> found, Consumer<Path> importFrom, Runnable dismissed) {
        Label title = new Label("Welcome to SkillDesk");
        title.getStyleClass().add(Styles.TITLE_4);
        Label text = new Label(found.isEmpty()
                ? "Start by importing a folder of skills (or drop one on the window), try a search, or write a new skill."
                : "Skills found on this machine: " + String.join(", ", found.stream().map(Path::toString).toList())
                + ". Import them to search, edit and version them here.");
        text.setWrapText(true);
        Button agents = new Button(found.isEmpty() ? "Import a folder…"
                : "Import " + found.get(0).getFileName() + (found.size() > 1 ? " (1 of " + found.size() + ")" : "") + "…",
                new FontIcon(Feather.DOWNLOAD));
        agents.setId("welcomeImport");
        agents.setOnAction(e -> importFrom.accept(found.isEmpty() ? null : found.get(0)));
        Button search = actions.button("search.focus", false);
        search.setText("Try a search");
        Button fresh = actions.button("skill.new", false);
        Button dismiss = new Button("Dismiss");
        dismiss.setId("welcomeDismiss");
        dismiss.getStyleClass().add(Styles.FLAT);
        dismiss.setOnAction(e -> {
            dismissed.run();
            libraryView().setBanner(null);
        });
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox buttons = new HBox(8, agents, search, fresh, grow, dismiss);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox panel = new VBox(6, title, text, buttons);
        panel.setId("welcomePanel");
        panel.getStyleClass().add("welcome-panel");
        panel.setPadding(new Insets(10, 12, 10, 12));
        libraryView().setBanner(panel);
    }

    @Override
    public String id() {
        return "library";
    }

    @Override
    public String title() {
        return "Library";
    }

    @Override
    public Ikon icon() {
        return Feather.BOOK;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new LibraryView(vm, actions, s -> state.open(s.ref()));
        }
        return view;
    }

    @Override
    public Node focusTarget() {
        return view == null ? null : view.table();
    }

    /** The view, once built (the shell builds the Library's at start: it is the first place). */
    public LibraryView libraryView() {
        return (LibraryView) view();
    }

    public LibraryViewModel viewModel() {
        return vm;
    }
}
