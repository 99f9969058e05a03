package dev.sequere;

/**
 * An object's class, or a {@link Ref}'s type name, is not in the registry. The message names the
 * class or type and shows how to register it.
 */
public class UnregisteredTypeException extends InvalidArgumentException {

    /**
     * Creates the exception.
     *
     * @param message what was not registered and how to register it
     */
    public UnregisteredTypeException(String message) {
        super(message);
    }

    /**
     * Creates the exception for an unregistered class.
     *
     * @param type the class that no registration covers
     * @return the exception, with a message that says how to register it
     */
    public static UnregisteredTypeException forClass(Class<?> type) {
        return new UnregisteredTypeException("class " + type.getName() + " is not registered with Sequere; register it with "
                + "Sequere.builder().register(" + type.getSimpleName() + ".class, t -> t.id(...).loader(...))"
                + " (a subclass of a registered class is found too)");
    }

    /**
     * Creates the exception for an unregistered type name.
     *
     * @param type the type name that no registration uses
     * @return the exception, with a message that says how to register it
     */
    public static UnregisteredTypeException forTypeName(String type) {
        return new UnregisteredTypeException("type '" + type + "' is not registered with Sequere; register a class under it "
                + "with Sequere.builder().register(YourClass.class, t -> t.type(\"" + type + "\"))");
    }
}
