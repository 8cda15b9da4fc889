package org.imagesearch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import javax.imageio.ImageIO;
import org.imagesearch.query.Hit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContactSheetTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"5, 1, 5", "3, 1, 3", "7, 2, 5", "20, 4, 5", "25, 4, 5"})
    void theGridHasTheRowsAndColumnsOfItsAnswers(int answers, int rows, int columns) throws Exception {
        Path file = dir.resolve("grid.png");
        List<Hit> hits = LongStream.range(0, answers).mapToObj(id -> hit(id)).toList();
        ContactSheet.write(file, null, "query", hits, id -> null);
        BufferedImage sheet = ImageIO.read(file.toFile());
        assertEquals(ContactSheet.width(columns), sheet.getWidth());
        assertEquals(ContactSheet.height(rows * 5), sheet.getHeight());
    }

    @Test
    void noAnswersStillShowTheQuery() throws Exception {
        Path file = dir.resolve("empty.png");
        ContactSheet.write(file, null, "query", List.of(), id -> null);
        assertEquals(ContactSheet.width(1), ImageIO.read(file.toFile()).getWidth());
    }

    private static Hit hit(long id) {
        return new Hit(id, "cat", 0.5, null);
    }
}
