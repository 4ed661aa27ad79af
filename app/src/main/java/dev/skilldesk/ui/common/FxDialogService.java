package dev.skilldesk.ui.common;

import javafx.animation.PauseTransition;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.NotificationPane;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/** Dialogs and notifications for the real window: a notification bar for news, alerts for errors. */
public final class FxDialogService implements DialogService {
    private final Supplier<Window> owner;
    private final NotificationPane notifications;
    private final Label lastMessage;

    public FxDialogService(Supplier<Window> owner, NotificationPane notifications, Label lastMessage) {
        this.owner = owner;
        this.notifications = notifications;
        this.lastMessage = lastMessage;
    }

    @Override
    public void notify(String message) {
        lastMessage.setText(message);
        // the status line says it for a while, then clears: an old "Saved …" no longer holds
        PauseTransition clear = new PauseTransition(Duration.seconds(12));
        clear.setOnFinished(e -> {
            if (message.equals(lastMessage.getText())) {
                lastMessage.setText("");
            }
        });
        clear.play();
        notifications.getActions().clear(); // news has no actions unless it brings its own
        notifications.show(message);
        PauseTransition hide = new PauseTransition(Duration.seconds(4));
        hide.setOnFinished(e -> {
            if (message.equals(notifications.getText())) {
                notifications.hide();
            }
        });
        hide.play();
    }

    @Override
    public void notify(String message, Object... labelsAndActions) {
        if (labelsAndActions.length < 2) {
            notify(message);
            return;
        }
        lastMessage.setText(message);
        List<org.controlsfx.control.action.Action> actions = new ArrayList<>();
        for (int i = 0; i + 1 < labelsAndActions.length; i += 2) {
            Runnable run = (Runnable) labelsAndActions[i + 1];
            actions.add(new org.controlsfx.control.action.Action(String.valueOf(labelsAndActions[i]), e -> {
                notifications.hide();
                run.run();
            }));
        }
        notifications.getActions().clear(); // the last news's actions go with it: one Undo, for what was just done
        notifications.show(message, null, actions.toArray(org.controlsfx.control.action.Action[]::new));
        PauseTransition hide = new PauseTransition(Duration.seconds(12));
        hide.setOnFinished(e -> {
            if (message.equals(notifications.getText())) {
                notifications.hide();
            }
        });
        hide.play();
    }

    @Override
    public void showError(String title, String message) {
        // the same on stderr, as a warning: an author who started the app from a terminal can paste it into a report
        Logger.getLogger(FxDialogService.class.getName()).warning(title + ": " + message);
        show(Alert.AlertType.ERROR, title, message);
    }

    @Override
    public void showWarning(String title, String message) {
        show(Alert.AlertType.WARNING, title, message);
    }

    /** A dialog with the message in a text area (it can be long, and copied), and its first line in the status bar. */
    private void show(Alert.AlertType type, String title, String message) {
        String said = title + ": " + (message == null ? "" : message.lines().findFirst().orElse(""));
        lastMessage.setText(said);
        PauseTransition clear = new PauseTransition(Duration.seconds(12));
        clear.setOnFinished(e -> {
            if (said.equals(lastMessage.getText())) {
                lastMessage.setText("");
            }
        });
        clear.play();
        Alert alert = new Alert(type);
        alert.initOwner(owner.get());
        alert.setTitle("SkillDesk");
        alert.setHeaderText(title);
        TextArea details = new TextArea(message == null ? "(no details)" : message);
        details.setEditable(false);
        details.setWrapText(true);
        details.setPrefRowCount(Math.min(14, Math.max(6, (int) (message == null ? 1 : message.lines().count()))));
        alert.getDialogPane().setContent(details);
        alert.show();
    }

    @Override
    public boolean confirm(String title, String message, String action) {
        return choose(title, message, action) == 0;
    }

    @Override
    public int choose(String title, String message, String... actions) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, message);
        alert.initOwner(owner.get());
        alert.setTitle("SkillDesk");
        alert.setHeaderText(title);
        List<ButtonType> buttons = new ArrayList<>();
        for (int i = 0; i < actions.length; i++) {
            buttons.add(new ButtonType(actions[i], i == 0 ? ButtonBar.ButtonData.OK_DONE
                    : ButtonBar.ButtonData.OTHER));
        }
        buttons.add(ButtonType.CANCEL);
        alert.getButtonTypes().setAll(buttons);
        return alert.showAndWait().map(buttons::indexOf).filter(i -> i < actions.length).orElse(-1);
    }

    @Override
    public boolean confirmRisk(String title, String message, String action) {
        Alert alert = new Alert(Alert.AlertType.WARNING, message);
        alert.initOwner(owner.get());
        alert.setTitle("SkillDesk");
        alert.setHeaderText(title);
        ButtonType go = new ButtonType(action, ButtonBar.ButtonData.OTHER);
        alert.getButtonTypes().setAll(go, ButtonType.CANCEL);
        ((Button) alert.getDialogPane().lookupButton(go)).setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        return alert.showAndWait().filter(b -> b == go).isPresent();
    }

    @Override
    public boolean confirm(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, message, ButtonType.OK, ButtonType.CANCEL);
        alert.initOwner(owner.get());
        alert.setTitle("SkillDesk");
        alert.setHeaderText(title);
        return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    @Override
    public Optional<String> askForText(String title, String header, String initial) {
        TextInputDialog d = new TextInputDialog(initial == null ? "" : initial);
        d.initOwner(owner.get());
        d.setTitle(title);
        d.setHeaderText(header);
        if (initial != null && initial.endsWith("/")) {
            // a folder to go on from (scripts/): the caret after it, nothing selected, so typing adds the name
            d.setOnShown(e -> javafx.application.Platform.runLater(() -> {
                d.getEditor().deselect();
                d.getEditor().end();
            }));
        }
        return d.showAndWait().map(String::strip).filter(t -> !t.isEmpty());
    }

    @Override
    public Optional<String> askForChoice(String title, String header, List<String> choices) {
        if (choices.isEmpty()) {
            return Optional.empty();
        }
        ChoiceDialog<String> d = new ChoiceDialog<>(choices.get(0), choices);
        d.initOwner(owner.get());
        d.setTitle(title);
        d.setHeaderText(header);
        return d.showAndWait();
    }

    @Override
    public Optional<Path> askForFolder(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        File f = chooser.showDialog(owner.get());
        return Optional.ofNullable(f).map(File::toPath);
    }
}
