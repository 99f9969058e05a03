package dev.sequere.jdbc.hibernate;

import dev.sequere.RegistrationException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.UUID;
import java.util.function.Function;

/** Turns a stored id string back into an entity's identifier type. */
final class IdParsers {

    private IdParsers() {
    }

    static Function<String, Object> forType(Class<?> idType, String entityName) {
        if (idType == String.class) {
            return s -> s;
        }
        if (idType == Long.class || idType == long.class) {
            return Long::valueOf;
        }
        if (idType == Integer.class || idType == int.class) {
            return Integer::valueOf;
        }
        if (idType == Short.class || idType == short.class) {
            return Short::valueOf;
        }
        if (idType == UUID.class) {
            return UUID::fromString;
        }
        if (idType == BigInteger.class) {
            return BigInteger::new;
        }
        if (idType == BigDecimal.class) {
            return BigDecimal::new;
        }
        try {
            Method valueOf = idType.getMethod("valueOf", String.class);
            if (Modifier.isStatic(valueOf.getModifiers()) && idType.isAssignableFrom(valueOf.getReturnType())) {
                return s -> invoke(() -> valueOf.invoke(null, s));
            }
        } catch (NoSuchMethodException e) {
            // try a constructor
        }
        try {
            Constructor<?> constructor = idType.getConstructor(String.class);
            return s -> invoke(() -> constructor.newInstance(s));
        } catch (NoSuchMethodException e) {
            throw new RegistrationException("cannot register entity " + entityName + ": its id type " + idType.getName()
                    + " has no static valueOf(String) nor a String constructor to read stored ids back;"
                    + " register it by hand with a loader");
        }
    }

    private interface Reflective {
        Object call() throws ReflectiveOperationException;
    }

    private static Object invoke(Reflective call) {
        try {
            return call.call();
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalArgumentException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
