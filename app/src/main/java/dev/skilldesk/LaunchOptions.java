package dev.skilldesk;

import dev.skilldesk.library.LocalIdentity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the process was started with, parsed once for every face: whether it opens the window (no command: only
 * {@code --data-dir}, {@code --home}, {@code --gui}, a bench script's argument, or packages to open), the library's
 * folder, the environment ({@code --home DIR} moves the agents' global folders under DIR), and the packages a desktop
 * asked to open.
 */
public record LaunchOptions(boolean gui, Path dataDir, Map<String, String> env, List<Path> packagesToOpen,
                            List<String> raw) {
    /** Arguments of the window that are not options of their own: {@code skilldesk bench --desktop}'s scripts. */
    public static boolean isBenchArgument(String arg) {
        return arg.equals("--bench-pan") || arg.equals("--bench-search") || arg.equals("--bench-index")
                || arg.equals("--bench-settle") || arg.startsWith("--bench-use=");
    }

    public static LaunchOptions parse(List<String> args, Map<String, String> env) {
        boolean gui = true;
        String dataDir = null;
        String home = null;
        List<Path> packages = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("--data-dir") || a.equals("--home")) && i + 1 < args.size()) {
                if (a.equals("--data-dir")) {
                    dataDir = args.get(i + 1);
                } else {
                    home = args.get(i + 1);
                }
                i++;
            } else if (a.startsWith("--data-dir=")) {
                dataDir = a.substring("--data-dir=".length());
            } else if (a.startsWith("--home=")) {
                home = a.substring("--home=".length());
            } else if (a.equals("--gui") || isBenchArgument(a)) {
                continue; // the window, with a script of the bench's
            } else if (isPackageToOpen(a)) {
                packages.add(Path.of(a).toAbsolutePath());
            } else {
                gui = false; // a command: the CLI
            }
        }
        Map<String, String> environment = env;
        if (home != null) {
            Map<String, String> m = new HashMap<>(env);
            m.put("HOME", Path.of(home).toAbsolutePath().toString());
            m.keySet().removeAll(List.of("XDG_CONFIG_HOME", "CLAUDE_CONFIG_DIR", "CODEX_HOME", "USERPROFILE"));
            environment = Map.copyOf(m);
        }
        Path dir = dataDir != null ? Path.of(dataDir).toAbsolutePath() : LocalIdentity.dataDir(null, env);
        return new LaunchOptions(gui, dir, environment, List.copyOf(packages), List.copyOf(args));
    }

    static boolean isPackageToOpen(String arg) {
        try {
            Path p = Path.of(arg);
            return Files.isRegularFile(p) && dev.skilldesk.library.Importer.isPackage(p);
        } catch (RuntimeException notAPath) {
            return false;
        }
    }
}
