package dev.skilldesk.ui.common;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What view models may ask of the user, behind an interface so they stay testable (JabRef's habit). */
public interface DialogService {
    void notify(String message);

    /**
     * News with actions the author may take on it (label, then what it does, in pairs): "2 need fixes" with "Show
     * them". Stays a little longer than plain news.
     */
    default void notify(String message, Object... labelsAndActions) {
        notify(message);
    }

    void showError(String title, String message);

    boolean confirm(String title, String message);

    /** Says something the author should act on that is no failure (skills imported that need fixes). */
    default void showWarning(String title, String message) {
        showError(title, message);
    }

    /** Asks with the action named on its button ("Discard", "Save anyway") beside Cancel. */
    default boolean confirm(String title, String message, String action) {
        return confirm(title, message);
    }

    /**
     * Asks before something risky (letting in a skill the trust check flags): Cancel is the default button, so
     * Enter never takes the risk.
     */
    default boolean confirmRisk(String title, String message, String action) {
        return confirm(title, message, action);
    }

    /**
     * Asks with a button per action (the first is the default) and Cancel; the index of the action chosen,
     * or -1 for Cancel.
     */
    default int choose(String title, String message, String... actions) {
        return confirm(title, message) ? 0 : -1;
    }

    /** Asks for a folder, the chooser titled for what it is for (e.g. "Install into folder"). */
    Optional<Path> askForFolder(String title);

    /** Asks for a line of text (a tag, a profile's name): empty when cancelled. */
    default Optional<String> askForText(String title, String header, String initial) {
        return Optional.empty();
    }

    /** Asks to pick one of {@code choices} (the first is offered): empty when cancelled. */
    default Optional<String> askForChoice(String title, String header, List<String> choices) {
        return Optional.empty();
    }
}
