package dev.skilldesk.ui.installs;

import dev.skilldesk.library.Profiles;
import dev.skilldesk.ui.common.UiPreferences;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;

/**
 * The profiles beside the installs: the list, the selected profile's skills, and Apply to a project…, whose steps
 * (installed, updated, removed, unchanged, kept) show below.
 */
public final class ProfilesView extends VBox {
    public ProfilesView(ProfilesViewModel vm, UiPreferences prefs) {
        super(6);
        setPadding(new Insets(8));
        getStyleClass().add("profiles-view");
        Label title = new Label("Profiles");
        title.getStyleClass().add("title-4");

        ListView<Profiles.Profile> list = new ListView<>(vm.profiles());
        list.setId("profilesList");
        list.setPrefHeight(140);
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Profiles.Profile p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.name() + " (" + p.skills().size() + ")");
            }
        });
        Label none = new Label("No profiles yet: select skills in the Library and choose Add to profile…, or New… here.");
        none.setTooltip(new Tooltip("A profile is a set of skills for a kind of project"
                + " (\"python-backend\"): Apply puts them into a project's agent folders in one step."));
        none.setWrapText(true);
        none.setMinHeight(Region.USE_PREF_SIZE);
        none.setMaxWidth(260);
        none.getStyleClass().add("empty-state");
        list.setPlaceholder(none);
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && vm.selectedProperty().get() != b) {
                vm.selectedProperty().set(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b != null && list.getSelectionModel().getSelectedItem() != b) {
                list.getSelectionModel().select(b);
            }
        });

        Button create = new Button("New…", new FontIcon(Feather.PLUS));
        create.setId("newProfile");
        create.setOnAction(e -> {
            TextInputDialog d = new TextInputDialog();
            d.initOwner(getScene().getWindow());
            d.setTitle("New profile");
            d.setHeaderText("A name for the set of skills, such as python-backend");
            d.setContentText("Name:");
            d.showAndWait().filter(n -> !n.isBlank()).ifPresent(n -> vm.create(n, List.of()));
        });
        Button delete = new Button("Delete");
        delete.disableProperty().bind(vm.selectedProperty().isNull());
        delete.setOnAction(e -> vm.delete(vm.selectedProperty().get().name()));
        HBox head = new HBox(6, title, new Region(), create, delete);
        HBox.setHgrow(head.getChildren().get(1), Priority.ALWAYS);
        head.setAlignment(Pos.CENTER_LEFT);

        ListView<String> skills = new ListView<>();
        skills.setId("profileSkills");
        skills.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        skills.itemsProperty().bind(Bindings.createObjectBinding(() -> FXCollections.observableArrayList(
                vm.selectedProperty().get() == null ? List.of() : vm.selectedProperty().get().skills()), vm.selectedProperty()));
        Label noSkills = new Label("Select skills in the Library, then right-click, Add to profile…");
        noSkills.setWrapText(true);
        noSkills.setMinHeight(Region.USE_PREF_SIZE);
        noSkills.setMaxWidth(260);
        noSkills.getStyleClass().add("empty-state");
        skills.setPlaceholder(noSkills);
        skills.setPrefHeight(150);
        Button remove = new Button("Remove");
        remove.setId("removeFromProfile");
        remove.setTooltip(new Tooltip("Take the selected skills out of the profile (the next apply"
                + " removes the copies it made)"));
        remove.disableProperty().bind(Bindings.isEmpty(skills.getSelectionModel().getSelectedItems()));
        remove.setOnAction(e -> vm.remove(vm.selectedProperty().get().name(),
                List.copyOf(skills.getSelectionModel().getSelectedItems())));
        Button apply = new Button("Apply to project…", new FontIcon(Feather.FOLDER_PLUS));
        apply.setId("applyProfile");
        apply.setDefaultButton(false);
        // a profile with no skills has nothing to apply (applying it would only remove): add skills first
        apply.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.selectedProperty().get() == null
                || vm.selectedProperty().get().skills().isEmpty(), vm.selectedProperty()));
        apply.setTooltip(new Tooltip("Make the project's skills folders of the agents you choose"
                + " hold exactly this profile: installs, updates, and removes what left it (only copies SkillDesk wrote)"));
        apply.setOnAction(e -> {
            Profiles.Profile p = vm.selectedProperty().get();
            InstallTargetDialog.ask(getScene().getWindow(), "Apply " + p.name() + " (" + p.skills().size()
                            + (p.skills().size() == 1 ? " skill" : " skills") + "): the folders below end up holding exactly its skills. Applying again adds, updates"
                            + " and removes what changed; copies edited on disk are kept.", "Apply", vm.env(), prefs, false)
                    .ifPresent(choice -> vm.apply(p.name(), choice, null));
        });
        HBox actions = new HBox(6, remove, apply);
        actions.setAlignment(Pos.CENTER_LEFT);
        for (Button b : List.of(create, delete, remove, apply)) {
            b.setMinWidth(Region.USE_PREF_SIZE); // never cut: the pane is as wide as they need
        }

        ListView<Profiles.Step> steps = new ListView<>(vm.lastApply());
        steps.setId("profileSteps");
        steps.setPrefHeight(150);
        VBox.setVgrow(steps, Priority.ALWAYS);
        steps.setCellFactory(l -> new ListCell<>() {
            private final Tooltip tip = new Tooltip();

            @Override
            protected void updateItem(Profiles.Step st, boolean empty) {
                super.updateItem(st, empty);
                setWrapText(true);
                setPrefWidth(0); // wrap to the list's width
                if (empty || st == null) {
                    setText(null);
                    setTooltip(null);
                } else {
                    setText(st.skill().substring(st.skill().indexOf('/') + 1) + ": " + st.outcome());
                    tip.setText(st.folder() + " (" + st.agents() + ")");
                    setTooltip(tip);
                }
            }
        });
        Label noSteps = new Label("What applying a profile did shows here.");
        noSteps.setWrapText(true);
        noSteps.setMinHeight(Region.USE_PREF_SIZE);
        noSteps.setMaxWidth(260);
        noSteps.getStyleClass().add("empty-state");
        steps.setPlaceholder(noSteps);

        getChildren().addAll(head, list, new Label("Skills in the profile"), skills, actions,
                lastApplyHeading(vm), steps);
    }

    /** "What the last apply did", and where once there was one. */
    private static Label lastApplyHeading(ProfilesViewModel vm) {
        Label l = new Label();
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.textProperty().bind(Bindings.createStringBinding(() -> vm.lastFoldersProperty().get().isEmpty()
                ? "What the last apply did" : "What the last apply did in " + vm.lastFoldersProperty().get(),
                vm.lastFoldersProperty()));
        return l;
    }
}
