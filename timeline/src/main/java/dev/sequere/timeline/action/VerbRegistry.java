package dev.sequere.timeline.action;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which verbs each resource type may act with, like django-sequere's {@code actions} on a
 * registered model. Immutable; built by {@code Timelines.Builder}.
 */
public final class VerbRegistry {

    private final Set<Verb> anyType;
    private final Map<String, Set<Verb>> byType;

    /**
     * Creates the registry.
     *
     * @param anyType verbs every type may use
     * @param byType verbs per actor type name
     */
    public VerbRegistry(Collection<Verb> anyType, Map<String, ? extends Collection<Verb>> byType) {
        this.anyType = Set.copyOf(anyType);
        Map<String, Set<Verb>> copy = new HashMap<>();
        byType.forEach((type, verbs) -> copy.put(type, Set.copyOf(verbs)));
        this.byType = Map.copyOf(copy);
    }

    /**
     * Checks that {@code actorType} may use {@code verb}.
     *
     * @param actorType the actor's type name
     * @param verb the verb
     * @return the verb
     * @throws UnregisteredVerbException when it is not registered for that type
     */
    public Verb requireAllowed(String actorType, Verb verb) {
        if (anyType.contains(verb) || byType.getOrDefault(actorType, Set.of()).contains(verb)) {
            return verb;
        }
        Set<String> allowed = new TreeSet<>();
        anyType.forEach(v -> allowed.add(v.name()));
        byType.getOrDefault(actorType, Set.of()).forEach(v -> allowed.add(v.name()));
        throw new UnregisteredVerbException("verb '" + verb.name() + "' is not registered for type '" + actorType
                + "' (registered: " + allowed + "); add it with Timelines.builder(sequere).verbs(\""
                + actorType + "\", Verb.of(\"" + verb.name() + "\"))");
    }

    /**
     * Checks that some type may use {@code verb} (filters name only known verbs, so a typo is an
     * error rather than an always-empty timeline).
     *
     * @param verb the verb
     * @return the verb
     * @throws UnregisteredVerbException when no type registered it
     */
    public Verb requireKnown(Verb verb) {
        if (anyType.contains(verb)) {
            return verb;
        }
        for (Set<Verb> verbs : byType.values()) {
            if (verbs.contains(verb)) {
                return verb;
            }
        }
        throw new UnregisteredVerbException("verb '" + verb.name() + "' is not registered for any type; "
                + "register it with Timelines.builder(sequere).verbs(...) before filtering by it");
    }

    /**
     * Every registered verb.
     *
     * @return the verbs
     */
    public Set<Verb> all() {
        Set<Verb> all = new HashSet<>(anyType);
        byType.values().forEach(all::addAll);
        return Set.copyOf(all);
    }
}
