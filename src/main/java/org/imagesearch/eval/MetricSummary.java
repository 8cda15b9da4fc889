package org.imagesearch.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.imagesearch.json.Json;

/** Running means of the per-query metrics of an evaluation. */
public final class MetricSummary {
    private int queries;
    private double p1;
    private double p10;
    private double p20;
    private double ap20;
    private double recall20;
    private int recallQueries;

    public void add(double precision1, double precision10, double precision20, double averagePrecision20) {
        queries++;
        p1 += precision1;
        p10 += precision10;
        p20 += precision20;
        ap20 += averagePrecision20;
    }

    /** The HNSW walk's recall@20 against an exact scan, for the queries that were also run exactly. */
    public void addRecall(double annRecall20) {
        recallQueries++;
        recall20 += annRecall20;
    }

    public int queries() {
        return queries;
    }

    public double precisionAt1() {
        return p1 / queries;
    }

    public double precisionAt10() {
        return p10 / queries;
    }

    public double precisionAt20() {
        return p20 / queries;
    }

    public double mapAt20() {
        return ap20 / queries;
    }

    /** The mean ANN recall@20, or NaN when no query was also run exactly. */
    public double annRecallAt20() {
        return recallQueries == 0 ? Double.NaN : recall20 / recallQueries;
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("queries", queries);
        node.put("precision_at_1", Json.rounded(precisionAt1(), 4));
        node.put("precision_at_10", Json.rounded(precisionAt10(), 4));
        node.put("precision_at_20", Json.rounded(precisionAt20(), 4));
        node.put("map_at_20", Json.rounded(mapAt20(), 4));
        if (recallQueries > 0) {
            node.put("ann_recall_at_20", Json.rounded(annRecallAt20(), 4));
            node.put("recall_queries", recallQueries);
        }
        return node;
    }
}
