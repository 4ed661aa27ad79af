package dev.skilldesk.ui.common;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Asks for a folder or a .skill/.zip package to import; a path can be typed, chosen, or dropped. */
public final class ImportDialog {
    private ImportDialog() {
    }

    public static Optional<Path> ask(Window owner) {
        Dialog<Path> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Import skills");
        dialog.setHeaderText("Import a skill folder, a folder of skills, or a .skill/.zip package.\n"
                + "Agent folders such as ~/.claude/skills work too. (You can also drop them on the window.)");
        TextField path = new TextField();
        path.setId("importPath");
        path.setPromptText("/path/to/skills or package.skill");
        Button folder = new Button("Folder…");
        folder.setOnAction(e -> {
            File f = new DirectoryChooser().showDialog(owner);
            if (f != null) {
                path.setText(f.getPath());
            }
        });
        Button pkg = new Button("Package…");
        pkg.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Skill packages", "*.skill", "*.zip"));
            File f = fc.showOpenDialog(owner);
            if (f != null) {
                path.setText(f.getPath());
            }
        });
        Label hint = new Label();
        hint.getStyleClass().add("text-muted");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(10));
        Label label = new Label("Path");
        for (javafx.scene.control.Control c : new javafx.scene.control.Control[] {label, folder, pkg}) {
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // never squeezed to "…" by the text field
        }
        grid.addRow(0, label, path, folder, pkg);
        grid.add(hint, 1, 1, 3, 1);
        GridPane.setHgrow(path, Priority.ALWAYS);
        path.setPrefColumnCount(40);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(new ButtonType("Import", ButtonType.OK.getButtonData()),
                ButtonType.CANCEL);
        Button ok = (Button) dialog.getDialogPane().lookupButton(dialog.getDialogPane().getButtonTypes().get(0));
        ok.setId("importOk");
        path.textProperty().addListener((o, a, b) -> {
            boolean exists = !b.isBlank() && Files.exists(Path.of(b.strip()));
            hint.setText(b.isBlank() ? "" : exists ? "" : "No such file or folder");
            ok.setDisable(!exists);
        });
        ok.setDisable(true);
        dialog.setResultConverter(b -> b.getButtonData() == ButtonType.OK.getButtonData() ? Path.of(path.getText().strip()) : null);
        return dialog.showAndWait();
    }
}
