package dev.sequere.examples.chirp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sequere.Sequere;
import dev.sequere.examples.chirp.http.ChirpApi;
import dev.sequere.examples.chirp.http.ChirpServer;
import dev.sequere.examples.chirp.post.Posts;
import dev.sequere.examples.chirp.social.Social;
import dev.sequere.examples.chirp.user.Accounts;
import dev.sequere.examples.chirp.user.PasswordHasher;
import dev.sequere.examples.chirp.user.SessionStore;
import dev.sequere.examples.chirp.user.User;
import dev.sequere.examples.chirp.user.UserStore;
import dev.sequere.spring.EnableSequere;
import dev.sequere.spring.FollowableLoader;
import dev.sequere.spring.SequereConfigurer;
import dev.sequere.timeline.Timelines;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Chirp's beans. {@code @EnableSequere} finds {@link User} by its {@code @Followable}
 * annotation, stores follows through the {@code DataSource} bean (the same database as the
 * users) unless {@link RedisFollows} adds a {@code Backend} bean, and fans posts out on the
 * {@code taskExecutor} bean.
 */
@Configuration(proxyBeanMethods = false)
@EnableSequere(followables = User.class)
public class ChirpConfig {

    /** Created by Spring. */
    public ChirpConfig() {
    }

    /**
     * The database of users and (by default) follows: the embedded H2 file, or the JDBC URL
     * given in the settings.
     *
     * @param settings the settings
     * @return a pooled data source, closed with the context after the backend
     */
    @Bean(destroyMethod = "close")
    public HikariDataSource dataSource(ChirpSettings settings) {
        HikariConfig config = new HikariConfig();
        String url = settings.jdbcUrl();
        if (url == null) {
            // AUTO_SERVER lets the data generator or an H2 console open the file while chirp runs.
            url = "jdbc:h2:file:" + settings.h2File().toAbsolutePath() + ";AUTO_SERVER=TRUE";
            config.setUsername("sa");
        }
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(10);
        config.setPoolName("chirp");
        return new HikariDataSource(config);
    }

    /**
     * Where fan-out runs (found by {@code @EnableSequere} by its name).
     *
     * @return a small pool, drained by Sequere before the backend closes
     */
    @Bean
    public ThreadPoolTaskExecutor taskExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("chirp-fanout-");
        executor.setCorePoolSize(2);
        executor.setMaxPoolSize(2);
        return executor;
    }

    /**
     * The users table.
     *
     * @param dataSource the database
     * @param settings for the table prefix
     * @return the store
     */
    @Bean
    public UserStore userStore(DataSource dataSource, ChirpSettings settings) {
        return new UserStore(dataSource, settings.prefix());
    }

    /**
     * Loads users for Sequere's listings and timelines, one query per page.
     *
     * @param users the store
     * @return the loader of the {@code user} type
     */
    @Bean
    public FollowableLoader<User> userLoader(UserStore users) {
        return FollowableLoader.of(User.class, users::findAllById);
    }

    /**
     * Registers the {@code post} verb for users.
     *
     * @return the configurer
     */
    @Bean
    public SequereConfigurer chirpVerbs() {
        return new SequereConfigurer() {
            @Override
            public void configure(Sequere.Builder builder) {
            }

            @Override
            public void configureTimelines(Timelines.Builder builder) {
                builder.verbs(User.class, Posts.POST);
            }
        };
    }

    /**
     * Sign-up, log-in, sessions.
     *
     * @param users the users
     * @param dataSource the database, for sessions
     * @param settings for the prefix and the hashing cost
     * @return the account service
     */
    @Bean
    public Accounts accounts(UserStore users, DataSource dataSource, ChirpSettings settings) {
        SessionStore sessions = new SessionStore(dataSource, settings.prefix(), Duration.ofDays(30));
        return new Accounts(users, sessions, new PasswordHasher(settings.passwordIterations()));
    }

    /**
     * Follows, counts and profiles.
     *
     * @param sequere the follow graph
     * @param users the users
     * @param posts the posts, for post counts
     * @return the service
     */
    @Bean
    public Social social(Sequere sequere, UserStore users, Posts posts) {
        return new Social(sequere, users, posts);
    }

    /**
     * Posting and reading timelines.
     *
     * @param timelines the timelines
     * @return the service
     */
    @Bean
    public Posts posts(Timelines timelines) {
        return new Posts(timelines);
    }

    /**
     * The HTTP server; started and stopped with the context.
     *
     * @param settings for the port
     * @param accounts accounts
     * @param social follows
     * @param posts posts
     * @param users users
     * @return the server
     */
    @Bean
    public ChirpServer chirpServer(ChirpSettings settings, Accounts accounts, Social social, Posts posts, UserStore users) {
        return new ChirpServer(settings.port(), new ChirpApi(accounts, social, posts, users));
    }
}
