package dev.skilldesk.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;

/** Switches the AtlantaFX theme at run time (the user-agent stylesheet, as the AtlantaFX sampler does). */
public final class Themes {
    private static volatile boolean dark;

    private Themes() {
    }

    public static void apply(boolean useDark) {
        dark = useDark;
        Application.setUserAgentStylesheet(useDark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    public static boolean isDark() {
        return dark;
    }
}
