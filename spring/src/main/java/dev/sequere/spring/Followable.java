package dev.sequere.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an application class whose instances can follow and be followed. Found by the scan of
 * {@link EnableSequere} or listed in {@link EnableSequere#followables()}; its instances are
 * loaded back by the {@link FollowableLoader} bean declared for it, if any.
 *
 * <pre>{@code
 * @Followable(type = "user", id = "username")
 * public record User(String username, String name) { }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Followable {

    /**
     * The type name stored in refs, {@code [a-z0-9_-]{1,64}}; empty means the simple class name
     * in lower case.
     *
     * @return the type name
     */
    String type() default "";

    /**
     * The name of the public no-argument method, or else of the field, that holds the id; empty
     * means the public {@code id()} or {@code getId()} method.
     *
     * @return the id accessor's name
     */
    String id() default "";
}
