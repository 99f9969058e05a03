package dev.sequere;

import dev.sequere.registry.BatchLoader;
import dev.sequere.registry.TypeRegistration;
import dev.sequere.registry.TypeRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns refs back into application objects: one loader call per type, objects matched to refs
 * through the id extractor, missing ones reported instead of returned as {@code null}.
 */
final class ResourceLoader {

    private final TypeRegistry registry;
    private final Consumer<Ref> onMissing;

    ResourceLoader(TypeRegistry registry, Consumer<Ref> onMissing) {
        this.registry = registry;
        this.onMissing = onMissing;
    }

    Map<Ref, Object> load(Collection<Ref> refs) {
        Map<String, Set<String>> idsByType = new LinkedHashMap<>();
        for (Ref ref : refs) {
            idsByType.computeIfAbsent(ref.type(), t -> new LinkedHashSet<>()).add(ref.id());
        }
        Map<Ref, Object> found = new HashMap<>(refs.size() * 2);
        for (Map.Entry<String, Set<String>> byType : idsByType.entrySet()) {
            TypeRegistration<?> registration = registry.forType(byType.getKey());
            BatchLoader<?> batchLoader = registration.loader();
            if (batchLoader == null) {
                throw new RegistrationException("type '" + registration.type() + "' (" + registration.javaClass().getName()
                        + ") has no loader, so its resources cannot be loaded; register it with "
                        + "t.loader(ids -> ...) or list refs only with refPage(...)");
            }
            Set<String> wanted = byType.getValue();
            Collection<?> loaded = batchLoader.load(List.copyOf(wanted));
            for (Object object : loaded) {
                if (object == null) {
                    continue;
                }
                String id = registration.idOf(object);
                if (id != null && wanted.contains(id)) {
                    found.put(new Ref(registration.type(), id), object);
                }
            }
        }
        List<Ref> missing = new ArrayList<>();
        for (Ref ref : refs) {
            if (!found.containsKey(ref)) {
                missing.add(ref);
            }
        }
        new LinkedHashSet<>(missing).forEach(onMissing);
        return found;
    }
}
