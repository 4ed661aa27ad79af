package dev.skilldesk.skill;

import java.util.Locale;
import java.util.Set;

/**
 * Names Windows gives to devices or cannot keep, which a skill, a namespace or a file must not have: exported or
 * installed on Windows, {@code nul.md} is the null device and {@code com1} a serial port. Reserved: CON, PRN, AUX,
 * NUL, COM0-9, LPT0-9 and their superscript-digit forms (COM¹ …), CONIN$, CONOUT$, CLOCK$, in any case, alone or
 * before an extension (Windows ignores what follows the first dot, and spaces before it); names ending in a dot or a
 * space (Windows drops them, so two names become one); and the characters Windows forbids in names
 * ({@code < > : " | ? *}, where {@code :} would name an NTFS stream).
 */
public final class WindowsNames {
    private static final Set<String> DEVICES = Set.of("con", "prn", "aux", "nul", "conin$", "conout$", "clock$");

    private WindowsNames() {
    }

    /** Why Windows cannot have {@code name} as a file or folder name, or null when it can. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        char last = name.charAt(name.length() - 1);
        if (last == '.' || last == ' ') {
            if (!name.equals(".") && !name.equals("..")) {
                return "'" + Printable.line(name) + "' ends in " + (last == '.' ? "a dot" : "a space")
                        + ", which Windows drops from names";
            }
            return null;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ("<>:\"|?*".indexOf(c) >= 0) {
                return "'" + Printable.line(name) + "' contains '" + c + "', which Windows does not allow in names";
            }
        }
        String stem = name;
        int dot = stem.indexOf('.');
        if (dot >= 0) {
            stem = stem.substring(0, dot);
        }
        stem = stem.stripTrailing().toLowerCase(Locale.ROOT);
        if (DEVICES.contains(stem) || device(stem, "com") || device(stem, "lpt")) {
            return "'" + Printable.line(name) + "' names the Windows device " + stem.toUpperCase(Locale.ROOT)
                    + " (reserved in any case and with any extension)";
        }
        return null;
    }

    private static boolean device(String stem, String prefix) {
        if (stem.length() != prefix.length() + 1 || !stem.startsWith(prefix)) {
            return false;
        }
        char d = stem.charAt(prefix.length());
        return (d >= '0' && d <= '9') || d == '\u00B9' || d == '\u00B2' || d == '\u00B3';
    }
}
