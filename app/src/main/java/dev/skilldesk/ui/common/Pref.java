package dev.skilldesk.ui.common;

import java.util.function.Function;

/**
 * One preference of the window: its key in {@code ui-preferences.properties}, its type and the value it has until set.
 * Every preference is a constant of {@link Prefs}, so a key is written once.
 */
public record Pref<T>(String key, T fallback, Function<String, T> parse, Function<T, String> format) {
    public static Pref<Boolean> flag(String key, boolean fallback) {
        return new Pref<>(key, fallback, Boolean::parseBoolean, String::valueOf);
    }

    public static Pref<Double> number(String key, double fallback) {
        return new Pref<>(key, fallback, s -> {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException(s);
            }
            return v;
        }, String::valueOf);
    }

    public static Pref<String> text(String key, String fallback) {
        return new Pref<>(key, fallback, s -> s, s -> s == null ? "" : s);
    }

    /** The same preference for one of several things ({@code split.library.0}, {@code split.library.1}). */
    public Pref<T> at(Object index) {
        return new Pref<>(key + "." + index, fallback, parse, format);
    }
}
