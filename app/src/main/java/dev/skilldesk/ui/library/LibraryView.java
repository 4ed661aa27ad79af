package dev.skilldesk.ui.library;

import atlantafx.base.theme.Styles;
import dev.skilldesk.library.LibraryOverview;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.sources.Sources;
import dev.skilldesk.ui.common.ActionTable;
import dev.skilldesk.ui.common.Tables;
import dev.skilldesk.ui.common.TooltipCell;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableMap;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;

/** The library: a namespace → persona tree with counts, and a filterable, multi-select table. */
public final class LibraryView extends SplitPane {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private final LibraryViewModel vm;
    private final TreeView<String> tree = new TreeView<>();
    private final TableView<LibraryOverview.Row> table = new TableView<>();
    private final TextField filter = new TextField();
    private final VBox banner = new VBox();
    private final List<Long> selectedIds = new ArrayList<>();
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
        filter.setTooltip(new Tooltip("Shows the skills whose name, description, tags or persona"
                + " contain what you type; tag:NAME shows only the skills tagged NAME"));
        filter.textProperty().bindBidirectional(vm.filterProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        // the filter's chips: each says what it shows, and is offered when there is something to show
        ToggleButton needsFixes = chip("libraryNeedsFixes", "The skills that break the library's rules: they are kept"
                + " from agents (installs, the MCP server) until fixed. Open one: the editor starts at its first finding.");
        needsFixes.textProperty().bind(Bindings.concat("Needs fixes (", vm.needingFixesProperty(), ")"));
        needsFixes.selectedProperty().bindBidirectional(vm.needsFixesOnlyProperty());
        needsFixes.visibleProperty().bind(vm.needingFixesProperty().greaterThan(0).or(needsFixes.selectedProperty()));
        needsFixes.managedProperty().bind(needsFixes.visibleProperty());
        needsFixes.getStyleClass().add("needs-fixes-chip");
        ToggleButton needsUpdate = chip("libraryNeedsUpdate", "Shows only the skills from a source whose upstream"
                + " state is not up-to-date: upstream-newer, locally-modified, diverged or source-gone");
        needsUpdate.setText("Needs update");
        needsUpdate.selectedProperty().bindBidirectional(vm.needsUpdateOnlyProperty());
        // offered once the library has skills from a source
        needsUpdate.visibleProperty().bind(Bindings.isNotEmpty(vm.states().upstream())
                .or(needsUpdate.selectedProperty()));
        needsUpdate.managedProperty().bind(needsUpdate.visibleProperty());
        ToggleButton deleted = chip("libraryShowDeleted", "Shows your deleted skills too (Restore brings one back)");
        deleted.setText("Deleted");
        deleted.selectedProperty().bindBidirectional(vm.showDeletedProperty());
        filter.setMinWidth(140);

        MenuButton access = new MenuButton("Access");
        access.setId("accessMenu");
        access.setGraphic(new FontIcon(Feather.LOCK));
        for (AccessLevel level : AccessLevel.values()) {
            access.getItems().add(actions.menuItem(LibraryFeature.ACCESS_PREFIX + level.key()));
        }
        access.disableProperty().bind(Bindings.isEmpty(vm.selection()));
        access.setTooltip(new Tooltip("Change the access level of the selected skills"));
        access.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        access.setMinWidth(Region.USE_PREF_SIZE);
        Button installButton = actions.button(LibraryFeature.INSTALL, true);
        installButton.setId("installButton");
        Button export = actions.button(LibraryFeature.EXPORT, true);
        Button tag = actions.button(LibraryFeature.TAG, true);
        Button delete = actions.button(LibraryFeature.DELETE, true);
        delete.setId("deleteButton");
        Button restore = actions.button(LibraryFeature.RESTORE, true);
        restore.setId("restoreButton");
        HBox bar = new HBox(6, filter, needsFixes, needsUpdate, deleted, installButton, export, tag, access, delete, restore);
        for (Node n : bar.getChildren()) {
            if (n instanceof Region r && n != filter) {
                r.setMinWidth(Region.USE_PREF_SIZE); // the filter field gives way; a chip or a button never reads "Nee…"
            }
        }
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8));

        table.setId("libraryTable");
        table.getStyleClass().add(Styles.DENSE);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setItems(vm.visibleRows());
        // the description takes the width the others leave, but no more than the name: names are read first
        TableColumn<LibraryOverview.Row, String> description = col("Description", 260,
                r -> r.skill().description().replaceAll("\\s+", " "));
        description.setMinWidth(160);
        description.setMaxWidth(Double.MAX_VALUE);
        TableColumn<LibraryOverview.Row, String> name = col("Name", 200, r -> r.skill().name() + (r.skill().deleted() ? " (deleted)" : ""));
        name.setId("nameColumn");
        name.getStyleClass().add("fix-mark"); // red in a row that needs fixes (its cells take the column's class)
        name.setMinWidth(150);
        name.setMaxWidth(340);
        TableColumn<LibraryOverview.Row, String> namespace = col("Namespace", 116, r -> r.skill().namespace());
        namespace.setId("namespaceColumn");
        namespace.setMinWidth(100);
        namespace.setMaxWidth(200);
        TableColumn<LibraryOverview.Row, String> persona = fixed(col("Persona", 96, r -> r.skill().persona()));
        TableColumn<LibraryOverview.Row, String> tags = fixed(col("Tags", 96, r -> String.join(", ", r.skill().tags())));
        TableColumn<LibraryOverview.Row, String> accessCol = fixed(col("Access", 76, r -> r.skill().accessLevel().key()));
        TableColumn<LibraryOverview.Row, String> ver = fixed(col("Ver", 52, r -> r.skill().activeVersion() + "/" + r.skill().versionCount()));
        TableColumn<LibraryOverview.Row, String> validation = fixed(col("Validation", 120, LibraryOverview.Row::validationLabel));
        validation.setId("validationColumn");
        validation.getStyleClass().add("fix-mark");
        TableColumn<LibraryOverview.Row, String> index = fixed(col("Index", 84, LibraryOverview.Row::indexState));
        TableColumn<LibraryOverview.Row, String> l1 = fixed(col("L1 tokens", 92, r -> Integer.toString(r.layer1Tokens())));
        TableColumn<LibraryOverview.Row, String> last = fixed(col("Last activation", 146,
                r -> r.lastActivation() == null ? "never" : WHEN.format(r.lastActivation())));
        TableColumn<LibraryOverview.Row, String> upstreamCol = stateColumn("Upstream", "upstreamColumn", 140,
                vm.states().upstream(), id -> {
                    var st = vm.states().upstreamOf(id);
                    return st == null ? null : new State(st.label(), "upstream-" + st.label(), upstreamTip(st));
                });
        TableColumn<LibraryOverview.Row, String> trustCol = stateColumn("Trust", "trustColumn", 100, vm.states().trust(),
                id -> {
                    TrustState t = vm.states().trustOf(id);
                    return new State(t.label(), t.styleClass(), t.explanation());
                });
        table.getColumns().addAll(List.of(name, namespace, description, persona, tags, accessCol, ver, validation, trustCol,
                upstreamCol, last, index, l1));
        // the Upstream column only once some skill came from a source
        upstreamCol.setVisible(!vm.states().upstream().isEmpty());

        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        // a narrow table keeps its headers whole: the columns that matter least step aside, in this order (the last
        // activation before the upstream state: both say what happened to a skill, and neither pushes the other out);
        // the trust and validation columns stay: a skill that needs fixes or looks risky is what a reader must not miss
        List<TableColumn<LibraryOverview.Row, String>> leastFirst = List.of(l1, index, ver, tags, accessCol, persona, last);
        Runnable fit = () -> {
            // the description keeps room for about 40 characters before a column steps aside
            double room = table.getWidth() - 24 - name.getMinWidth() - namespace.getMinWidth() - 260
                    - validation.getMinWidth() - trustCol.getMinWidth() - (upstreamCol.isVisible() ? upstreamCol.getMinWidth() : 0);
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
        vm.states().upstream().addListener((MapChangeListener<Long, Sources.State>) c -> {
            boolean any = !vm.states().upstream().isEmpty();
            if (upstreamCol.isVisible() != any) {
                upstreamCol.setVisible(any);
                fit.run(); // the others make room for it, or take its room back
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null || !reselecting) {
                vm.details().select(b);
            }
        });
        // a reload replaces the rows: the skills that were selected stay selected (and their details current)
        table.getItems().addListener((ListChangeListener<LibraryOverview.Row>) c -> {
            if (selectedIds.isEmpty()) {
                return;
            }
            reselecting = true;
            try {
                Set<Long> keep = Set.copyOf(selectedIds);
                for (int i = 0; i < table.getItems().size(); i++) {
                    if (keep.contains(table.getItems().get(i).skill().id())) {
                        table.getSelectionModel().select(i);
                    }
                }
            } finally {
                reselecting = false;
            }
        });
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<LibraryOverview.Row>) c ->
                vm.selection().setAll(table.getSelectionModel().getSelectedItems().stream()
                        .filter(Objects::nonNull).toList()));
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<LibraryOverview.Row>) c -> {
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
            if (e.getCode() == KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                open.accept(table.getSelectionModel().getSelectedItem().skill());
                e.consume();
            } else if (e.getCode() == KeyCode.DELETE) {
                actions.get(LibraryFeature.DELETE).fire();
                e.consume();
            }
        });
        MenuItem addToProfile = actions.menuItem(LibraryFeature.ADD_TO_PROFILE);
        addToProfile.setId("addToProfile");
        MenuItem switchOff = actions.menuItem(LibraryFeature.SWITCH_OFF);
        switchOff.setId("switchOff");
        table.setContextMenu(new ContextMenu(actions.menuItem(LibraryFeature.OPEN), actions.menuItem(LibraryFeature.INSTALL),
                addToProfile, switchOff, actions.menuItem(LibraryFeature.EXPORT), actions.menuItem(LibraryFeature.EXPORT_PACKAGES),
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
        table.placeholderProperty().bind(Bindings.when(vm.firstLoadDoneProperty().not())
                .then((Node) opening).otherwise(Bindings.when(
                        Bindings.isEmpty(vm.rows())).then((Node) empty).otherwise(noMatch)));

        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add("text-muted");
        HBox foot = new HBox(status);
        foot.setPadding(new Insets(4, 8, 4, 8));

        SplitPane tableAndDetails = new SplitPane(table, new SkillDetailsPane(vm.details().detailsProperty(), open));
        tableAndDetails.setOrientation(Orientation.VERTICAL);
        tableAndDetails.setDividerPositions(0.62); // the details (findings, trust) read without scrolling at 1280x800
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
    public void setBanner(Node node) {
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
                                                               Function<LibraryOverview.Row, String> value) {
        TableColumn<LibraryOverview.Row, String> c = new TableColumn<>(title);
        c.setPrefWidth(Math.max(width, Tables.headerWidth(title)));
        c.setMinWidth(Math.min(c.getPrefWidth(), Math.max(40, Tables.headerWidth(title))));
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        // the whole text in a tooltip: a cell cut to "…" still says everything on hover
        c.setCellFactory(col -> new TooltipCell<>());
        return c;
    }

    private static String upstreamTip(Sources.State st) {
        return switch (st) {
            case UPSTREAM_NEWER -> "The source has a newer version: Sources → Update selected";
            case LOCALLY_MODIFIED -> "Your version has changes upstream does not have; upstream has nothing new for it";
            case DIVERGED -> "Both you and upstream changed it: updating merges the two";
            case SOURCE_GONE -> "Its source, path or commit is gone: see the Sources place";
            case UP_TO_DATE -> "The same as its source";
        };
    }

    /** What a state column shows in a cell: its word, the cell's style class, and what the word means. */
    private record State(String text, String styleClass, String explanation) {
    }

    /** A chip of the filter bar: a toggle that narrows the table. */
    private static ToggleButton chip(String id, String tip) {
        ToggleButton chip = new ToggleButton();
        chip.setId(id);
        chip.getStyleClass().add("filter-chip");
        chip.setTooltip(new Tooltip(tip));
        return chip;
    }

    /**
     * A column of a per-skill state read in the background (a map by skill id): its word, a style class and a tooltip;
     * it follows the map. A skill with no state (null) shows an empty cell.
     */
    private static <V> TableColumn<LibraryOverview.Row, String> stateColumn(String title, String id, double width,
                                                                           ObservableMap<Long, V> states,
                                                                           LongFunction<State> state) {
        TableColumn<LibraryOverview.Row, String> c = new TableColumn<>(title);
        c.setId(id);
        c.setPrefWidth(width);
        Map<String, State> byText = new ConcurrentHashMap<>();
        c.setCellValueFactory(d -> {
            long skill = d.getValue().skill().id();
            return Bindings.createStringBinding(() -> {
                State st = state.apply(skill);
                if (st == null) {
                    return "";
                }
                byText.put(st.text(), st);
                return st.text();
            }, states);
        });
        c.setCellFactory(col -> new TableCell<>() {
            // a state that arrives after the cell was drawn (the trust check runs after the rows are in) redraws the
            // cells on screen, each its own: no refresh of the table
            private final javafx.beans.InvalidationListener follow = o -> show();

            {
                setAlignment(Pos.CENTER_LEFT);
                states.addListener(new javafx.beans.WeakInvalidationListener(follow));
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                show();
            }

            private void show() {
                LibraryOverview.Row row = isEmpty() || getTableRow() == null ? null : getTableRow().getItem();
                State st = row == null ? null : state.apply(row.skill().id());
                String text = st == null || st.text().isEmpty() ? null : st.text();
                if (java.util.Objects.equals(text, getText())) {
                    return;
                }
                getStyleClass().removeIf(k -> k.startsWith("trust-") || k.startsWith("upstream-"));
                setText(text);
                if (text != null) {
                    getStyleClass().add(st.styleClass());
                }
                setTooltip(text == null ? null : new Tooltip(st.explanation()));
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
