package org.imagesearch.query;

import ai.djl.translate.TranslateException;
import org.imagesearch.embed.EmbedderPool;
import org.imagesearch.image.ImageDecoder;
import org.imagesearch.image.ImageLoader;
import org.imagesearch.image.ImageRejectedException;
import org.imagesearch.image.LoaderLimits;

/**
 * Turns the image of a query into its vector the way ingestion does: read (inline bytes, or a URI under the
 * loader's limits), decode, embed with the same model and descriptor.
 */
public interface QueryImageEmbedder {
    /** For front ends without a model: searches by id and by vector only. */
    QueryImageEmbedder NONE = target -> {
        throw new InvalidQueryException("image queries are not enabled here (no model loaded)");
    };

    float[] embed(QueryTarget.ByImage target) throws InvalidQueryException;

    /** Embeds with a pool of loaded models; URIs are read with {@code limits}. */
    static QueryImageEmbedder using(EmbedderPool embedders, LoaderLimits limits) {
        ImageLoader loader = new ImageLoader(limits);
        ImageDecoder decoder = new ImageDecoder(limits.maxPixels(), embedders.decodeTarget());
        return target -> {
            try {
                byte[] bytes = target.bytes() != null ? target.bytes() : loader.load(target.uri());
                return embedders.embed(decoder.decode(bytes));
            } catch (ImageRejectedException e) {
                throw new InvalidQueryException("query image: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InvalidQueryException("interrupted while embedding the query image");
            } catch (TranslateException | RuntimeException e) {
                throw new InvalidQueryException("query image: model error: " + e.getMessage());
            }
        };
    }
}
