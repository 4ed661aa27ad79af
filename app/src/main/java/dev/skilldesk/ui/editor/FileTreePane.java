package dev.skilldesk.ui.editor;

import dev.skilldesk.library.SkillFolderReader;
import dev.skilldesk.skill.SkillFile;
import dev.skilldesk.ui.common.DialogService;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A skill's folder as a tree beside the editor: SKILL.md, scripts/, references/, assets/ and any file. A click opens a
 * file; New file…, Rename… and Delete (also on the context menu, F2 and Delete) change the folder; files dropped on
 * the tree are added, in the folder dropped on. Every name passes the rules import applies.
 */
final class FileTreePane extends VBox {
    private final SkillEditorViewModel vm;
    private final DialogService dialogs;
    private final TreeView<String> tree = new TreeView<>();
    private boolean rebuilding;

    FileTreePane(SkillEditorViewModel vm, DialogService dialogs) {
        this.vm = vm;
        this.dialogs = dialogs;
        getStyleClass().add("file-tree");
        setId("fileTree");
        tree.setId("fileTreeView");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new TreeCell<>() {
            @Override
            protected void updateItem(String path, boolean empty) {
                super.updateItem(path, empty);
                if (empty || path == null) {
                    setText(null);
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                boolean folder = path.endsWith("/");
                String trimmed = folder ? path.substring(0, path.length() - 1) : path;
                setText(trimmed.substring(trimmed.lastIndexOf('/') + 1) + (folder ? "/" : ""));
                setGraphic(new FontIcon(folder ? Feather.FOLDER : path.equals("SKILL.md") ? Feather.BOOK_OPEN
                        : icon(vm.file(path))));
                SkillFile f = folder ? null : vm.file(path);
                setTooltip(new Tooltip(path + (f == null ? "" : "  ·  " + size(f.size()) + (f.text() ? "" : ", binary"))));
            }
        });
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (!rebuilding && b != null && !b.getValue().endsWith("/")) {
                vm.selectedPathProperty().set(b.getValue());
            }
        });
        vm.paths().addListener((ListChangeListener<String>) c -> rebuild());
        vm.selectedPathProperty().addListener((o, a, b) -> select(b));
        tree.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.F2) {
                rename();
                e.consume();
            } else if (e.getCode() == KeyCode.DELETE) {
                delete();
                e.consume();
            }
        });
        MenuItem add = new MenuItem("New file…", new FontIcon(Feather.FILE_PLUS));
        add.setOnAction(e -> newFile());
        MenuItem rename = new MenuItem("Rename…", new FontIcon(Feather.EDIT_2));
        rename.setOnAction(e -> rename());
        MenuItem delete = new MenuItem("Delete", new FontIcon(Feather.TRASH_2));
        delete.setOnAction(e -> delete());
        tree.setContextMenu(new ContextMenu(add, rename, delete));

        // files dropped on the tree join the skill, in the folder they were dropped on
        tree.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        tree.setOnDragDropped(e -> {
            boolean ok = false;
            if (e.getDragboard().hasFiles()) {
                String into = folderAt(e.getPickResult().getIntersectedNode());
                for (File f : e.getDragboard().getFiles()) {
                    ok |= addFromDisk(f.toPath(), into);
                }
            }
            e.setDropCompleted(ok);
            e.consume();
        });

        Button newFile = button("New file…", Feather.FILE_PLUS, this::newFile, "newFileButton");
        Button renameButton = button("Rename…", Feather.EDIT_2, this::rename, "renameFileButton");
        Button deleteButton = button("Delete", Feather.TRASH_2, this::delete, "deleteFileButton");
        Label title = new Label("Files");
        title.getStyleClass().add("text-muted");
        HBox bar = new HBox(4, title, new Region(), newFile, renameButton, deleteButton);
        HBox.setHgrow(bar.getChildren().get(1), Priority.ALWAYS);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 4, 4, 8));
        Label hint = new Label("Drop files here to add them");
        hint.getStyleClass().addAll("text-muted", "text-small");
        hint.setPadding(new Insets(2, 8, 4, 8));
        VBox.setVgrow(tree, Priority.ALWAYS);
        getChildren().addAll(bar, tree, hint);
        setMinWidth(150);
        rebuild();
    }

    TreeView<String> tree() {
        return tree;
    }

    private static Button button(String tip, Feather icon, Runnable run, String id) {
        Button b = new Button(null, new FontIcon(icon));
        b.setId(id);
        b.getStyleClass().add("flat");
        b.setTooltip(new Tooltip(tip));
        b.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        b.setOnAction(e -> run.run());
        return b;
    }

    private static Feather icon(SkillFile f) {
        if (f == null) {
            return Feather.FILE;
        }
        String p = f.path().toLowerCase(Locale.ROOT);
        if (p.matches(".*\\.(png|jpe?g|gif|bmp|webp|svg)$")) {
            return Feather.IMAGE;
        }
        return f.text() ? Feather.FILE_TEXT : Feather.PACKAGE;
    }

    static String size(long bytes) {
        return bytes < 1024 ? bytes + " bytes" : bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024.0);
    }

    private void rebuild() {
        rebuilding = true;
        try {
            TreeItem<String> root = new TreeItem<>("/");
            Map<String, TreeItem<String>> folders = new TreeMap<>();
            List<String> paths = new ArrayList<>(vm.paths());
            for (String p : paths) {
                TreeItem<String> parent = root;
                int slash = p.indexOf('/');
                while (slash > 0) {
                    String folder = p.substring(0, slash + 1);
                    TreeItem<String> at = parent;
                    parent = folders.computeIfAbsent(folder, k -> {
                        TreeItem<String> item = new TreeItem<>(k);
                        item.setExpanded(true);
                        at.getChildren().add(item);
                        return item;
                    });
                    slash = p.indexOf('/', slash + 1);
                }
                parent.getChildren().add(new TreeItem<>(p));
            }
            sortFoldersFirst(root);
            tree.setRoot(root);
        } finally {
            rebuilding = false;
        }
        select(vm.selectedPathProperty().get());
    }

    /** SKILL.md first, then folders, then files, each by name. */
    private static void sortFoldersFirst(TreeItem<String> item) {
        item.getChildren().sort((a, b) -> {
            int ka = a.getValue().equals("SKILL.md") ? 0 : a.getValue().endsWith("/") ? 1 : 2;
            int kb = b.getValue().equals("SKILL.md") ? 0 : b.getValue().endsWith("/") ? 1 : 2;
            return ka != kb ? Integer.compare(ka, kb) : a.getValue().compareToIgnoreCase(b.getValue());
        });
        item.getChildren().forEach(FileTreePane::sortFoldersFirst);
    }

    private void select(String path) {
        TreeItem<String> item = find(tree.getRoot(), path);
        if (item != null && tree.getSelectionModel().getSelectedItem() != item) {
            rebuilding = true;
            try {
                tree.getSelectionModel().select(item);
            } finally {
                rebuilding = false;
            }
        }
    }

    private static TreeItem<String> find(TreeItem<String> at, String path) {
        if (at == null) {
            return null;
        }
        if (path.equals(at.getValue())) {
            return at;
        }
        for (TreeItem<String> c : at.getChildren()) {
            TreeItem<String> f = find(c, path);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    /** The folder a new file goes into: the selected folder, or the selected file's folder. */
    private String selectedFolder() {
        TreeItem<String> sel = tree.getSelectionModel().getSelectedItem();
        if (sel == null) {
            return "";
        }
        String v = sel.getValue();
        return v.endsWith("/") ? v : v.contains("/") ? v.substring(0, v.lastIndexOf('/') + 1) : "";
    }

    private String folderAt(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n instanceof TreeCell<?> cell && cell.getItem() instanceof String v) {
                return v.endsWith("/") ? v : v.contains("/") ? v.substring(0, v.lastIndexOf('/') + 1) : "";
            }
        }
        return "";
    }

    private void newFile() {
        String folder = selectedFolder();
        dialogs.askForText("New file", "A path inside the skill, such as scripts/check.py or references/api.md",
                folder.isEmpty() ? "references/" : folder).ifPresent(p -> {
                    String why = vm.addFile(p, new byte[0]);
                    if (why != null) {
                        dialogs.showError("Not added", why);
                    }
                });
    }

    private void rename() {
        String p = vm.selectedPathProperty().get();
        if (p.equals("SKILL.md")) {
            dialogs.showError("Not renamed", "SKILL.md is the skill itself: it keeps its name (the skill's name is its"
                    + " frontmatter's name).");
            return;
        }
        dialogs.askForText("Rename", "A new path for " + p + " (a folder in it moves the file there)", p).ifPresent(n -> {
            String why = vm.renameFile(p, n);
            if (why != null) {
                dialogs.showError("Not renamed", why);
            }
        });
    }

    private void delete() {
        String p = vm.selectedPathProperty().get();
        if (p.equals("SKILL.md")) {
            dialogs.showError("Not deleted", "SKILL.md is the skill itself: it cannot be deleted.");
            return;
        }
        if (dialogs.confirm("Delete " + p + "?", "It leaves the skill when you save; Revert brings it back until then.",
                "Delete")) {
            String why = vm.deleteFile(p);
            if (why != null) {
                dialogs.showError("Not deleted", why);
            }
        }
    }

    /** Adds a file (or a folder's files) from disk under {@code into}; links and special files are skipped. */
    private boolean addFromDisk(Path p, String into) {
        try {
            if (Files.isSymbolicLink(p)) {
                dialogs.showError("Not added", p + " is a link; only files and folders are added (rule: files.link)");
                return false;
            }
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.size(p) > SkillFolderReader.MAX_FILE_BYTES) {
                    dialogs.showError("Not added", p + " has " + Files.size(p) + " bytes, more than a skill's file may have"
                            + " (rule: files.too-large)");
                    return false;
                }
                String why = vm.addFile(into + p.getFileName(), Files.readAllBytes(p));
                if (why != null) {
                    dialogs.showError("Not added", why);
                    return false;
                }
                return true;
            }
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                boolean any = false;
                try (var s = Files.list(p)) {
                    for (Path child : s.sorted().toList()) {
                        any |= addFromDisk(child, into + p.getFileName() + "/");
                    }
                }
                return any;
            }
        } catch (IOException e) {
            dialogs.showError("Not added", p + ": " + e.getMessage());
        }
        return false;
    }
}
