package dev.skilldesk.ui.common;

import dev.skilldesk.library.TextDiff;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A unified diff on screen: a row per line with its old and new numbers, + or −, and the words that changed marked;
 * a head per file; folded runs of unchanged lines. The Versions view and the Sources place's upstream diff show it.
 */
public final class DiffList {
    private DiffList() {
    }

    /** A list of {@code rows}; {@code empty} says what an empty diff means. */
    public static ListView<TextDiff.Line> of(ObservableList<TextDiff.Line> rows, String empty) {
        ListView<TextDiff.Line> list = new ListView<>(rows);
        list.getStyleClass().add("diff-list");
        list.setPlaceholder(new Label(empty));
        list.setCellFactory(l -> new DiffCell());
        return list;
    }

    /** A row of the unified diff: old and new line numbers, +/−, and the text with its changed words marked. */
    private static final class DiffCell extends ListCell<TextDiff.Line> {
        @Override
        protected void updateItem(TextDiff.Line line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeAll("diff-added", "diff-removed", "diff-fold", "diff-file");
            setText(null);
            if (empty || line == null) {
                setGraphic(null);
                return;
            }
            Label oldNo = number(line.oldLine());
            Label newNo = number(line.newLine());
            if (line.kind() == TextDiff.Kind.FILE) {
                getStyleClass().add("diff-file");
                Label head = new Label(line.text(), new FontIcon(Feather.FILE_TEXT));
                head.getStyleClass().add("diff-file-head");
                setGraphic(head);
                return;
            }
            if (line.kind() == TextDiff.Kind.FOLD) {
                getStyleClass().add("diff-fold");
                Label fold = new Label("⋯ " + line.folded() + " unchanged lines");
                fold.getStyleClass().add("text-muted");
                HBox foldRow = new HBox(4, oldNo, newNo, fold);
                foldRow.setAlignment(Pos.TOP_LEFT);
                setGraphic(foldRow);
                return;
            }
            String sign = switch (line.kind()) {
                case ADDED -> "+";
                case REMOVED -> "−";
                default -> " ";
            };
            if (line.kind() == TextDiff.Kind.ADDED) {
                getStyleClass().add("diff-added");
            } else if (line.kind() == TextDiff.Kind.REMOVED) {
                getStyleClass().add("diff-removed");
            }
            TextFlow flow = new TextFlow();
            int at = 0;
            String text = line.text();
            for (TextDiff.Span s : line.changed()) {
                if (s.start() > at) {
                    flow.getChildren().add(plain(text.substring(at, s.start())));
                }
                Label word = new Label(text.substring(s.start(), s.end()));
                word.getStyleClass().addAll("mono", line.kind() == TextDiff.Kind.ADDED
                        ? "diff-word-added" : "diff-word-removed");
                flow.getChildren().add(word);
                at = s.end();
            }
            if (at < text.length()) {
                flow.getChildren().add(plain(text.substring(at)));
            }
            Label signLabel = new Label(sign);
            signLabel.getStyleClass().addAll("mono", "diff-sign");
            signLabel.setMinWidth(14);
            HBox row = new HBox(4, oldNo, newNo, signLabel, flow);
            row.setAlignment(Pos.TOP_LEFT);
            // a long line wraps within the row (a change at its end is on screen), and a short one takes one line:
            // the row's height follows the width it is given, never an earlier, narrower one
            flow.setMinWidth(0);
            HBox.setHgrow(flow, Priority.ALWAYS);
            setPrefWidth(0);
            setGraphic(row);
        }

        private static Text plain(String s) {
            Text t = new Text(s);
            t.getStyleClass().addAll("mono", "diff-text");
            return t;
        }

        private static Label number(int n) {
            Label l = new Label(n > 0 ? Integer.toString(n) : "");
            l.getStyleClass().addAll("mono", "diff-lineno");
            l.setMinWidth(38);
            l.setAlignment(Pos.CENTER_RIGHT);
            return l;
        }
    }
}
