package dev.skilldesk.ui.library;

import dev.skilldesk.library.LibraryOverview;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.ui.common.ActionTable;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** The library: a namespace → persona tree with counts, and a filterable, multi-select table. */
public final class LibraryView extends SplitPane {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private final LibraryViewModel vm;
    private final TreeView<String> tree = new TreeView<>();
    private final TableView<LibraryOverview.Row> table = new TableView<>();
    private final TextField filter = new TextField();
    private final VBox banner = new VBox();
    private final java.util.List<Long> selectedIds = new java.util.ArrayList<>();
    private boolean reselecting;
    private SplitPane tableSplit;
    private boolean rebuildingTree;

    public LibraryView(LibraryViewModel vm, ActionTable actions, Consumer<Skill> open) {
        this.vm = vm;
        getStyleClass().add("library-view");

        tree.setId("libraryTree");
        tree.setShowRoot(true);
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (!rebuildingTree) {
                vm.scopeProperty().set(scopeOf(b));
            }
        });
        vm.onReload(this::rebuildTree);

        filter.setId("libraryFilter");
        filter.setPromptText("Filter skills (Ctrl+F)");
        filter.setTooltip(new javafx.scene.control.Tooltip("Shows the skills whose name, description, tags or persona"
                + " contain what you type; tag:NAME shows only the skills tagged NAME"));
        filter.textProperty().bindBidirectional(vm.filterProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        CheckBox deleted = new CheckBox("Show deleted");
        deleted.selectedProperty().bindBidirectional(vm.showDeletedProperty());
        CheckBox needsUpdate = new CheckBox("Needs update");
        needsUpdate.setId("libraryNeedsUpdate");
        needsUpdate.setTooltip(new javafx.scene.control.Tooltip("Shows only the skills from a source whose upstream"
                + " state is not up-to-date: upstream-newer, locally-modified, diverged or source-gone"));
        needsUpdate.selectedProperty().bindBidirectional(vm.needsUpdateOnlyProperty());
        // offered once the library has skills from a source
        needsUpdate.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.upstreamStates())
                .or(needsUpdate.selectedProperty()));
        needsUpdate.managedProperty().bind(needsUpdate.visibleProperty());

        MenuButton access = new MenuButton("Access");
        access.setId("accessMenu");
        access.setGraphic(new FontIcon(Feather.LOCK));
        for (AccessLevel level : AccessLevel.values()) {
            access.getItems().add(actions.menuItem(LibraryFeature.ACCESS_PREFIX + level.key()));
        }
        access.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.selection()));
        access.setTooltip(new javafx.scene.control.Tooltip("Change the access level of the selected skills"));
        access.setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
        Button installButton = actions.button(LibraryFeature.INSTALL, true);
        installButton.setId("installButton");
        Button export = actions.button(LibraryFeature.EXPORT, true);
        Button tag = actions.button(LibraryFeature.TAG, true);
        Button delete = actions.button(LibraryFeature.DELETE, true);
        delete.setId("deleteButton");
        Button restore = actions.button(LibraryFeature.RESTORE, true);
        restore.setId("restoreButton");
        HBox bar = new HBox(6, filter, needsUpdate, deleted, installButton, export, tag, access, delete, restore);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8));

        table.setId("libraryTable");
        table.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setItems(vm.visibleRows());
        // the description takes the width the others leave; the others keep theirs (and say the rest in a tooltip)
        TableColumn<LibraryOverview.Row, String> description = col("Description", 260,
                r -> r.skill().description().replaceAll("\\s+", " "));
        description.setMinWidth(160);
        description.setMaxWidth(Double.MAX_VALUE);
        TableColumn<LibraryOverview.Row, String> name = col("Name", 170, r -> r.skill().name() + (r.skill().deleted() ? " (deleted)" : ""));
        name.setMinWidth(140);
        name.setMaxWidth(170);
        TableColumn<LibraryOverview.Row, String> persona = fixed(col("Persona", 96, r -> r.skill().persona()));
        TableColumn<LibraryOverview.Row, String> tags = fixed(col("Tags", 96, r -> String.join(", ", r.skill().tags())));
        TableColumn<LibraryOverview.Row, String> accessCol = fixed(col("Access", 76, r -> r.skill().accessLevel().key()));
        TableColumn<LibraryOverview.Row, String> ver = fixed(col("Ver", 52, r -> r.skill().activeVersion() + "/" + r.skill().versionCount()));
        TableColumn<LibraryOverview.Row, String> validation = fixed(col("Validation", 104, LibraryOverview.Row::validationLabel));
        TableColumn<LibraryOverview.Row, String> index = fixed(col("Index", 84, LibraryOverview.Row::indexState));
        TableColumn<LibraryOverview.Row, String> l1 = fixed(col("L1 tokens", 92, r -> Integer.toString(r.layer1Tokens())));
        TableColumn<LibraryOverview.Row, String> last = fixed(col("Last activation", 146,
                r -> r.lastActivation() == null ? "never" : WHEN.format(r.lastActivation())));
        TableColumn<LibraryOverview.Row, String> upstreamCol = upstreamColumn();
        TableColumn<LibraryOverview.Row, String> trustCol = stateColumn("Trust", "trustColumn", 80, "trust-",
                vm.trustStates(), id -> {
                    String t = vm.trustOf(id);
                    return t == null || t.equals("none") || t.equals("info") ? "" : t;
                }, t -> t.equals("high") ? "The trust check found something high-risk: skilldesk audit NAME lists it"
                        : "The trust check has a warning for it (a shell in allowed-tools, a binary …): skilldesk audit NAME");
        table.getColumns().addAll(List.of(name, description, persona, tags, accessCol, ver, validation, trustCol,
                upstreamCol, index, l1, last));
        // the Upstream column only once some skill came from a source
        upstreamCol.setVisible(!vm.upstreamStates().isEmpty());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        // a narrow table keeps its headers whole: the columns that matter least step aside, in this order
        // the trust column stays: a skill with a high finding is what a reader must not miss
        List<TableColumn<LibraryOverview.Row, String>> leastFirst = List.of(l1, index, ver, last, accessCol, tags);
        Runnable fit = () -> {
            // the description keeps room for about 40 characters before a column steps aside
            double room = table.getWidth() - 24 - name.getPrefWidth() - 260 - persona.getMinWidth() - validation.getMinWidth()
                    - trustCol.getMinWidth() - (upstreamCol.isVisible() ? upstreamCol.getMinWidth() : 0);
            double needed = leastFirst.stream().mapToDouble(TableColumn::getMinWidth).sum();
            for (TableColumn<LibraryOverview.Row, String> c : leastFirst) {
                boolean hide = needed > room;
                c.setVisible(!hide);
                if (hide) {
                    needed -= c.getMinWidth();
                }
            }
        };
        table.widthProperty().addListener((o, a, w) -> fit.run());
        vm.upstreamStates().addListener((javafx.collections.MapChangeListener<Long, String>) c -> {
            boolean any = !vm.upstreamStates().isEmpty();
            if (upstreamCol.isVisible() != any) {
                upstreamCol.setVisible(any);
                fit.run(); // the others make room for it, or take its room back
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null || !reselecting) {
                vm.select(b);
            }
        });
        // a reload replaces the rows: the skills that were selected stay selected (and their details current)
        table.getItems().addListener((javafx.collections.ListChangeListener<LibraryOverview.Row>) c -> {
            if (selectedIds.isEmpty()) {
                return;
            }
            reselecting = true;
            try {
                java.util.Set<Long> keep = java.util.Set.copyOf(selectedIds);
                for (int i = 0; i < table.getItems().size(); i++) {
                    if (keep.contains(table.getItems().get(i).skill().id())) {
                        table.getSelectionModel().select(i);
                    }
                }
            } finally {
                reselecting = false;
            }
        });
        table.getSelectionModel().getSelectedItems().addListener((javafx.collections.ListChangeListener<LibraryOverview.Row>) c ->
                vm.selection().setAll(table.getSelectionModel().getSelectedItems().stream()
                        .filter(java.util.Objects::nonNull).toList()));
        table.getSelectionModel().getSelectedItems().addListener((javafx.collections.ListChangeListener<LibraryOverview.Row>) c -> {
            if (!reselecting && !table.getSelectionModel().getSelectedItems().isEmpty()) {
                selectedIds.clear();
                table.getSelectionModel().getSelectedItems().forEach(r -> {
                    if (r != null) {
                        selectedIds.add(r.skill().id());
                    }
                });
            }
        });
        table.setRowFactory(t -> {
            TableRow<LibraryOverview.Row> row = new TableRow<>() {
                @Override
                protected void updateItem(LibraryOverview.Row item, boolean empty) {
                    super.updateItem(item, empty);
                    getStyleClass().removeAll("row-error", "row-deleted");
                    if (!empty && item != null) {
                        if (item.errors() > 0) {
                            getStyleClass().add("row-error");
                        }
                        if (item.skill().deleted()) {
                            getStyleClass().add("row-deleted");
                        }
                    }
                }
            };
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    open.accept(row.getItem().skill());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                open.accept(table.getSelectionModel().getSelectedItem().skill());
                e.consume();
            } else if (e.getCode() == javafx.scene.input.KeyCode.DELETE) {
                actions.get(LibraryFeature.DELETE).fire();
                e.consume();
            }
        });
        MenuItem addToProfile = actions.menuItem(LibraryFeature.ADD_TO_PROFILE);
        addToProfile.setId("addToProfile");
        table.setContextMenu(new ContextMenu(actions.menuItem(LibraryFeature.OPEN), actions.menuItem(LibraryFeature.INSTALL),
                addToProfile, actions.menuItem(LibraryFeature.EXPORT), actions.menuItem(LibraryFeature.EXPORT_PACKAGES),
                actions.menuItem(LibraryFeature.TAG), new SeparatorMenuItem(), actions.menuItem(LibraryFeature.DELETE),
                actions.menuItem(LibraryFeature.RESTORE)));

        Label emptyText = new Label("Your library is empty.\nImport a skill folder, an agent folder such as ~/.claude/skills,\n"
                + "or a .skill package (or drop it on the window), or start a new skill.");
        emptyText.getStyleClass().add("empty-state");
        HBox emptyActions = new HBox(8, actions.button("library.import", false), actions.button("skill.new", false));
        emptyActions.setAlignment(Pos.CENTER);
        VBox empty = new VBox(8, emptyText, emptyActions);
        empty.setAlignment(Pos.CENTER);
        Label noMatch = new Label("No skill matches the filter.");
        noMatch.getStyleClass().add("empty-state");
        Label opening = new Label("Opening the library…");
        opening.setId("libraryOpening");
        opening.getStyleClass().add("empty-state");
        table.placeholderProperty().bind(javafx.beans.binding.Bindings.when(vm.firstLoadDoneProperty().not())
                .then((javafx.scene.Node) opening).otherwise(javafx.beans.binding.Bindings.when(
                        javafx.beans.binding.Bindings.isEmpty(vm.rows())).then((javafx.scene.Node) empty).otherwise(noMatch)));

        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add("text-muted");
        HBox foot = new HBox(status);
        foot.setPadding(new Insets(4, 8, 4, 8));

        SplitPane tableAndDetails = new SplitPane(table, new SkillDetailsPane(vm.detailsProperty(), open));
        tableAndDetails.setOrientation(javafx.geometry.Orientation.VERTICAL);
        tableAndDetails.setDividerPositions(0.72);
        SplitPane.setResizableWithParent(tableAndDetails.getItems().get(1), false);
        this.tableSplit = tableAndDetails;
        // the filter bar before the table in the children, so Tab goes where the eye does: filter, then table
        BorderPane right = new BorderPane();
        right.setTop(new VBox(banner, bar));
        right.setCenter(tableAndDetails);
        right.setBottom(foot);
        VBox left = new VBox(tree);
        VBox.setVgrow(tree, Priority.ALWAYS);
        left.setMinWidth(170); // a narrow window keeps the tree's names readable
        getItems().addAll(left, right);
        SplitPane.setResizableWithParent(left, false);
        setDividerPositions(0.17);
    }

    public TableView<LibraryOverview.Row> table() {
        return table;
    }

    /** Shows {@code node} above the table (the first-start panel), or nothing for null. */
    public void setBanner(javafx.scene.Node node) {
        banner.getChildren().setAll(node == null ? List.of() : List.of(node));
    }

    /** The tree | table split and the table | details split, for the window to remember. */
    public List<SplitPane> splits() {
        return List.of(this, tableSplit);
    }

    public void focusFilter() {
        filter.requestFocus();
        filter.selectAll();
    }

    private void rebuildTree() {
        rebuildingTree = true;
        try {
            Map<String, Map<String, Integer>> counts = new TreeMap<>();
            for (LibraryOverview.Row r : vm.rows()) {
                counts.computeIfAbsent(r.skill().namespace(), k -> new TreeMap<>())
                        .merge(r.skill().persona() == null ? "-" : r.skill().persona(), 1, Integer::sum);
            }
            TreeItem<String> root = new TreeItem<>("All skills (" + vm.rows().size() + ")");
            root.setExpanded(true);
            counts.forEach((ns, personas) -> {
                int total = personas.values().stream().mapToInt(Integer::intValue).sum();
                TreeItem<String> nsItem = new TreeItem<>(ns + " (" + total + ")");
                nsItem.setExpanded(true);
                personas.forEach((p, n) -> nsItem.getChildren().add(new TreeItem<>(p + " (" + n + ")")));
                root.getChildren().add(nsItem);
            });
            tree.setRoot(root);
            // keep the namespace or persona the author was looking at, if it is still there
            TreeItem<String> keep = find(root, vm.scopeProperty().get());
            tree.getSelectionModel().select(keep == null ? root : keep);
            if (keep == null) {
                vm.scopeProperty().set(LibraryViewModel.Scope.ALL);
            }
        } finally {
            rebuildingTree = false;
        }
    }

    private TreeItem<String> find(TreeItem<String> root, LibraryViewModel.Scope scope) {
        if (scope == null || scope.namespace() == null) {
            return root;
        }
        for (TreeItem<String> ns : root.getChildren()) {
            if (!label(ns).equals(scope.namespace())) {
                continue;
            }
            if (scope.persona() == null) {
                return ns;
            }
            for (TreeItem<String> p : ns.getChildren()) {
                if (label(p).equals(scope.persona())) {
                    return p;
                }
            }
        }
        return null;
    }

    private static String label(TreeItem<String> item) {
        String v = item.getValue();
        int paren = v.lastIndexOf(" (");
        return paren > 0 ? v.substring(0, paren) : v;
    }

    private LibraryViewModel.Scope scopeOf(TreeItem<String> item) {
        if (item == null || item.getParent() == null) {
            return LibraryViewModel.Scope.ALL;
        }
        if (item.getParent().getParent() == null) {
            return new LibraryViewModel.Scope(label(item), null);
        }
        String persona = label(item);
        return new LibraryViewModel.Scope(label(item.getParent()), persona.equals("-") ? null : persona);
    }

    private static TableColumn<LibraryOverview.Row, String> col(String title, double width,
                                                               java.util.function.Function<LibraryOverview.Row, String> value) {
        TableColumn<LibraryOverview.Row, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 40));
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        // the whole text in a tooltip: a cell cut to "…" still says everything on hover
        c.setCellFactory(col -> new dev.skilldesk.ui.common.TooltipCell<>());
        return c;
    }

    /**
     * The upstream state of a skill that came from a source, as a coloured badge (empty for one that did not);
     * it follows the states the view model reads in the background.
     */
    private TableColumn<LibraryOverview.Row, String> upstreamColumn() {
        // 140: "locally-modified" whole
        return stateColumn("Upstream", "upstreamColumn", 140, "upstream-", vm.upstreamStates(), id -> {
            String st = vm.upstreamOf(id);
            return st == null ? "" : st;
        }, st -> switch (st) {
            case "upstream-newer" -> "The source has a newer version: Sources → Update selected";
            case "locally-modified" -> "Your version has changes upstream does not have; upstream has nothing"
                    + " new for it";
            case "diverged" -> "Both you and upstream changed it: updating merges the two";
            case "source-gone" -> "Its source, path or commit is gone: see the Sources view";
            default -> "The same as its source";
        });
    }

    /**
     * A column of a per-skill state the view model reads in the background (a map by skill id): the text, a style
     * class {@code prefix + text} and a tooltip; it follows the map.
     */
    private static TableColumn<LibraryOverview.Row, String> stateColumn(String title, String id, double width, String prefix,
                                                                       javafx.collections.ObservableMap<Long, String> states,
                                                                       java.util.function.LongFunction<String> text,
                                                                       java.util.function.Function<String, String> tip) {
        TableColumn<LibraryOverview.Row, String> c = new TableColumn<>(title);
        c.setId(id);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> {
            long skill = d.getValue().skill().id();
            return javafx.beans.binding.Bindings.createStringBinding(() -> text.apply(skill), states);
        });
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            {
                setAlignment(Pos.CENTER_LEFT);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeIf(k -> k.startsWith(prefix));
                boolean none = empty || item == null || item.isEmpty();
                setText(none ? null : item);
                if (!none) {
                    getStyleClass().add(prefix + item);
                }
                setTooltip(none ? null : new javafx.scene.control.Tooltip(tip.apply(item)));
            }
        });
        return fixed(c);
    }

    /** A column that keeps its width (its header is never cut): the description column takes what is left. */
    private static TableColumn<LibraryOverview.Row, String> fixed(TableColumn<LibraryOverview.Row, String> c) {
        c.setMinWidth(c.getPrefWidth());
        c.setMaxWidth(c.getPrefWidth());
        return c;
    }

}
