package org.imagesearch.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.imagesearch.json.Json;

/** A group of near-duplicates: its root (the earliest image) and the members that are copies of it. */
public record DuplicateGroup(long root, List<Long> members) {
    public DuplicateGroup {
        members = List.copyOf(members);
    }

    public int size() {
        return members.size() + 1;
    }

    /**
     * {@code {"root": R, "size": N, "members": [...], "root_str": "R", "members_str": [...]}}, as {@code duplicates
     * --json} and the API give it; the {@code _str} forms are the same ids as text, for JavaScript's numbers.
     */
    public ObjectNode toJson() {
        ObjectNode node = Json.object().put("root", root).put("size", size());
        ArrayNode ids = node.putArray("members");
        members.forEach(ids::add);
        node.put("root_str", Long.toString(root));
        ArrayNode texts = node.putArray("members_str");
        members.forEach(id -> texts.add(Long.toString(id)));
        return node;
    }

    /** The groups as a JSON array. */
    public static ArrayNode toJson(List<DuplicateGroup> groups) {
        ArrayNode array = Json.object().arrayNode();
        groups.forEach(group -> array.add(group.toJson()));
        return array;
    }
}
