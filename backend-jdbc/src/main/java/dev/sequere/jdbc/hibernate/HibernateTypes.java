package dev.sequere.jdbc.hibernate;

import dev.sequere.Ref;
import dev.sequere.RegistrationException;
import dev.sequere.registry.BatchLoader;
import dev.sequere.registry.TypeRegistration;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnitUtil;
import jakarta.persistence.metamodel.EntityType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.jspecify.annotations.Nullable;

/**
 * Turns the entities of a Hibernate {@link SessionFactory} (or JPA
 * {@link EntityManagerFactory} backed by Hibernate) into {@link TypeRegistration}s:
 *
 * <pre>{@code
 * Sequere.Builder builder = Sequere.builder().backend(backend);
 * HibernateTypes.from(sessionFactory).type(UserAccount.class, "user").build().forEach(builder::register);
 * }</pre>
 *
 * <ul>
 *   <li>type name: the entity name in lower case ({@code UserAccount} becomes
 *       {@code useraccount}), overridable with {@link #type};</li>
 *   <li>id: the identifier attribute, read through {@link PersistenceUnitUtil#getIdentifier}, so a
 *       lazy proxy's id is read without initializing it; stored as its string form and parsed
 *       back to the id type ({@code Long}, {@code Integer}, {@code UUID}, {@code String}, or any
 *       type with a static {@code valueOf(String)} or a {@code String} constructor);</li>
 *   <li>loader: one {@link Session#findMultiple} per page of one type (batched by Hibernate, one
 *       query for a page of 20), ids that no longer exist left out;</li>
 *   <li>proxies: Hibernate's proxy classes extend the entity class, and Sequere's registry maps a
 *       subclass to its registered ancestor.</li>
 * </ul>
 * Entities with composite identifiers have no single id to store and are left out, unless
 * {@link #only} names one, which is then an error.
 */
public final class HibernateTypes {

    private final SessionFactory sessionFactory;
    private final Map<Class<?>, String> names = new HashMap<>();
    private @Nullable Set<Class<?>> only;
    private boolean currentSession;

    private HibernateTypes(SessionFactory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    /**
     * Starts from a Hibernate session factory.
     *
     * @param sessionFactory the application's session factory
     * @return a builder
     */
    public static HibernateTypes from(SessionFactory sessionFactory) {
        return new HibernateTypes(Objects.requireNonNull(sessionFactory, "sessionFactory"));
    }

    /**
     * Starts from a JPA entity manager factory whose provider is Hibernate.
     *
     * @param entityManagerFactory the application's entity manager factory
     * @return a builder
     */
    public static HibernateTypes from(EntityManagerFactory entityManagerFactory) {
        Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
        return new HibernateTypes(entityManagerFactory.unwrap(SessionFactory.class));
    }

    /**
     * Overrides the type name of one entity.
     *
     * @param entityClass the entity class
     * @param typeName a name matching {@code [a-z0-9_-]{1,64}}
     * @return this builder
     */
    public HibernateTypes type(Class<?> entityClass, String typeName) {
        names.put(Objects.requireNonNull(entityClass, "entityClass"), Objects.requireNonNull(typeName, "typeName"));
        return this;
    }

    /**
     * Registers only these entities instead of every entity of the factory.
     *
     * @param entityClasses the entity classes to register
     * @return this builder
     */
    public HibernateTypes only(Class<?>... entityClasses) {
        Set<Class<?>> set = new LinkedHashSet<>();
        for (Class<?> c : entityClasses) {
            set.add(Objects.requireNonNull(c, "entity class"));
        }
        this.only = set;
        return this;
    }

    /**
     * Loads through {@link SessionFactory#getCurrentSession()} (entities come back managed by the
     * application's open session, for example inside a Spring transaction) instead of a short
     * session of their own (entities come back detached).
     *
     * @return this builder
     */
    public HibernateTypes loadInCurrentSession() {
        this.currentSession = true;
        return this;
    }

    /**
     * Builds one registration per entity, in entity-name order.
     *
     * @return the registrations, ready for {@code Sequere.builder().register(...)}
     * @throws RegistrationException when a named class is not an entity of the factory, has a
     *     composite id or an id type that cannot be parsed from a string, or a derived type name
     *     is invalid
     */
    public List<TypeRegistration<?>> build() {
        List<EntityType<?>> entities = new ArrayList<>(sessionFactory.getMetamodel().getEntities());
        entities.sort(Comparator.comparing(EntityType::getName));
        Set<Class<?>> wanted = only;
        List<TypeRegistration<?>> registrations = new ArrayList<>();
        Set<Class<?>> seen = new LinkedHashSet<>();
        for (EntityType<?> entity : entities) {
            Class<?> javaType = entity.getJavaType();
            if (javaType == null || Map.class.isAssignableFrom(javaType) || (wanted != null && !wanted.contains(javaType))) {
                continue;
            }
            seen.add(javaType);
            if (!entity.hasSingleIdAttribute()) {
                if (wanted != null) {
                    throw new RegistrationException("cannot register entity " + entity.getName()
                            + ": it has a composite identifier; register it by hand with an id that is one string");
                }
                continue;
            }
            registrations.add(registration(entity));
        }
        if (wanted != null && !seen.containsAll(wanted)) {
            Set<Class<?>> missing = new LinkedHashSet<>(wanted);
            missing.removeAll(seen);
            throw new RegistrationException("not entities of this SessionFactory: " + missing);
        }
        return registrations;
    }

    private <X> TypeRegistration<X> registration(EntityType<X> entity) {
        Class<X> javaType = entity.getJavaType();
        String explicit = names.get(javaType);
        String type = explicit != null ? explicit : entity.getName().toLowerCase(Locale.ROOT);
        try {
            Ref.requireValidType(type);
        } catch (RuntimeException e) {
            throw new RegistrationException("cannot register entity " + entity.getName() + ": " + e.getMessage()
                    + (explicit == null ? " (derived from the entity name; set one with type(" + javaType.getSimpleName()
                    + ".class, \"...\"))" : ""));
        }
        Function<String, Object> parser = IdParsers.forType(entity.getIdType().getJavaType(), entity.getName());
        PersistenceUnitUtil util = sessionFactory.getPersistenceUnitUtil();
        Function<X, Object> idExtractor = util::getIdentifier;
        BatchLoader<X> loader = ids -> load(javaType, ids, parser);
        return new TypeRegistration<>(javaType, type, idExtractor, loader);
    }

    private <X> List<X> load(Class<X> javaType, List<String> ids, Function<String, Object> parser) {
        List<Object> keys = new ArrayList<>(ids.size());
        for (String id : ids) {
            try {
                keys.add(parser.apply(id));
            } catch (RuntimeException e) {
                // An id that cannot be this entity's key names no row: it is simply not found.
            }
        }
        if (keys.isEmpty()) {
            return List.of();
        }
        Function<Session, List<X>> find = session -> {
            List<X> found = new ArrayList<>(keys.size());
            for (X x : session.findMultiple(javaType, keys)) {
                if (x != null) {
                    found.add(x);
                }
            }
            return found;
        };
        return currentSession ? find.apply(sessionFactory.getCurrentSession()) : sessionFactory.fromSession(find);
    }
}
