package dev.skilldesk.ui.library;

import dev.skilldesk.library.ImportReport;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.ui.common.AccessChoices;
import dev.skilldesk.ui.common.Forms;
import dev.skilldesk.ui.common.Tables;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * The import dialog: what to import (typed, chosen or dropped), where it lands, and a preview of what the
 * import would do, per top folder, made in the background as the inputs change. Import stays disabled
 * until the preview on screen is the preview of the inputs as they are.
 */
public final class ImportDialog {
    private ImportDialog() {
    }

    /** Shows the dialog over {@code vm}; true when the author chose Import. */
    public static boolean ask(Window owner, ImportViewModel vm) {
        Dialog<Boolean> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Import skills");
        dialog.setHeaderText("Import a skill folder, a folder of skills, or a .skill/.zip package.\n"
                + "Agent folders such as ~/.claude/skills work too. Nothing is written until you choose Import.");
        dialog.setResizable(true);

        TextField path = new TextField();
        path.setId("importPath");
        path.setPromptText("/path/to/skills or package.skill");
        path.textProperty().bindBidirectional(vm.pathProperty());
        Button folder = new Button("Folder…");
        folder.setOnAction(e -> {
            File f = new DirectoryChooser().showDialog(dialog.getDialogPane().getScene().getWindow());
            if (f != null) {
                path.setText(f.getPath());
            }
        });
        Button pkg = new Button("Package…");
        pkg.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Skill packages", "*.skill", "*.zip"));
            File f = fc.showOpenDialog(dialog.getDialogPane().getScene().getWindow());
            if (f != null) {
                path.setText(f.getPath());
            }
        });

        ComboBox<String> namespace = Forms.editableCombo("importNamespace", vm.namespaces(), "default");
        namespace.setTooltip(new Tooltip("Where the skills land; with top folders as namespaces, only the skills at the"
                + " top of the chosen folder itself"));
        namespace.getEditor().textProperty().bindBidirectional(vm.namespaceProperty());
        ChoiceBox<ImportViewModel.Mapping> mapping = new ChoiceBox<>();
        mapping.setId("importMapping");
        mapping.getItems().setAll(ImportViewModel.Mapping.values());
        mapping.valueProperty().bindBidirectional(vm.mappingProperty());
        mapping.setTooltip(new Tooltip("What the first level of folders in the chosen folder becomes: for a tree such"
                + " as corpus/<source>/<skill>, 'become namespaces' puts each source's skills in a namespace of its own."
                + " Offered when the chosen folder has top folders of skills."));
        // a single skill folder, or a folder of skills, has no top folders: the choice would say nothing there
        mapping.disableProperty().bind(vm.treeProperty().not());
        ComboBox<String> persona = Forms.editableCombo("importPersona", vm.personas(), "from each SKILL.md");
        persona.getEditor().textProperty().bindBidirectional(vm.personaProperty());
        ChoiceBox<AccessLevel> access = new ChoiceBox<>();
        access.setId("importAccess");
        access.getItems().setAll(AccessChoices.LEVELS);
        access.setConverter(AccessChoices.BY_KEY);
        access.valueProperty().bindBidirectional(vm.accessProperty());
        TextField tags = new TextField();
        tags.setId("importTags");
        tags.setPromptText("tag-a, tag-b");
        tags.setTooltip(new Tooltip("Tags added to every imported skill, separated by commas"));
        tags.textProperty().bindBidirectional(vm.tagsProperty());
        TextField note = new TextField();
        note.setId("importNote");
        note.setPromptText("saved with each new version");
        note.textProperty().bindBidirectional(vm.noteProperty());

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints wide = new ColumnConstraints();
        wide.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().addAll(labels, wide, labels, wide);
        GridPane pathRow = new GridPane();
        pathRow.setHgap(8);
        pathRow.addRow(0, path, folder, pkg);
        GridPane.setHgrow(path, Priority.ALWAYS);
        form.add(Forms.label("Import from"), 0, 0);
        form.add(pathRow, 1, 0, 3, 1);
        form.addRow(1, Forms.label("Namespace"), namespace, Forms.label("Top folders"), mapping);
        form.addRow(2, Forms.label("Persona"), persona, Forms.label("Access"), access);
        form.addRow(3, Forms.label("Tags"), tags, Forms.label("Note"), note);
        for (Control c : new Control[] {folder, pkg, mapping, access}) {
            c.setMinWidth(Region.USE_PREF_SIZE); // never squeezed to "…"
        }
        for (Control c : new Control[] {namespace, persona, tags, note}) {
            c.setMaxWidth(Double.MAX_VALUE);
        }

        Label problem = new Label();
        problem.setId("importProblem");
        problem.getStyleClass().add("danger");
        // nothing is wrong before anything was chosen: the preview's placeholder says what to do then
        problem.textProperty().bind(Bindings.when(vm.pathProperty().isEmpty()).then("").otherwise(vm.problemProperty()));
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        problem.visibleProperty().bind(problem.managedProperty());
        problem.setWrapText(true);
        Label summary = new Label();
        summary.setId("importSummary");
        summary.textProperty().bind(vm.summaryProperty());
        summary.setWrapText(true);

        TableView<ImportReport.FolderCounts> folders = new TableView<>(vm.folders());
        folders.setId("importPreview");
        Label previewHint = new Label("Choose a folder or package: the skills found in it show here per folder,"
                + " with what importing would do with them.");
        previewHint.setWrapText(true);
        folders.setPlaceholder(previewHint);
        folders.getColumns().add(column("Folder", 110, f -> f.folder().isEmpty() ? "(this folder)" : f.folder() + "/"));
        folders.getColumns().add(column("Lands in", 110, f -> (f.namespace() == null ? "—" : f.namespace())
                + (f.persona() == null ? "" : " · " + f.persona())));
        folders.getColumns().add(column("New", 60, f -> Integer.toString(f.created())));
        folders.getColumns().add(column("Changed", 70, f -> Integer.toString(f.changed())));
        folders.getColumns().add(column("Unchanged", 80, f -> Integer.toString(f.unchanged())));
        folders.getColumns().add(column("Refused", 70, f -> Integer.toString(f.refused())));
        folders.getColumns().add(column("Need fixes", 80, f -> Integer.toString(f.needFixes())));
        folders.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        // the dialog fits the screen: on a small one (1024x640) the two lists are shorter, not cut off at the bottom
        boolean small = javafx.stage.Screen.getPrimary().getVisualBounds().getHeight() < 760;
        folders.setPrefHeight(small ? 84 : 130);

        // what is refused and why, every line of it: a fixed place in the dialog (it never grows or jumps), text
        // that wraps and scrolls
        TextArea refused = new TextArea();
        refused.setId("importRefused");
        refused.setEditable(false);
        refused.setWrapText(true);
        refused.setPrefRowCount(small ? 3 : 8);
        refused.setMinHeight(small ? 64 : 100);
        Label refusedLabel = Forms.label("Findings:");
        refusedLabel.setText("Needing fixes (imported, kept from agents until fixed) and refused (not imported):");

        CheckBox risk = new CheckBox("Import the skills the trust check"
                + " refused anyway (I have read their findings)");
        risk.setId("importAcceptRisk");
        risk.setMinWidth(Region.USE_PREF_SIZE);
        risk.selectedProperty().bindBidirectional(vm.acceptRiskProperty());
        risk.visibleProperty().bind(vm.trustRefusalsProperty()); // its line is kept: nothing below it moves
        // once it is ticked they are no longer refused: what they were refused for stays on screen
        Runnable showRefused = () -> {
            StringBuilder b = new StringBuilder();
            // every finding of every skill at once, file and line first: fixed in one pass, in the editor or at home
            for (ImportReport.Entry e : vm.needFixes()) {
                b.append("Needs fixes: ").append(e.namespace()).append('/').append(e.name()).append('\n');
                for (var i : e.issues().stream().sorted(java.util.Comparator.comparingInt(
                        (dev.skilldesk.skill.ValidationIssue x) -> x.line() <= 0 ? Integer.MAX_VALUE : x.line())).toList()) {
                    b.append("    ").append(relative(vm, e.path())).append(i.line() > 0 ? ":" + i.line() : "").append(": ")
                            .append(i.severity().name().toLowerCase(Locale.ROOT)).append(" [")
                            .append(i.ruleId()).append("] ").append(i.message()).append('\n');
                }
                b.append('\n');
            }
            for (ImportReport.Entry e : vm.refused()) {
                b.append("Refused: ").append(e.path()).append(": ").append(e.reason()).append("\n\n");
            }
            if (vm.acceptRiskProperty().get() && !vm.trustFlagged().isEmpty()) {
                b.append("Imported despite the trust check:\n\n");
                for (ImportReport.Entry e : vm.trustFlagged()) {
                    b.append(e.path()).append(": ").append(e.reason()).append("\n\n");
                }
            }
            refused.setText(b.length() > 0 ? b.toString().strip() : vm.folders().isEmpty()
                    ? "Findings show here once a folder or package is chosen."
                    : "No findings: every skill found passes, and nothing is refused.");
        };
        vm.refused().addListener((ListChangeListener<ImportReport.Entry>) c -> showRefused.run());
        vm.needFixes().addListener((ListChangeListener<ImportReport.Entry>) c -> showRefused.run());
        vm.trustFlagged().addListener((ListChangeListener<ImportReport.Entry>) c -> showRefused.run());
        vm.acceptRiskProperty().addListener((o, a, b) -> showRefused.run());
        vm.folders().addListener((ListChangeListener<ImportReport.FolderCounts>) c -> showRefused.run());
        showRefused.run();
        VBox content = new VBox(10, form, problem, summary, folders, refusedLabel, refused, risk);
        VBox.setVgrow(refused, Priority.ALWAYS); // the findings take what room the dialog has
        content.setPadding(new Insets(10));
        content.setPrefWidth(860);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().setPrefWidth(900);
        dialog.getDialogPane().setMinWidth(720);
        ButtonType importType = new ButtonType("Import", ButtonType.OK.getButtonData());
        dialog.getDialogPane().getButtonTypes().addAll(importType, ButtonType.CANCEL);
        Button ok = (Button) dialog.getDialogPane().lookupButton(importType);
        ok.setId("importOk");
        ok.disableProperty().bind(vm.canImportProperty().not());

        // the preview follows the inputs, a moment after the last keystroke
        PauseTransition settle = new PauseTransition(Duration.millis(250));
        settle.setOnFinished(e -> vm.preview());
        Runnable changed = settle::playFromStart;
        for (var p : new Observable[] {vm.pathProperty(), vm.namespaceProperty(), vm.mappingProperty(),
                vm.personaProperty(), vm.accessProperty(), vm.tagsProperty(), vm.noteProperty(), vm.acceptRiskProperty()}) {
            p.addListener(o -> changed.run());
        }
        if (!vm.pathProperty().get().isBlank()) {
            vm.preview();
        }
        dialog.setOnShown(e -> path.requestFocus()); // typing a path works at once
        dialog.setResultConverter(b -> b == importType);
        return dialog.showAndWait().orElse(false);
    }

    /** A skill's path as the author reads it: under the folder chosen (absolute only when it is outside). */
    private static String relative(ImportViewModel vm, String path) {
        try {
            Path root = vm.target().toAbsolutePath().normalize();
            Path p = Path.of(path).toAbsolutePath().normalize();
            return p.startsWith(root) && !p.equals(root) ? root.relativize(p).toString().replace('\\', '/') : path;
        } catch (RuntimeException notAPath) {
            return path;
        }
    }

    private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        // at least what the bold header needs, so that it is never cut
        double header = Tables.headerWidth(title);
        c.setPrefWidth(Math.max(width, header));
        c.setMinWidth(Math.max(width, header));
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        return c;
    }
}
