package dev.skilldesk.ui.common;

import java.nio.file.Path;
import java.util.Optional;

/** What view models may ask of the user, behind an interface so they stay testable (JabRef's habit). */
public interface DialogService {
    void notify(String message);

    void showError(String title, String message);

    boolean confirm(String title, String message);

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

    /**
     * Shows the import dialog over {@code vm} (its path may be filled in already); true when the author
     * chose Import after the preview.
     */
    boolean askForImport(dev.skilldesk.ui.library.ImportViewModel vm);

    Optional<Path> askForExportFolder();

    /** Shows the "New skill" dialog over {@code vm}; true when the author chose Create. */
    default boolean askForNewSkill(dev.skilldesk.ui.editor.NewSkillViewModel vm) {
        return false;
    }

    /** Asks for a folder, the chooser titled for what it is for (e.g. "Install into folder"). */
    default Optional<Path> askForFolder(String title) {
        return askForExportFolder();
    }
}
