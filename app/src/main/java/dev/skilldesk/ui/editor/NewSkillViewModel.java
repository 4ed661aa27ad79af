package dev.skilldesk.ui.editor;

import dev.skilldesk.library.Namespaces;
import dev.skilldesk.library.SkillLibrary;
import dev.skilldesk.parse.Limits;
import dev.skilldesk.parse.SkillValidator;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.ui.common.TaskExecutor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;

/**
 * The "New skill" dialog: the name first (checked as it is typed against the name rule, which is also the
 * folder rule, and against the skills the namespace already has), then namespace, persona and an optional
 * description. Create is possible only for a name that is free.
 */
public final class NewSkillViewModel {
    private final SkillLibrary library;
    private final Principal me;
    private final TaskExecutor executor;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty namespace = new SimpleStringProperty("");
    private final StringProperty persona = new SimpleStringProperty("");
    private final StringProperty description = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final BooleanProperty canCreate = new SimpleBooleanProperty(false);
    private final ObservableList<String> namespaces = FXCollections.observableArrayList();
    private final ObservableList<String> personas = FXCollections.observableArrayList();
    private long generation;

    public NewSkillViewModel(SkillLibrary library, Principal me, TaskExecutor executor, List<String> knownNamespaces,
                             List<String> knownPersonas) {
        this.library = library;
        this.me = me;
        this.executor = executor;
        namespaces.setAll(knownNamespaces);
        personas.setAll(knownPersonas);
        namespace.set(me.namespace());
        name.addListener((o, a, b) -> check());
        namespace.addListener((o, a, b) -> check());
        description.addListener((o, a, b) -> check());
        check();
    }

    /** Checks the inputs: the rules at once, then (in the background) whether the name is taken. */
    private void check() {
        long g = ++generation;
        canCreate.set(false);
        String n = name.get().strip();
        String ns = namespace.get().strip();
        String why = n.isEmpty() ? "Type a name: lowercase letters, digits and hyphens, such as pdf-form-filler"
                : SkillValidator.nameProblem(n);
        if (why == null) {
            why = Namespaces.problem(ns);
        }
        if (why == null && description.get().length() > Limits.DESCRIPTION_MAX) {
            why = "the description is longer than " + Limits.DESCRIPTION_MAX + " characters";
        }
        if (why != null) {
            problem.set(why);
            return;
        }
        problem.set("");
        executor.run("Checking the name", () -> library.get(me, ns, n).isPresent(), taken -> {
            if (g != generation) {
                return;
            }
            if (taken) {
                problem.set("'" + ns + "/" + n + "' exists already; open it from the Library, or choose another name");
            } else {
                canCreate.set(true);
            }
        }, e -> {
            if (g == generation) {
                problem.set("Could not check the name: " + e.getMessage());
            }
        });
    }

    /** The SKILL.md the new skill starts from: exactly what the editor shows and Save stores. */
    public String template() {
        String n = name.get().strip();
        String d = description.get().strip();
        return SkillEditorViewModel.template(n, d.isEmpty() ? null : d);
    }

    public String chosenName() {
        return name.get().strip();
    }

    public String chosenNamespace() {
        return namespace.get().strip();
    }

    /** The persona typed, or null for the default. */
    public String chosenPersona() {
        return persona.get().isBlank() ? null : persona.get().strip();
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty namespaceProperty() {
        return namespace;
    }

    public StringProperty personaProperty() {
        return persona;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    /** What is wrong with the inputs, or "". */
    public StringProperty problemProperty() {
        return problem;
    }

    public BooleanProperty canCreateProperty() {
        return canCreate;
    }

    public ObservableList<String> namespaces() {
        return namespaces;
    }

    public ObservableList<String> personas() {
        return personas;
    }
}
