package dev.skilldesk.ui.library;

import atlantafx.base.theme.Styles;
import dev.skilldesk.audit.AuditSeverity;
import dev.skilldesk.skill.Printable;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.skill.StoredActivation;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/**
 * The selected skill under the table: its description in full, where it lives, its layers' token costs,
 * its validation summary, its last activations and where it is installed.
 */
final class SkillDetailsPane extends ScrollPane {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    SkillDetailsPane(ObjectProperty<SkillDetailsViewModel.Details> details, Consumer<Skill> open) {
        setId("skillDetails");
        getStyleClass().add("skill-details");
        setFitToWidth(true);
        show(null, open);
        details.addListener((o, a, b) -> show(b, open));
    }

    private void show(SkillDetailsViewModel.Details d, Consumer<Skill> open) {
        if (d == null) {
            Label hint = new Label("Select a skill to see its description, token costs, validation, last activations"
                    + " and installs here. Double-click or Enter opens it.");
            hint.getStyleClass().add("empty-state");
            hint.setWrapText(true);
            VBox box = new VBox(hint);
            box.setPadding(new Insets(10));
            setContent(box);
            return;
        }
        Skill s = d.row().skill();
        Label title = new Label(Printable.line(s.displayName() != null && !s.displayName().isBlank()
                ? s.displayName() : s.name()));
        title.getStyleClass().add(Styles.TITLE_4);
        title.setId("detailsTitle");
        Label where = muted(s.ref() + " · persona " + s.persona() + " · " + s.accessLevel().key()
                + " · version " + s.activeVersion() + " of " + s.versionCount()
                + (s.tags().isEmpty() ? "" : " · tags " + String.join(", ", s.tags())));
        Label description = new Label(Printable.line(s.description()));
        description.setId("detailsDescription");
        description.setWrapText(true);
        Button openButton = new Button("Open");
        openButton.setOnAction(e -> open.accept(s));
        VBox about = new VBox(4, new HBox(8, title, openButton), where, description);
        if (d.findings().hasErrors()) {
            // what keeps it from agents, every error with its line; Open starts the editor at the first
            Label head = heading("Needs fixes before agents may have it (installs, the MCP server):");
            head.setId("detailsNeedsFixes");
            head.getStyleClass().add("danger");
            head.setWrapText(true);
            about.getChildren().add(head);
            d.findings().errors().stream().sorted(java.util.Comparator.comparingInt(i -> i.line() <= 0 ? Integer.MAX_VALUE : i.line())).forEach(i -> {
                Label l = new Label("SKILL.md" + (i.line() > 0 ? ":" + i.line() : "") + " · " + i.ruleId() + ": "
                        + i.message());
                l.setWrapText(true);
                l.getStyleClass().add("danger");
                about.getChildren().add(l);
            });
            openButton.setText("Open to fix");
            openButton.getStyleClass().add(Styles.ACCENT);
        }
        if (d.trust() != null && !d.trust().findings().isEmpty()) {
            // what the trust check found, each with its file and line (the worst first)
            Label head = heading("Trust check: " + d.trust().summary());
            head.setId("detailsTrust");
            about.getChildren().add(head);
            d.trust().findings().stream().limit(4).forEach(f -> {
                Label l = new Label(f.severity().label() + " · " + f.file() + (f.line() > 0 ? ":" + f.line() : "") + " · "
                        + f.rule() + ": " + f.message());
                l.setWrapText(true);
                l.getStyleClass().add(f.severity() == AuditSeverity.HIGH ? "danger" : "text-muted");
                about.getChildren().add(l);
            });
            if (d.trust().findings().size() > 4) {
                about.getChildren().add(muted("… and " + (d.trust().findings().size() - 4) + " more (skilldesk audit "
                        + s.ref() + " lists them all)"));
            }
        }
        HBox.setHgrow(about, Priority.ALWAYS);
        about.setMinWidth(260);

        VBox costs = new VBox(4, heading("Token costs"));
        if (d.tokens() != null) {
            costs.getChildren().addAll(new Label("Listing (L1): " + d.tokens().layer1()),
                    new Label("Instructions (L2): " + d.tokens().layer2()),
                    new Label("Everything (L3): " + d.tokens().layer3()));
        }
        Label rules = new Label(d.row().validationLabel());
        rules.setId("detailsValidation");
        costs.getChildren().addAll(heading("Validation"), rules, heading("Trust check"),
                new Label(d.trust() == null ? "not checked" : d.trust().findings().isEmpty() ? "clean" : d.trust().summary()),
                muted("Index: " + d.row().indexState()));

        VBox use = new VBox(4, heading("Last activations"));
        if (d.recent().isEmpty()) {
            use.getChildren().add(muted("none yet"));
        }
        for (StoredActivation a : d.recent()) {
            String outcome = a.activation().success() == null ? "outcome unknown" : a.activation().success() ? "succeeded" : "failed";
            // what the agent's own telemetry said: how it started the skill, the plugin and marketplace it came from
            String reported = a.report() == null || a.report().summary().isEmpty() ? "" : " · " + a.report().summary();
            Label line = new Label(WHEN.format(a.activation().activatedAt()) + " · " + a.activation().agentId()
                    + " · L" + a.activation().layerLoaded() + " · " + outcome + reported);
            line.setWrapText(true);
            use.getChildren().add(line);
        }
        use.getChildren().add(heading("Installed in"));
        if (d.installs().isEmpty()) {
            use.getChildren().add(muted("no agent folder (Install… copies it into one)"));
        }
        for (var i : d.installs()) {
            use.getChildren().add(new Label(i.install().folder() + " · " + i.state().label()));
        }
        if (!d.sameName().isEmpty()) {
            Label h = heading("Same name elsewhere");
            h.setId("detailsSameName");
            h.getStyleClass().add(atlantafx.base.theme.Styles.WARNING);
            use.getChildren().add(h);
            for (String elsewhere : d.sameName()) {
                Label l = new Label("⚠ " + elsewhere);
                l.setWrapText(true);
                l.setPrefWidth(220); // wraps in the column's width, never widens it
                l.setMaxWidth(Double.MAX_VALUE);
                l.setMinHeight(Region.USE_PREF_SIZE);
                l.getStyleClass().add(atlantafx.base.theme.Styles.WARNING);
                use.getChildren().add(l);
            }
            use.getChildren().add(muted("An agent loads one of them (Agents shows which); rename or switch one off."));
        }
        GridPane row = new GridPane();
        row.setHgap(24);
        ColumnConstraints grow = new ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        grow.setMinWidth(240);
        ColumnConstraints keep = new ColumnConstraints();
        keep.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints keep2 = new ColumnConstraints();
        keep2.setMinWidth(Region.USE_PREF_SIZE);
        row.getColumnConstraints().addAll(grow, keep, keep2);
        row.addRow(0, about, costs, use);
        for (VBox column : new VBox[] {costs, use}) {
            column.setMinWidth(Region.USE_PREF_SIZE);
            column.getChildren().forEach(n -> {
                if (n instanceof Label l) {
                    l.setWrapText(false);
                    l.setMinWidth(Region.USE_PREF_SIZE);
                }
            });
        }
        row.setPadding(new Insets(10));
        setContent(row);
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_BOLD);
        return l;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("text-muted");
        l.setWrapText(true);
        return l;
    }
}
