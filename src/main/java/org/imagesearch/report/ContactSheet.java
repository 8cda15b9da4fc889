package org.imagesearch.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.imagesearch.image.Thumbnails;
import org.imagesearch.query.Hit;

/**
 * A PNG contact sheet like the reference walk-through's figure: the query on top, then its answers in a
 * grid of up to 4 rows by 5 columns, each captioned with class, id and distance. The grid has as many rows
 * (and, below five answers, columns) as there are answers to show, so no empty cells are drawn.
 */
public final class ContactSheet {
    private static final int TILE = 128;
    private static final int CAPTION = 34;
    private static final int GAP = 8;
    private static final int COLUMNS = 5;
    private static final int MAX_ROWS = 4;

    /** The picture of an answer by id: a stored thumbnail, or the data set's image (null where there is none). */
    public interface Thumbnails {
        byte[] of(long id) throws Exception;
    }

    private ContactSheet() {}

    public static void write(Path file, byte[] queryImage, String queryCaption, List<Hit> hits, Thumbnails thumbnails)
            throws Exception {
        int shown = Math.min(hits.size(), MAX_ROWS * COLUMNS);
        int width = width(shown);
        int height = height(shown);
        BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        tile(g, (width - TILE) / 2, GAP, queryImage, "query", queryCaption);
        int top = GAP + TILE + CAPTION + GAP;
        for (int i = 0; i < shown; i++) {
            Hit hit = hits.get(i);
            int x = GAP + (i % COLUMNS) * (TILE + GAP);
            int y = top + (i / COLUMNS) * (TILE + CAPTION + GAP);
            tile(g, x, y, thumbnails.of(hit.id()), (hit.label() == null ? "-" : hit.label()) + " #" + hit.id(),
                    String.format("distance %.3f", hit.distance()));
        }
        g.dispose();
        ImageIO.write(sheet, "png", file.toFile());
    }

    /** The sheet's width in pixels for {@code answers} tiles (at most 20): up to five across, never less than the query. */
    public static int width(int answers) {
        return Math.max(1, Math.min(answers, COLUMNS)) * (TILE + GAP) + GAP;
    }

    /** The sheet's height in pixels: the query's row plus a row per five answers. */
    public static int height(int answers) {
        int rows = (Math.min(answers, MAX_ROWS * COLUMNS) + COLUMNS - 1) / COLUMNS;
        return GAP + TILE + CAPTION + GAP + rows * (TILE + CAPTION + GAP);
    }

    private static void tile(Graphics2D g, int x, int y, byte[] image, String line1, String line2) throws IOException {
        g.setColor(new Color(0xF3F3F3));
        g.fillRect(x, y, TILE, TILE);
        BufferedImage picture = image == null ? null : ImageIO.read(new ByteArrayInputStream(image));
        if (picture != null) {
            double scale = Math.min((double) TILE / picture.getWidth(), (double) TILE / picture.getHeight());
            int w = (int) (picture.getWidth() * scale);
            int h = (int) (picture.getHeight() * scale);
            // Nearest neighbour keeps 32x32 images crisp, as the reference's grid shows them.
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(picture, x + (TILE - w) / 2, y + (TILE - h) / 2, w, h, null);
        }
        g.setColor(Color.BLACK);
        g.drawString(line1, x + 2, y + TILE + 14);
        g.setColor(Color.DARK_GRAY);
        g.drawString(line2, x + 2, y + TILE + 28);
    }
}
