package org.imagesearch.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.List;
import org.imagesearch.json.Json;
import org.imagesearch.query.Hit;
import org.imagesearch.query.QueryJson;

/** Prints the answer to a query by id as a table, and as the one-line JSON object of {@code --json}. */
public final class NeighbourReport {
    private NeighbourReport() {}

    public static void printTable(PrintStream out, long queryId, String queryLabel, String distance, List<Hit> neighbours) {
        String query = queryId >= 0 ? "image " + queryId + " (class " + (queryLabel.isEmpty() ? "-" : queryLabel) + ")"
                : queryLabel;
        out.printf("Query %s: %d nearest neighbours by %s distance%n", query, neighbours.size(), distance);
        out.printf("%5s  %8s  %-12s  %10s%n", "rank", "id", "class", "distance");
        for (int i = 0; i < neighbours.size(); i++) {
            Hit n = neighbours.get(i);
            out.printf("%5d  %8d  %-12s  %10.4f%n", i + 1, n.id(), n.label() == null ? "-" : n.label(), n.distance());
        }
    }

    public static ObjectNode toJson(long queryId, String queryLabel, List<Hit> neighbours) {
        ObjectNode root = Json.object();
        if (queryId >= 0) {
            root.put("query_id", queryId);
        } else {
            root.putNull("query_id"); // a query by image has no id
        }
        root.put("query_class", queryLabel);
        root.set("results", QueryJson.results(neighbours));
        return root;
    }
}
