package org.imagesearch.serve;

import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;

/**
 * Refuses a request whose body was not read to its end. Left to itself, Jetty reads and discards the rest to keep
 * the connection open, however long the body is (a chunked one has no declared end); so the connection is closed
 * instead, a moment after the answer: closing with unread input resets it, and a reset can overtake an answer the
 * client has not read yet.
 */
final class UnreadBody {
    private static final long LINGER_MILLIS = 250;

    private UnreadBody() {}

    static void refuse(Context ctx, HttpStatus status, String json) throws IOException, InterruptedException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ctx.status(status).contentType(ContentType.APPLICATION_JSON).header("Connection", "close");
        ctx.res().setContentLength(body.length);
        ctx.res().getOutputStream().write(body);
        ctx.res().flushBuffer();
        EndPoint connection = Request.getBaseRequest(ctx.req()).getHttpChannel().getEndPoint();
        connection.shutdownOutput();
        Thread.sleep(LINGER_MILLIS);
        connection.close();
    }
}
