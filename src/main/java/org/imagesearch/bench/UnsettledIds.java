package org.imagesearch.bench;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The ids a benchmark sent that neither became a row nor a dead letter: what its error names when it gives up. */
final class UnsettledIds {
    /** How many ids the error lists; it counts the rest. */
    static final int NAMED = 20;

    private UnsettledIds() {}

    static List<Long> among(List<IdRange> sent, Set<Long> written, Set<Long> deadLettered) {
        return sent.stream().flatMapToLong(IdRange::ids).filter(id -> !written.contains(id) && !deadLettered.contains(id))
                .boxed().toList();
    }

    static String describe(List<Long> ids) {
        String named = ids.stream().limit(NAMED).map(String::valueOf).collect(Collectors.joining(", "));
        return ids.size() + " ids neither indexed nor dead-lettered" + (ids.isEmpty() ? "" : ": " + named)
                + (ids.size() > NAMED ? " and " + (ids.size() - NAMED) + " more" : "");
    }
}
