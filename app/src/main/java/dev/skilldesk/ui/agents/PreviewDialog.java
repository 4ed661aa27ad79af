package dev.skilldesk.ui.agents;

import dev.skilldesk.agents.SkillSwitches;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.List;

/** Every change a switch or a scene makes, before anything is written: the files and the folders, then notes. */
final class PreviewDialog {
    static Window owner;

    private PreviewDialog() {
    }

    static String describe(List<SkillSwitches.Change> changes) {
        StringBuilder b = new StringBuilder();
        for (SkillSwitches.Change c : changes) {
            if (c.isMove()) {
                b.append("move ").append(c.from()).append("\n   → ").append(c.to()).append("  (").append(c.what()).append(")\n");
            } else {
                b.append(c.before() == null ? "new  " : "edit ").append(c.path()).append("\n   ").append(c.what()).append('\n');
            }
        }
        return b.toString();
    }

    static boolean confirm(String title, List<SkillSwitches.Change> changes, List<String> notes, String action) {
        Dialog<ButtonType> d = new Dialog<>();
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle("SkillDesk");
        d.setHeaderText(title);
        d.setResizable(true);
        boolean files = changes.stream().anyMatch(c -> !c.isMove());
        boolean moves = changes.stream().anyMatch(SkillSwitches.Change::isMove);
        Label intro = new Label(changes.size() + " change" + (changes.size() == 1 ? "" : "s") + ", nothing deleted"
                + (files ? ": only these entries of the settings files are written, every other byte stays" : "")
                + (moves ? (files ? "; " : ": ") + "the folders move into SkillDesk's keep until switched back on" : "")
                + ". Undo puts it all back.");
        intro.setWrapText(true);
        intro.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        TextArea list = new TextArea(describe(changes) + (notes.isEmpty() ? "" : "\nNotes:\n" + String.join("\n", notes)));
        list.setId("switchPreview");
        list.setEditable(false);
        list.setWrapText(true);
        list.setPrefRowCount(Math.min(16, 3 + changes.size() * 2 + notes.size()));
        VBox box = new VBox(8, intro, list);
        box.setPadding(new Insets(8, 12, 4, 12));
        box.setPrefWidth(640);
        d.getDialogPane().setContent(box);
        ButtonType ok = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        javafx.scene.control.Button apply = (javafx.scene.control.Button) d.getDialogPane().lookupButton(ok);
        apply.setId("switchApply");
        apply.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ButtonBar.setButtonUniformSize(apply, false); // its own width: the action's words are never cut
        return d.showAndWait().filter(b -> b == ok).isPresent();
    }
}
