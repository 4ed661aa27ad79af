package dev.skilldesk.ui.editor;

import dev.skilldesk.ui.common.Forms;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Window;

/** Asks for a new skill's name first (checked as it is typed), then namespace, persona and description. */
public final class NewSkillDialog {
    private NewSkillDialog() {
    }

    /** True when the author chose Create. */
    public static boolean ask(Window owner, NewSkillViewModel vm) {
        Dialog<Boolean> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("New skill");
        dialog.setHeaderText("Name the skill. The name is also its folder's name when it is installed or exported.");
        TextField name = new TextField();
        name.setId("newSkillName");
        name.setPromptText("pdf-form-filler");
        name.textProperty().bindBidirectional(vm.nameProperty());
        ComboBox<String> namespace = Forms.editableCombo("newSkillNamespace", vm.namespaces(), "default");
        namespace.getEditor().textProperty().bindBidirectional(vm.namespaceProperty());
        ComboBox<String> persona = Forms.editableCombo("newSkillPersona", vm.personas(), "general");
        persona.getEditor().textProperty().bindBidirectional(vm.personaProperty());
        TextArea description = new TextArea();
        description.setId("newSkillDescription");
        description.setPromptText("What the skill does and when an agent should use it (you can write it later)");
        description.setWrapText(true);
        description.setPrefRowCount(3);
        description.textProperty().bindBidirectional(vm.descriptionProperty());
        Label problem = new Label();
        problem.setId("newSkillProblem");
        problem.getStyleClass().add("danger");
        problem.setWrapText(true);
        problem.textProperty().bind(vm.problemProperty());

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(10));
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);
        grid.addRow(0, Forms.label("Name"), name);
        grid.addRow(1, Forms.label("Namespace"), namespace);
        grid.addRow(2, Forms.label("Persona"), persona);
        grid.addRow(3, Forms.label("Description"), description);
        grid.add(problem, 1, 4);
        namespace.setMaxWidth(Double.MAX_VALUE);
        persona.setMaxWidth(Double.MAX_VALUE);
        grid.setPrefWidth(560);
        dialog.getDialogPane().setContent(grid);
        ButtonType create = new ButtonType("Create", ButtonType.OK.getButtonData());
        dialog.getDialogPane().getButtonTypes().addAll(create, ButtonType.CANCEL);
        Button ok = (Button) dialog.getDialogPane().lookupButton(create);
        ok.setId("newSkillOk");
        ok.disableProperty().bind(vm.canCreateProperty().not());
        dialog.setOnShown(e -> name.requestFocus());
        dialog.setResultConverter(b -> b == create);
        return dialog.showAndWait().orElse(false);
    }

}
