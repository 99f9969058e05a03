package dev.sequere.boot.backend;

import dev.sequere.RegistrationException;
import dev.sequere.boot.BackendType;
import dev.sequere.boot.SequereProperties;
import dev.sequere.memory.MemoryBackend;
import dev.sequere.spi.Backend;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Builds the backend that {@code sequere.backend} names, from the context's beans:
 * <ul>
 *   <li>{@code memory}: in memory;</li>
 *   <li>{@code jdbc}: over the {@code DataSource} bean (needs {@code sequere-backend-jdbc});</li>
 *   <li>{@code redis}: over the {@code UnifiedJedis} bean (needs {@code sequere-backend-redis});</li>
 *   <li>{@code auto}: {@code jdbc} if it can, else {@code redis} if it can, else {@code memory}.</li>
 * </ul>
 * Several candidate beans of one kind need one marked {@code @Primary}: ambiguity fails start-up,
 * never a guess. The chosen bean is recorded as a dependency of the backend bean, so the context
 * closes the backend before the {@code DataSource} or client it writes through.
 */
public final class BackendChooser {

    private static final System.Logger LOG = System.getLogger(BackendChooser.class.getName());
    private static final String DATA_SOURCE = "javax.sql.DataSource";

    private final ConfigurableListableBeanFactory beans;
    private final SequereProperties properties;
    private final ClassLoader classLoader;

    /**
     * Creates a chooser.
     *
     * @param beans the context's bean factory
     * @param properties the {@code sequere.*} properties
     * @param classLoader the loader that decides which backends are present
     */
    public BackendChooser(ConfigurableListableBeanFactory beans, SequereProperties properties,
            ClassLoader classLoader) {
        this.beans = Objects.requireNonNull(beans, "beans");
        this.properties = Objects.requireNonNull(properties, "properties");
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    }

    /**
     * Builds the backend.
     *
     * @param backendBean the name of the bean that will hold it
     * @return the backend, owned by that bean (closing it leaves the {@code DataSource} or client open)
     * @throws RegistrationException when the named backend cannot be built, or candidates are ambiguous
     */
    public Backend choose(String backendBean) {
        BackendType type = properties.getBackend();
        Backend backend = switch (type) {
            case MEMORY -> memory("sequere.backend=memory");
            case JDBC -> required(jdbc(backendBean), "jdbc", "a javax.sql.DataSource bean and sequere-backend-jdbc");
            case REDIS -> required(redis(backendBean), "redis",
                    "a redis.clients.jedis.UnifiedJedis bean (RedisClient, RedisSentinelClient, RedisClusterClient) and "
                            + "sequere-backend-redis");
            case AUTO -> auto(backendBean);
        };
        return backend;
    }

    private Backend auto(String backendBean) {
        Backend jdbc = jdbc(backendBean);
        if (jdbc != null) {
            return jdbc;
        }
        Backend redis = redis(backendBean);
        if (redis != null) {
            return redis;
        }
        String why = "no DataSource or UnifiedJedis bean";
        if (beans.getBeanNamesForType(type(DATA_SOURCE), true, false).length > 0) {
            why = "a DataSource bean exists, but sequere-backend-jdbc is not on the class path";
        }
        return memory("sequere.backend=auto, " + why);
    }

    private @Nullable Backend jdbc(String backendBean) {
        if (!present(JdbcBackends.CLASS_NAME)) {
            return null;
        }
        String name = unique(type(DATA_SOURCE), backendBean);
        if (name == null) {
            return null;
        }
        LOG.log(Level.INFO, "Sequere backend: JDBC over DataSource bean ''{0}'', table prefix ''{1}''", name,
                properties.getJdbc().getTablePrefix());
        return JdbcBackends.create(beans.getBean(name), properties.getJdbc());
    }

    private @Nullable Backend redis(String backendBean) {
        if (!present(RedisBackends.CLASS_NAME) || !present(RedisBackends.CLIENT_CLASS_NAME)) {
            return null;
        }
        String name = unique(type(RedisBackends.CLIENT_CLASS_NAME), backendBean);
        if (name == null) {
            return null;
        }
        LOG.log(Level.INFO, "Sequere backend: Redis over UnifiedJedis bean ''{0}'', key prefix ''{1}''", name,
                properties.getRedis().getPrefix());
        return RedisBackends.create(beans.getBean(name), properties.getRedis());
    }

    private static Backend memory(String why) {
        LOG.log(Level.INFO, "Sequere backend: in memory ({0}); follows and timelines are lost at shutdown", why);
        return MemoryBackend.create();
    }

    private static Backend required(@Nullable Backend backend, String name, String needs) {
        if (backend == null) {
            throw new RegistrationException("sequere.backend=" + name + " needs " + needs + "; set sequere.backend to "
                    + "auto or memory, or define a dev.sequere.spi.Backend bean");
        }
        return backend;
    }

    /** The bean to use among those of the type: the only one, or the only {@code @Primary} one. */
    private @Nullable String unique(Class<?> type, String backendBean) {
        String[] names = beans.getBeanNamesForType(type, true, false);
        if (names.length == 0) {
            return null;
        }
        String chosen = names[0];
        if (names.length > 1) {
            String[] primary = Arrays.stream(names)
                    .filter(name -> beans.containsBeanDefinition(name) && beans.getBeanDefinition(name).isPrimary())
                    .toArray(String[]::new);
            if (primary.length != 1) {
                throw new RegistrationException("Sequere found " + names.length + " " + type.getSimpleName()
                        + " beans " + Arrays.toString(names) + " and " + (primary.length == 0 ? "none" : "several")
                        + " @Primary; mark the one Sequere should use @Primary, or define a dev.sequere.spi.Backend bean");
            }
            chosen = primary[0];
        }
        beans.registerDependentBean(chosen, backendBean);
        return chosen;
    }

    private Class<?> type(String className) {
        return ClassUtils.resolveClassName(className, classLoader);
    }

    private boolean present(String className) {
        return ClassUtils.isPresent(className, classLoader);
    }
}
