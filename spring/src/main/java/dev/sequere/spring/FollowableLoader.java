package dev.sequere.spring;

import java.util.Collection;
import java.util.List;

/**
 * A bean that loads the instances of one {@link Followable} class by id, so that listings
 * return application objects. Called once per type per page.
 *
 * <pre>{@code
 * @Bean
 * FollowableLoader<User> userLoader(UserRepository users) {
 *     return FollowableLoader.of(User.class, users::findAllByUsername);
 * }
 * }</pre>
 *
 * @param <T> the {@link Followable} class
 */
public interface FollowableLoader<T> {

    /**
     * The {@link Followable} class this loader serves.
     *
     * @return the class
     */
    Class<T> resourceClass();

    /**
     * Loads instances by id; ids that no longer exist are left out.
     *
     * @param ids ids as stored (strings), without duplicates
     * @return the instances found, in any order
     */
    Collection<? extends T> load(List<String> ids);

    /**
     * A loader from a class and a function.
     *
     * @param resourceClass the {@link Followable} class
     * @param load loads instances by id
     * @param <T> the class
     * @return the loader
     */
    static <T> FollowableLoader<T> of(Class<T> resourceClass,
            java.util.function.Function<List<String>, ? extends Collection<? extends T>> load) {
        java.util.Objects.requireNonNull(resourceClass, "resourceClass");
        java.util.Objects.requireNonNull(load, "load");
        return new FollowableLoader<>() {
            @Override
            public Class<T> resourceClass() {
                return resourceClass;
            }

            @Override
            public Collection<? extends T> load(List<String> ids) {
                return load.apply(ids);
            }

            @Override
            public String toString() {
                return "FollowableLoader[" + resourceClass.getName() + "]";
            }
        };
    }
}
