package dev.sequere.spring.timeline;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.task.TaskExecutor;

/**
 * Finds the executor timeline fan-out runs on, the way Spring's own {@code @Async} support does:
 * the {@link Executor} bean named {@value #DEFAULT_NAME}, else the only (or the primary)
 * {@link TaskExecutor} bean, else none (fan-out then runs on the publishing thread).
 */
public final class FanOutExecutorFinder {

    /** Spring's conventional name of the application's task executor. */
    public static final String DEFAULT_NAME = "taskExecutor";

    private static final System.Logger LOG = System.getLogger(FanOutExecutorFinder.class.getName());

    private final ConfigurableListableBeanFactory beans;

    /**
     * Creates a finder.
     *
     * @param beans the context's bean factory
     */
    public FanOutExecutorFinder(ConfigurableListableBeanFactory beans) {
        this.beans = Objects.requireNonNull(beans, "beans");
    }

    /**
     * Finds the executor and records it as a dependency of the requesting bean, so the context
     * shuts the executor down only after that bean.
     *
     * @param requestingBean the bean that will submit to it
     * @return the executor, or {@code null} when the context has none
     */
    public @Nullable Executor find(String requestingBean) {
        String name = choose();
        if (name == null) {
            LOG.log(Level.INFO, "Sequere timelines: no TaskExecutor bean, fan-out runs on the publishing thread");
            return null;
        }
        beans.registerDependentBean(name, requestingBean);
        LOG.log(Level.INFO, "Sequere timelines: fan-out on executor bean ''{0}''", name);
        return beans.getBean(name, Executor.class);
    }

    private @Nullable String choose() {
        if (beans.containsBean(DEFAULT_NAME) && beans.isTypeMatch(DEFAULT_NAME, Executor.class)) {
            return DEFAULT_NAME;
        }
        String[] names = beans.getBeanNamesForType(TaskExecutor.class, true, false);
        if (names.length == 1) {
            return names[0];
        }
        String[] primary = Arrays.stream(names)
                .filter(n -> beans.containsBeanDefinition(n) && beans.getBeanDefinition(n).isPrimary())
                .toArray(String[]::new);
        if (primary.length == 1) {
            return primary[0];
        }
        if (names.length > 1) {
            LOG.log(Level.WARNING, "Sequere timelines: several TaskExecutor beans {0} and none named ''taskExecutor'' "
                    + "or @Primary; fan-out runs on the publishing thread", Arrays.toString(names));
        }
        return null;
    }
}
