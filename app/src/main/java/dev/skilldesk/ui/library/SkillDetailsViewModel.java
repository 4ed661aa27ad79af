package dev.skilldesk.ui.library;

import dev.skilldesk.audit.Auditor;
import dev.skilldesk.library.Activations;
import dev.skilldesk.library.Installs;
import dev.skilldesk.library.LibraryOverview;
import dev.skilldesk.library.SkillLibrary;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.skill.StoredActivation;
import dev.skilldesk.skill.TokenCounts;
import dev.skilldesk.skill.ValidationResult;
import dev.skilldesk.ui.common.TaskExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.util.List;

/** The pane under the Library's table: the selected skill's facts, read in the background. Toolkit-free. */
public final class SkillDetailsViewModel {
    /**
     * What the pane shows of the selected skill.
     *
     * @param findings what the library's check finds in its active version (every finding, errors first)
     * @param trust    the trust check's report, or null when it could not run
     */
    public record Details(LibraryOverview.Row row, TokenCounts tokens, List<StoredActivation> recent,
                          List<Installs.Status> installs, Auditor.Report trust, ValidationResult findings,
                          List<String> sameName) {
    }

    private final SkillLibrary library;
    private final Activations activations;
    private final Installs installs;
    private final Principal who;
    private final TaskExecutor executor;
    private final ObjectProperty<Details> details = new SimpleObjectProperty<>();
    private long generation;

    private final java.util.Map<String, String> env;

    public SkillDetailsViewModel(SkillLibrary library, Activations activations, Installs installs, Principal who,
                                 TaskExecutor executor, java.util.Map<String, String> env) {
        this.env = env;
        this.library = library;
        this.activations = activations;
        this.installs = installs;
        this.who = who;
        this.executor = executor;
    }

    /** Reads the facts of {@code row} in the background (null clears the pane); a newer selection wins. */
    public void select(LibraryOverview.Row row) {
        long g = ++generation;
        if (row == null) {
            details.set(null);
            return;
        }
        Skill s = row.skill();
        executor.run("Reading " + s.name(), () -> {
            var active = library.get(who, s.namespace(), s.name());
            TokenCounts tokens = active.map(a -> a.version().tokens()).orElse(null);
            ValidationResult findings = active.map(library::findings).orElse(new ValidationResult(List.of()));
            List<StoredActivation> recent = activations.recent(s.id(), 5);
            List<Installs.Status> where;
            try {
                where = installs.status(who, s.namespace(), s.name());
            } catch (RuntimeException goneMeanwhile) {
                where = List.of();
            }
            Auditor.Report trust;
            try {
                trust = installs.audit(who, s.namespace(), s.name(), 0);
            } catch (RuntimeException goneMeanwhile) {
                trust = null;
            }
            // a host never shadows a name silently: other namespaces, and agents' folders SkillDesk did not fill
            List<java.nio.file.Path> copies = where.stream().map(i -> i.install().folder()).toList();
            List<java.nio.file.Path> projects = where.stream().map(i -> dev.skilldesk.library.AgentTargets
                    .where(i.install().folder().getParent(), env).project()).filter(java.util.Objects::nonNull).distinct().toList();
            List<String> sameName = dev.skilldesk.agents.SameNames.elsewhere(s,
                    active.map(a -> a.version().content()).orElse(null),
                    library.list(who, dev.skilldesk.skill.SkillQuery.all()), env, copies, projects);
            return new Details(row, tokens, recent, where, trust, findings, sameName);
        }, d -> {
            if (g == generation) {
                details.set(d);
            }
        }, e -> {
            if (g == generation) {
                details.set(null); // deleted or unreadable meanwhile: the pane says to select a skill
            }
        });
    }

    /** Reads the selected skill's facts again (after an install, say). */
    public void refresh() {
        Details d = details.get();
        if (d != null) {
            select(d.row());
        }
    }

    /** The selected skill's facts, or null. */
    public ObjectProperty<Details> detailsProperty() {
        return details;
    }
}
