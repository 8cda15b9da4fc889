package org.imagesearch.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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

    public double precisionAt20() {
        return p20 / queries;
    }

    public ObjectNode toJson() {
        ObjectNode node = new ObjectMapper().createObjectNode();
        node.put("queries", queries);
        node.put("precision_at_1", round(p1 / queries));
        node.put("precision_at_10", round(p10 / queries));
        node.put("precision_at_20", round(p20 / queries));
        node.put("map_at_20", round(ap20 / queries));
        if (recallQueries > 0) {
            node.put("ann_recall_at_20", round(recall20 / recallQueries));
            node.put("recall_queries", recallQueries);
        }
        return node;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
