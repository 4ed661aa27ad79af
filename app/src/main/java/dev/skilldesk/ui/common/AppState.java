package dev.skilldesk.ui.common;

import dev.skilldesk.skill.SkillRef;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the window's parts share, as observable properties (JabRef's StateManager): the place in front, the skill
 * selected in a place, the search request being typed, the skills open and the one in front. Features read and
 * write these instead of calling one another.
 */
public final class AppState {
    private final StringProperty place = new SimpleStringProperty("library");
    private final ObjectProperty<SkillRef> selectedSkill = new SimpleObjectProperty<>();
    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<SkillRef> openSkills = FXCollections.observableArrayList();
    private final ObjectProperty<SkillRef> activeSkill = new SimpleObjectProperty<>();
    private final ObjectProperty<SkillRef> openRequest = new SimpleObjectProperty<>();

    /** The place in front (a feature's id); while a skill is in front, the place it was opened over. */
    public StringProperty placeProperty() {
        return place;
    }

    /** The skill selected in the place in front (the Library's row, a search hit). */
    public ObjectProperty<SkillRef> selectedSkillProperty() {
        return selectedSkill;
    }

    /** The search request last typed; the Map shows it too. */
    public StringProperty queryProperty() {
        return query;
    }

    /** The skills open as documents, in strip order. */
    public ObservableList<SkillRef> openSkills() {
        return openSkills;
    }

    /** The open skill in front, or null when a place is. */
    public ObjectProperty<SkillRef> activeSkillProperty() {
        return activeSkill;
    }

    /** Asks the shell to open {@code ref} (or bring it to the front). */
    public void open(SkillRef ref) {
        openRequest.set(null);
        openRequest.set(ref);
    }

    /** The last skill asked to be opened (the shell listens to it). */
    public ObjectProperty<SkillRef> openRequestProperty() {
        return openRequest;
    }
}
