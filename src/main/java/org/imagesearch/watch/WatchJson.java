package org.imagesearch.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.imagesearch.json.Json;

/** A watch as the command line and the API show it: everything but its vector. */
public final class WatchJson {
    private WatchJson() {}

    public static ObjectNode of(Watch watch) {
        ObjectNode node = Json.object();
        node.put("watch_id", watch.id());
        node.put("distance", watch.distance());
        node.put("note", watch.note());
        node.put("created_at", watch.createdAt().toString());
        return node;
    }

    /** One line of text: {@code watch 3 within 0.12 (cat) since 2026-12-03T20:10:00Z}. */
    public static String line(Watch watch) {
        return "watch " + watch.id() + " within " + watch.distance()
                + (watch.note() == null ? "" : " (" + watch.note() + ")") + " since " + watch.createdAt();
    }
}
