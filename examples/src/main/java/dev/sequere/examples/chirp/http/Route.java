package dev.sequere.examples.chirp.http;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * A method, a path pattern (groups are path parameters) and what handles it.
 *
 * @param method HTTP method
 * @param path full-match pattern of the path
 * @param handler the handler
 */
record Route(String method, Pattern path, Handler handler) {

    /** Handles a matched call. */
    @FunctionalInterface
    interface Handler {

        /**
         * Handles the call.
         *
         * @param call the request
         * @return the reply
         * @throws IOException when the body cannot be read
         */
        Reply handle(Call call) throws IOException;
    }
}
