package dev.sequere.examples.chirp;

/**
 * A request chirp refuses, with the HTTP status that says why. Thrown by the services, turned
 * into a JSON error response by the HTTP layer.
 */
public final class ChirpException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * Creates the exception.
     *
     * @param status the HTTP status
     * @param message what is wrong, shown to the user
     */
    public ChirpException(int status, String message) {
        super(message);
        this.status = status;
    }

    /**
     * 400: the request is malformed or invalid.
     *
     * @param message what is wrong
     * @return the exception
     */
    public static ChirpException badRequest(String message) {
        return new ChirpException(400, message);
    }

    /**
     * 401: no valid login.
     *
     * @param message what is wrong
     * @return the exception
     */
    public static ChirpException unauthorized(String message) {
        return new ChirpException(401, message);
    }

    /**
     * 404: the object does not exist.
     *
     * @param message what was not found
     * @return the exception
     */
    public static ChirpException notFound(String message) {
        return new ChirpException(404, message);
    }

    /**
     * 409: the request conflicts with existing data.
     *
     * @param message what conflicts
     * @return the exception
     */
    public static ChirpException conflict(String message) {
        return new ChirpException(409, message);
    }

    /**
     * The HTTP status.
     *
     * @return the status code
     */
    public int status() {
        return status;
    }
}
