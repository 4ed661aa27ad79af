package dev.skilldesk.cli;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.map.MapImage;
import dev.skilldesk.map.Overlaps;
import dev.skilldesk.map.SkillMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "map", description = "The semantic map: every skill a point on a 2-D layout of its embedding"
        + " (UMAP over the search's vectors), as a picture or as JSON.")
final class MapCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Option(names = "--out", paramLabel = "FILE.png", description = "Draw the map into a PNG (coloured by namespace,"
            + " the confusable pairs as lines).")
    Path out;

    @Option(names = "--json", paramLabel = "FILE", description = "Write [{\"skill\": \"ns/name\", \"x\": …, \"y\": …}]"
            + " to FILE (- for standard output).")
    String json;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "1200x800", description = "The picture's size"
            + " (default ${DEFAULT-VALUE}; at least 800x600).")
    String size;

    @Override
    public Integer call() throws Exception {
        if (out == null && json == null) {
            root.err.println("skilldesk map: say what to write: --out FILE.png and/or --json FILE");
            return ExitCodes.USAGE;
        }
        int w;
        int h;
        try {
            String[] wh = size.toLowerCase(java.util.Locale.ROOT).split("x");
            w = Integer.parseInt(wh[0].strip());
            h = Integer.parseInt(wh[1].strip());
        } catch (RuntimeException e) {
            root.err.println("skilldesk map: --size '" + size + "': give WIDTHxHEIGHT, as 1200x800");
            return ExitCodes.USAGE;
        }
        if (w < 800 || h < 600 || w > 10_000 || h > 10_000) {
            root.err.println("skilldesk map: --size " + size + ": from 800x600 to 10000x10000");
            return ExitCodes.USAGE;
        }
        try (SkillDeskCore core = root.open()) {
            SkillMap.Layout layout = core.skillMap().layout(root.principal(), Duration.ofMinutes(10));
            root.err.println("map: " + layout.points().size() + " skills (" + layout.how() + ", " + layout.millis() + " ms)");
            if (json != null) {
                List<Map<String, Object>> pts = new ArrayList<>();
                for (SkillMap.Point p : layout.points()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("skill", p.ref());
                    m.put("x", Math.round(p.x() * 10_000) / 10_000.0);
                    m.put("y", Math.round(p.y() * 10_000) / 10_000.0);
                    pts.add(m);
                }
                String text = Json.write(pts);
                if (json.equals("-")) {
                    root.out.println(text);
                } else {
                    Files.writeString(Path.of(json), text + "\n");
                }
            }
            if (out != null) {
                List<Overlaps.Pair> links = core.skillMap().overlaps(root.principal(), Overlaps.DEFAULT_THRESHOLD, 500, null);
                MapImage.write(layout, links, w, h, out);
                root.err.println("map: drawn into " + out);
            }
        }
        return ExitCodes.OK;
    }
}
