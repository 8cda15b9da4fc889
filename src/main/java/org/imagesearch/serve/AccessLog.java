package org.imagesearch.serve;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the logger {@value #LOGGER}: method, path, status, milliseconds, response bytes and the
 * client's address. Jetty calls it once the response is complete, so the bytes are those sent, compressed or not,
 * and requests Jetty refused itself are logged too. Neither the query string (it can carry image URLs or tokens)
 * nor the body is logged.
 */
public final class AccessLog implements RequestLog {
    public static final String LOGGER = "org.imagesearch.serve.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    @Override
    public void log(Request request, Response response) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        LOG.info("{} {} {} {} ms {} B {}", request.getMethod(), request.getRequestURI(),
                response.getCommittedMetaData().getStatus(), System.currentTimeMillis() - request.getTimeStamp(),
                response.getHttpChannel().getBytesWritten(), request.getRemoteAddr());
    }
}
