package dev.sequere.spring.backend;

import dev.sequere.RegistrationException;
import dev.sequere.spi.Backend;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Chooses the backend from what the context has, first match wins:
 * <ol>
 *   <li>a {@link Backend} bean (not owned: the application closes it);</li>
 *   <li>a {@code javax.sql.DataSource} bean, when {@code sequere-backend-jdbc} is on the class
 *       path: a JDBC backend over it;</li>
 *   <li>a {@code redis.clients.jedis.UnifiedJedis} bean, when {@code sequere-backend-redis} is on
 *       the class path: a Redis backend over it;</li>
 *   <li>an in-memory backend, when {@code sequere-backend-memory} is on the class path.</li>
 * </ol>
 * Several candidate beans of one kind need one marked {@code @Primary}; ambiguity is an error,
 * never a guess. The chosen bean is recorded as a dependency of the requesting bean, so the
 * context destroys the backend before the {@code DataSource} or client it writes through.
 */
public final class BackendSelector {

    private static final System.Logger LOG = System.getLogger(BackendSelector.class.getName());

    private final ConfigurableListableBeanFactory beans;
    private final Environment environment;
    private final ClassLoader classLoader;

    /**
     * Creates a selector.
     *
     * @param beans the context's bean factory
     * @param environment the context's environment, for backend options
     * @param classLoader the loader that decides which backends are present
     */
    public BackendSelector(ConfigurableListableBeanFactory beans, Environment environment, ClassLoader classLoader) {
        this.beans = Objects.requireNonNull(beans, "beans");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    }

    /**
     * Chooses the backend.
     *
     * @param requestingBean the name of the bean that will own the selection
     * @return the selection
     * @throws RegistrationException when candidates are ambiguous or no backend is available
     */
    public SelectedBackend select(String requestingBean) {
        Candidate<Backend> own = unique(Backend.class, requestingBean);
        if (own != null) {
            return log(new SelectedBackend(own.bean, false, "Backend bean '" + own.name + "'"));
        }
        if (present("javax.sql.DataSource") && present(JdbcBackends.CLASS_NAME)) {
            SelectedBackend jdbc = fromBean("javax.sql.DataSource", requestingBean,
                    bean -> JdbcBackends.create(bean, environment), "JDBC backend over DataSource bean");
            if (jdbc != null) {
                return log(jdbc);
            }
        }
        if (present(RedisBackends.CLIENT_CLASS_NAME) && present(RedisBackends.CLASS_NAME)) {
            SelectedBackend redis = fromBean(RedisBackends.CLIENT_CLASS_NAME, requestingBean,
                    bean -> RedisBackends.create(bean, environment), "Redis backend over UnifiedJedis bean");
            if (redis != null) {
                return log(redis);
            }
        }
        if (present(MemoryBackends.CLASS_NAME)) {
            return log(new SelectedBackend(MemoryBackends.create(), true, "in-memory backend (no Backend, DataSource "
                    + "or UnifiedJedis bean)"));
        }
        throw new RegistrationException("@EnableSequere found no backend: define a dev.sequere.spi.Backend bean, or a "
                + "DataSource bean with sequere-backend-jdbc, or a UnifiedJedis bean with sequere-backend-redis, or add "
                + "sequere-backend-memory to the class path for the in-memory default");
    }

    private @Nullable SelectedBackend fromBean(String className, String requestingBean,
            Function<Object, Backend> factory, String what) {
        Class<?> type = ClassUtils.resolveClassName(className, classLoader);
        Candidate<?> candidate = unique(type, requestingBean);
        if (candidate == null) {
            return null;
        }
        return new SelectedBackend(factory.apply(candidate.bean), true, what + " '" + candidate.name + "'");
    }

    private <T> @Nullable Candidate<T> unique(Class<T> type, String requestingBean) {
        String[] names = beans.getBeanNamesForType(type, true, false);
        if (names.length == 0) {
            return null;
        }
        String chosen;
        if (names.length == 1) {
            chosen = names[0];
        } else {
            chosen = Arrays.stream(names)
                    .filter(name -> beans.containsBeanDefinition(name) && beans.getBeanDefinition(name).isPrimary())
                    .reduce((a, b) -> {
                        throw new NoUniqueBeanDefinitionException(type, names);
                    })
                    .orElseThrow(() -> new RegistrationException("@EnableSequere found " + names.length + " "
                            + type.getSimpleName() + " beans " + Arrays.toString(names) + " and none is @Primary; "
                            + "mark the one Sequere should use @Primary, or define a dev.sequere.spi.Backend bean"));
        }
        beans.registerDependentBean(chosen, requestingBean);
        return new Candidate<>(chosen, beans.getBean(chosen, type));
    }

    private boolean present(String className) {
        return ClassUtils.isPresent(className, classLoader);
    }

    private static SelectedBackend log(SelectedBackend selected) {
        LOG.log(Level.INFO, "Sequere backend: {0}", selected.origin());
        return selected;
    }

    private record Candidate<T>(String name, T bean) {
    }
}
