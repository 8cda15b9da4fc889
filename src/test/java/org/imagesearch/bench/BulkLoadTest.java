package org.imagesearch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BulkLoadTest {
    @Test
    void textFieldsEscapeWhatCopySplitsOn() {
        assertEquals("cat", BulkLoad.text("cat"));
        assertEquals("a\\tb\\nc\\rd\\\\e", BulkLoad.text("a\tb\nc\rd\\e"));
        assertEquals("\\N", BulkLoad.text(null));
    }
}
