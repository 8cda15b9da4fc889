package org.imagesearch.dataset;

import java.util.Random;

/** A reproducible permutation of 0..n-1 (Fisher-Yates with a seeded generator). */
final class SeededOrder {
    private SeededOrder() {}

    static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
