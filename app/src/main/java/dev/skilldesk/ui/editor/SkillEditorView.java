package dev.skilldesk.ui.editor;

import dev.skilldesk.audit.AuditRules;
import dev.skilldesk.audit.AuditSeverity;
import dev.skilldesk.audit.Finding;
import dev.skilldesk.parse.QuickFixes;
import dev.skilldesk.parse.Rules;
import dev.skilldesk.skill.Severity;
import dev.skilldesk.skill.SkillFile;
import dev.skilldesk.skill.ValidationIssue;
import dev.skilldesk.ui.common.DialogService;
import dev.skilldesk.ui.common.Prefs;
import dev.skilldesk.ui.common.UiPreferences;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The SKILL.md editor: highlighted text with line numbers, live validation markers (the lines with
 * findings are marked and listed with rule id and message), a frontmatter form kept in sync with the
 * text, and the resource files. Undo/redo are the editor's own (Ctrl+Z, Ctrl+Y).
 */
public final class SkillEditorView extends BorderPane {
    private final SkillEditorViewModel vm;
    private final CodeArea area = new CodeArea();
    private final TableView<ValidationIssue> issues = new TableView<>();
    private final IntFunction<Node> lineNumbers = LineNumberFactory.get(area);
    private boolean pushing;

    private final MarkdownPreview preview = new MarkdownPreview();
    private final Button fix = new Button();
    /** Offered beside a description-quality warning: the Trigger lab tries the description against requests. */
    private final Hyperlink triggerLab = new Hyperlink("Try the description in the Trigger lab");
    private Runnable openTriggerLab = () -> { };
    /** The first findings of an opened skill take the caret to the first error, once; later edits leave it be. */
    private boolean firstFindingsShown;

    /** The editors of the skill's other text files, one per file opened (each keeps its own undo history). */
    private final Map<String, CodeArea> fileAreas = new HashMap<>();
    private final StackPane shown = new StackPane();
    private final Label fileKind = new Label();
    private FileTreePane tree;
    private SplitPane skillMdPane;
    private boolean pushingFile;

    public SkillEditorView(SkillEditorViewModel vm, Runnable save, UiPreferences prefs,
                           DialogService dialogs) {
        this.vm = vm;
        getStyleClass().add("skill-editor");
        area.setId("skillText");
        area.getStyleClass().add("skill-code");
        area.setParagraphGraphicFactory(this::gutter);
        area.setWrapText(prefs.get(Prefs.EDITOR_WRAP));

        // text: area -> view model on every edit; view model -> area when loaded or edited by the form
        area.textProperty().addListener((o, a, b) -> {
            if (!pushing) {
                vm.textProperty().set(b);
            }
            restyle();
        });
        vm.textProperty().addListener((o, a, b) -> {
            if (!b.equals(area.getText())) {
                pushing = true;
                try {
                    boolean loading = a == null || a.isEmpty(); // a skill (or a new one's template) arriving
                    int caret = loading ? 0 : Math.min(area.getCaretPosition(), b.length());
                    area.replaceText(b);
                    area.moveTo(caret);
                    if (loading) {
                        area.showParagraphAtTop(0); // open at line 1, the frontmatter, not at the last line
                    }
                    area.requestFollowCaret();
                } finally {
                    pushing = false;
                }
            }
        });
        // what the view model holds already (a new skill's template, set before this view existed) is shown:
        // the editor shows exactly what Save stores
        if (!vm.textProperty().get().isEmpty()) {
            pushing = true;
            try {
                area.replaceText(vm.textProperty().get());
                area.moveTo(0);
                area.showParagraphAtTop(0);
            } finally {
                pushing = false;
            }
        }
        PauseTransition debounce = new PauseTransition(Duration.millis(250));
        debounce.setOnFinished(e -> vm.validateNow());
        vm.textProperty().addListener((o, a, b) -> debounce.playFromStart());
        vm.issues().addListener((ListChangeListener<ValidationIssue>) c -> {
            restyle();
            area.setParagraphGraphicFactory(this::gutter); // the gutter markers follow the findings
        });

        issues.setId("validationIssues");
        issues.setItems(vm.issues());
        issues.setPrefHeight(150);
        TableColumn<ValidationIssue, String> message = column("Message", 360, ValidationIssue::message);
        // the message takes the width the others leave and wraps, so a finding is read whole, never cut at "…"
        message.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setWrapText(true);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        });
        issues.getColumns().addAll(List.of(
                column("Line", 50, i -> i.line() > 0 ? Integer.toString(i.line()) : ""),
                column("Severity", 80, i -> i.severity().name().toLowerCase()),
                minWidth(column("Rule", 210, ValidationIssue::ruleId), 200), // "frontmatter.needs-quotes" whole
                message));
        issues.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label clean = new Label("No findings: this SKILL.md passes the Agent Skills rules (the trust check's findings,"
                + " if any, are in its panel on the right).");
        clean.setWrapText(true);
        clean.getStyleClass().add("empty-state");
        issues.setPlaceholder(clean);
        fix.setId("quickFix");
        fix.setGraphic(new FontIcon(Feather.TOOL));
        fix.managedProperty().bind(fix.visibleProperty());
        fix.setVisible(false);
        triggerLab.setId("openTriggerLab");
        triggerLab.managedProperty().bind(triggerLab.visibleProperty());
        triggerLab.setVisible(false);
        triggerLab.setOnAction(e -> openTriggerLab.run());
        issues.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> offerFix(b));
        vm.issues().addListener((ListChangeListener<ValidationIssue>) c -> {
            if (!firstFindingsShown && vm.versionProperty().get() > 0) {
                firstFindingsShown = true;
                // a skill that needs fixes opens at its first error, with that error's quick fix offered
                vm.issues().stream().filter(i -> i.severity() == Severity.ERROR).findFirst().ifPresent(first -> {
                    issues.getSelectionModel().select(first);
                    issues.scrollTo(first);
                    if (first.line() > 0) {
                        vm.openAt("SKILL.md", first.line());
                    }
                });
            }
            if (issues.getSelectionModel().getSelectedItem() == null && !vm.issues().isEmpty()) {
                offerFix(vm.issues().stream().filter(i -> vm.quickFix(i).isPresent()).findFirst().orElse(null));
            } else {
                offerFix(issues.getSelectionModel().getSelectedItem());
            }
        });
        issues.setRowFactory(t -> {
            TableRow<ValidationIssue> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (!row.isEmpty() && row.getItem().line() > 0) {
                    int line = Math.min(row.getItem().line() - 1, area.getParagraphs().size() - 1);
                    area.moveTo(line, 0);
                    area.requestFollowCaret();
                    area.requestFocus();
                }
            });
            return row;
        });

        TextField name = new TextField();
        name.setId("formName");
        name.textProperty().bindBidirectional(vm.formNameProperty());
        TextArea description = new TextArea();
        description.setId("formDescription");
        description.setWrapText(true);
        description.setPrefRowCount(5);
        description.textProperty().bindBidirectional(vm.formDescriptionProperty());
        Label descCount = new Label();
        descCount.textProperty().bind(vm.formDescriptionProperty().length().asString("%d / 1024 characters"));
        descCount.setMinWidth(Region.USE_PREF_SIZE);
        descCount.getStyleClass().add("text-muted");
        GridPane form = new GridPane();
        form.setHgap(6);
        form.setVgap(6);
        form.setPadding(new Insets(8));
        Label nameLabel = new Label("name");
        Label descLabel = new Label("description");
        nameLabel.setMinWidth(Region.USE_PREF_SIZE);
        descLabel.setMinWidth(Region.USE_PREF_SIZE);
        form.addRow(0, nameLabel, name);
        form.addRow(1, descLabel, description);
        form.add(descCount, 1, 2);
        GridPane.setHgrow(name, Priority.ALWAYS);

        // the trust check: each finding with its file and line; a SKILL.md one takes the caret to its line
        ListView<Finding> trust = new ListView<>(vm.trustFindings());
        trust.setId("trustFindings");
        trust.setPrefHeight(120);
        trust.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Finding f, boolean empty) {
                super.updateItem(f, empty);
                setWrapText(true);
                setPrefWidth(0);
                getStyleClass().remove("danger");
                if (empty || f == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(f.severity().label() + " · " + f.file() + (f.line() > 0 ? ":" + f.line() : "") + " · " + f.rule()
                        + "\n" + f.message());
                setTooltip(new Tooltip(f.message()));
                if (f.severity() == AuditSeverity.HIGH) {
                    getStyleClass().add("danger");
                }
            }
        });
        // a finding in any file opens that file at its line
        trust.getSelectionModel().selectedItemProperty().addListener((o, a, f) -> {
            if (f != null) {
                vm.openAt(f.file(), f.line());
            }
        });
        Label trusted = new Label("Nothing found: no downloads run, writes outside the skill, secrets, hidden text or"
                + " instructions aimed at the agent.");
        trusted.setWrapText(true);
        trusted.getStyleClass().add("empty-state");
        trusted.maxWidthProperty().bind(trust.widthProperty().subtract(24)); // wraps within the list, never cut
        trust.setPlaceholder(trusted);
        TitledPane trustPane = new TitledPane("Trust check", trust);
        trustPane.textProperty().bind(Bindings.createStringBinding(() -> vm.trustFindings().isEmpty()
                ? "Trust check" : "Trust check (" + vm.trustFindings().size() + ")", vm.trustFindings()));
        VBox side = new VBox(new TitledPane("Frontmatter", form), trustPane);
        side.setMinWidth(300);
        side.setPrefWidth(340);

        Button saveButton = new Button("Save version", new FontIcon(Feather.SAVE));
        saveButton.setId("saveButton");
        saveButton.setOnAction(e -> save.run());
        saveButton.disableProperty().bind(vm.dirtyProperty().not());
        Button revert = new Button("Revert", new FontIcon(Feather.ROTATE_CCW));
        revert.setOnAction(e -> vm.revertAsking());
        revert.disableProperty().bind(vm.dirtyProperty().not());
        Label state = new Label();
        state.setId("editorState");
        state.textProperty().bind(Bindings.createStringBinding(
                () -> (vm.dirtyProperty().get() ? "● unsaved changes" : "saved")
                        + (vm.versionProperty().get() > 0 ? " · version " + vm.versionProperty().get() : " · new skill"),
                vm.dirtyProperty(), vm.versionProperty()));
        Label counts = new Label();
        counts.textProperty().bind(Bindings.createStringBinding(() -> {
            long e = vm.issues().stream().filter(i -> i.severity() == Severity.ERROR).count();
            long w = vm.issues().stream().filter(i -> i.severity() == Severity.WARNING).count();
            // short, so the header keeps its layout as the counts change ("needs fixes": kept from agents until fixed)
            return "· " + e + (e == 1 ? " error, " : " errors, ") + w + (w == 1 ? " warning" : " warnings")
                    + (e > 0 ? " · needs fixes" : "");
        }, vm.issues()));
        TextField note = new TextField();
        note.setId("versionNote");
        note.setPromptText("Note for this version (optional)");
        note.setPrefColumnCount(16);
        note.textProperty().bindBidirectional(vm.noteProperty());
        note.setOnAction(e -> save.run());
        ToggleButton wrap = new ToggleButton("Wrap");
        wrap.setId("editorWrap");
        wrap.setTooltip(new Tooltip("Soft-wrap long lines (Alt+Z)"));
        wrap.setSelected(area.isWrapText());
        wrap.selectedProperty().addListener((o, a, b) -> {
            area.setWrapText(b);
            prefs.set(Prefs.EDITOR_WRAP, b);
        });
        ToggleButton showPreview = new ToggleButton("Preview", new FontIcon(Feather.EYE));
        showPreview.setId("editorPreview");
        showPreview.setTooltip(new Tooltip("Show the rendered body beside the source (Ctrl+Shift+V)"));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        fileKind.setId("fileKind");
        fileKind.getStyleClass().add("text-muted");
        for (Control c : new Control[] {saveButton, revert, state, counts, wrap, showPreview, fileKind}) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        // a narrow window wraps the bar onto a second line rather than cutting its labels to "…"
        FlowPane bar = new FlowPane(8, 6, saveButton, note, revert, state, counts,
                wrap, showPreview, fileKind);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));

        HBox offers = new HBox(10, fix, triggerLab);
        offers.setAlignment(Pos.CENTER_LEFT);
        VBox problems = new VBox(4, offers, issues);
        VBox.setVgrow(issues, Priority.ALWAYS);
        SplitPane source = new SplitPane(new VirtualizedScrollPane<>(area));
        skillMdPane = source;
        shown.getChildren().setAll(source);
        SplitPane vertical = new SplitPane(shown, problems);
        vertical.setOrientation(Orientation.VERTICAL);
        vertical.setDividerPositions(0.68);
        tree = new FileTreePane(vm, dialogs);
        SplitPane horizontal = new SplitPane(tree, vertical, side);
        tree.setPrefWidth(200);
        tree.setMinWidth(150);
        // the tree and the side panel keep their widths as the window changes size: the text takes the difference
        SplitPane.setResizableWithParent(tree, false);
        SplitPane.setResizableWithParent(side, false);
        horizontal.widthProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Number> o, Number a, Number w) {
                if (w.doubleValue() > 0) {
                    horizontal.widthProperty().removeListener(this);
                    double width = w.doubleValue();
                    horizontal.setDividerPositions(200 / width, Math.max(0.5, (width - 340) / width));
                }
            }
        });
        Label external = new Label();
        external.setId("externalChange");
        external.getStyleClass().add("notice");
        external.setWrapText(true);
        external.textProperty().bind(vm.externalChangeProperty());
        external.managedProperty().bind(external.textProperty().isNotEmpty());
        external.visibleProperty().bind(external.managedProperty());
        Label merging = new Label();
        merging.setId("mergeNotice");
        merging.getStyleClass().add("notice");
        merging.setWrapText(true);
        merging.textProperty().bind(vm.mergeNoteProperty());
        merging.managedProperty().bind(merging.textProperty().isNotEmpty());
        merging.visibleProperty().bind(merging.managedProperty());
        setTop(new VBox(bar, merging, external));
        setCenter(horizontal);

        // the rendered preview beside the source, following the text a moment after the last keystroke
        PauseTransition render = new PauseTransition(Duration.millis(300));
        render.setOnFinished(e -> preview.show(vm.body()));
        vm.textProperty().addListener((o, a, b) -> {
            if (showPreview.isSelected()) {
                render.playFromStart();
            }
        });
        showPreview.selectedProperty().addListener((o, a, b) -> {
            prefs.set(Prefs.EDITOR_PREVIEW, b);
            if (b) {
                preview.show(vm.body());
                source.getItems().add(preview);
                source.setDividerPositions(0.5);
            } else {
                source.getItems().remove(preview);
            }
        });
        showPreview.setSelected(prefs.get(Prefs.EDITOR_PREVIEW));
        showPreview.disableProperty().bind(vm.selectedPathProperty().isNotEqualTo("SKILL.md"));

        // the file shown follows the tree (and the findings); what its editor holds follows the files
        vm.selectedPathProperty().addListener((o, a, b) -> showFile(b));
        vm.files().addListener((ListChangeListener<SkillFile>) c -> refreshFileAreas());
        vm.goToProperty().addListener((o, a, b) -> {
            if (b != null) {
                showFile(b.path());
                CodeArea target = b.path().equals("SKILL.md") ? area : fileAreas.get(b.path());
                if (target != null && b.line() > 0) {
                    target.moveTo(Math.min(b.line() - 1, target.getParagraphs().size() - 1), 0);
                    target.requestFollowCaret();
                    target.requestFocus();
                }
            }
        });
        showFile(vm.selectedPathProperty().get());
        setOnKeyPressed(e -> {
            if (e.isAltDown() && e.getCode() == KeyCode.Z) {
                wrap.setSelected(!wrap.isSelected());
                e.consume();
            } else if (e.isShortcutDown() && e.isShiftDown() && e.getCode() == KeyCode.V) {
                showPreview.setSelected(!showPreview.isSelected());
                e.consume();
            }
        });
    }

    /** Shows {@code path}: SKILL.md's editor, another text file's own editor, or what a binary file is. */
    private void showFile(String path) {
        if (path == null || path.equals("SKILL.md")) {
            shown.getChildren().setAll(skillMdPane);
            fileKind.setText("SKILL.md · Markdown with YAML frontmatter");
            return;
        }
        SkillFile f = vm.file(path);
        if (f == null) {
            return;
        }
        if (!f.text()) {
            shown.getChildren().setAll(binaryView(f));
            fileKind.setText(path + " · binary, " + FileTreePane.size(f.size()));
            return;
        }
        boolean fresh = !fileAreas.containsKey(path);
        CodeArea a = fileAreas.computeIfAbsent(path, this::fileArea);
        fileKind.setText(path + " · " + CodeHighlighter.kindOf(path, vm.fileText(path)).label);
        shown.getChildren().setAll(new VirtualizedScrollPane<>(a));
        if (fresh) {
            // a file opens at its first line (once laid out: the viewport follows the caret only then)
            Platform.runLater(() -> {
                a.moveTo(0);
                a.showParagraphAtTop(0);
            });
        }
    }

    /** An editor for one text file: highlighted by its type, its edits going to the view model. */
    private CodeArea fileArea(String path) {
        CodeArea a = new CodeArea();
        a.setId("fileText");
        a.getStyleClass().add("skill-code");
        a.setParagraphGraphicFactory(LineNumberFactory.get(a));
        a.setWrapText(area.isWrapText());
        a.replaceText(vm.fileText(path));
        a.getUndoManager().forgetHistory();
        a.moveTo(0);
        CodeHighlighter.Kind kind = CodeHighlighter.kindOf(path, a.getText());
        a.setStyleSpans(0, CodeHighlighter.compute(kind, a.getText()));
        a.textProperty().addListener((o, was, now) -> {
            if (!pushingFile) {
                vm.setFileText(path, now);
            }
            a.setStyleSpans(0, CodeHighlighter.compute(kind, now));
        });
        area.wrapTextProperty().addListener((o, was, now) -> a.setWrapText(now));
        return a;
    }

    /** After a load, a revert, a rename or a delete: each open file's editor holds what the skill now has. */
    private void refreshFileAreas() {
        fileAreas.keySet().removeIf(p -> vm.file(p) == null);
        pushingFile = true;
        try {
            fileAreas.forEach((p, a) -> {
                String now = vm.fileText(p);
                if (!now.equals(a.getText())) {
                    a.replaceText(now);
                }
            });
        } finally {
            pushingFile = false;
        }
        if (!shown.getChildren().isEmpty() && vm.file(vm.selectedPathProperty().get()) == null
                && !"SKILL.md".equals(vm.selectedPathProperty().get())) {
            showFile("SKILL.md");
        }
    }

    /** What a binary file is: its type and size, and the picture itself for an image. */
    private Node binaryView(SkillFile f) {
        VBox box = new VBox();
        box.getStyleClass().add("binary-file");
        box.setId("binaryFile");
        String lower = f.path().toLowerCase(Locale.ROOT);
        String type = lower.matches(".*\\.(png|jpe?g|gif|bmp|webp)$") ? "Image" : AuditRules.magicOf(f.bytes()) != null
                ? AuditRules.magicOf(f.bytes()) : "Binary file";
        Label what = new Label(f.path() + " · " + type + " · " + FileTreePane.size(f.size()));
        what.setId("binaryKind");
        what.setWrapText(true);
        box.getChildren().add(what);
        if (type.equals("Image")) {
            Image img = new Image(new ByteArrayInputStream(f.bytes()));
            if (!img.isError()) {
                ImageView view = new ImageView(img);
                view.setPreserveRatio(true);
                view.setFitWidth(Math.min(img.getWidth(), 640));
                box.getChildren().addAll(new Label((int) img.getWidth() + " × " + (int) img.getHeight() + " pixels"), view);
            }
        } else {
            Label note = new Label("Binary files are kept as they are; they cannot be edited here. Rename or delete it"
                    + " in the tree, or drop a new one on it.");
            note.setWrapText(true);
            note.getStyleClass().add("text-muted");
            box.getChildren().add(note);
        }
        return new ScrollPane(box);
    }

    /** The file tree (for tests). */
    public TreeView<String> fileTree() {
        return tree.tree();
    }

    /** The editor of a text file other than SKILL.md, once opened. */
    public CodeArea fileArea(String path, boolean open) {
        if (open) {
            vm.selectedPathProperty().set(path);
        }
        return fileAreas.get(path);
    }

    /** What Trigger lab does for the author: the description's quality rules point there. */
    private static final Set<String> TRIGGER_RULES = Set.of(Rules.DESCRIPTION_NO_TRIGGER,
            Rules.DESCRIPTION_TOO_SHORT);

    /** What the Trigger lab link does (the document shows its Trigger lab tab). */
    public void setOnOpenTriggerLab(Runnable open) {
        openTriggerLab = open;
    }

    /** Offers the quick fix of {@code issue} above the findings (or hides the button), and the Trigger lab when it helps. */
    private void offerFix(ValidationIssue issue) {
        triggerLab.setVisible(issue != null ? TRIGGER_RULES.contains(issue.ruleId())
                : vm.issues().stream().anyMatch(i -> TRIGGER_RULES.contains(i.ruleId())));
        var offered = issue == null ? Optional.<QuickFixes.Fix>empty() : vm.quickFix(issue);
        fix.setVisible(offered.isPresent());
        offered.ifPresent(f -> {
            fix.setText("Quick fix: " + f.label());
            fix.setOnAction(e -> {
                // one edit of the area, so Ctrl+Z undoes the fix
                String now = area.getText();
                int start = 0;
                while (start < now.length() && start < f.content().length() && now.charAt(start) == f.content().charAt(start)) {
                    start++;
                }
                int endNow = now.length();
                int endNew = f.content().length();
                while (endNow > start && endNew > start && now.charAt(endNow - 1) == f.content().charAt(endNew - 1)) {
                    endNow--;
                    endNew--;
                }
                area.replaceText(start, endNow, f.content().substring(start, endNew));
                area.moveTo(start);
                area.requestFollowCaret();
                area.requestFocus();
            });
        });
    }

    /** The gutter of a line: its number, and a marker coloured by the worst finding on it. */
    private Node gutter(int paragraph) {
        Node number = lineNumbers.apply(paragraph);
        Label marker = new Label(" ");
        marker.getStyleClass().add("gutter-marker");
        marker.setMinWidth(10);
        Severity worst = null;
        StringBuilder tip = new StringBuilder();
        for (ValidationIssue i : vm.issues()) {
            if (i.line() - 1 == paragraph) {
                worst = worst == Severity.ERROR ? worst : i.severity();
                tip.append(tip.isEmpty() ? "" : "\n").append(i.ruleId()).append(": ").append(i.message());
            }
        }
        if (worst != null) {
            marker.setText("●");
            marker.getStyleClass().add(worst == Severity.ERROR ? "gutter-error" : "gutter-warning");
            Tooltip.install(marker, new Tooltip(tip.toString()));
        }
        HBox g = new HBox(number, marker);
        g.setAlignment(Pos.CENTER_LEFT);
        return g;
    }

    private void restyle() {
        String text = area.getText();
        area.setStyleSpans(0, SkillMdHighlighter.compute(text));
        // a line with an error is marked as one; a line with warnings only, as a warning
        Set<Integer> errors = new HashSet<>();
        Set<Integer> warnings = new HashSet<>();
        for (ValidationIssue i : vm.issues()) {
            if (i.line() > 0) {
                (i.severity() == Severity.ERROR ? errors : warnings).add(i.line() - 1);
            }
        }
        for (int p = 0; p < area.getParagraphs().size(); p++) {
            List<String> style = errors.contains(p) ? List.of("issue-line")
                    : warnings.contains(p) ? List.of("issue-line-warning") : List.of();
            if (!area.getParagraph(p).getParagraphStyle().equals(style)) {
                area.setParagraphStyle(p, style);
            }
        }
    }

    public CodeArea area() {
        return area;
    }

    private static TableColumn<ValidationIssue, String> minWidth(TableColumn<ValidationIssue, String> c, double min) {
        c.setMinWidth(min);
        return c;
    }

    private static TableColumn<ValidationIssue, String> column(String title, double width,
                                                              Function<ValidationIssue, String> f) {
        TableColumn<ValidationIssue, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 92));
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        });
        return c;
    }
}
