package dev.sequere.spring;

import java.util.Map;
import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Imports the configurations {@link EnableSequere} asks for: always {@link SequereConfiguration},
 * and {@link TimelinesConfiguration} unless {@code timelines = false}.
 */
final class SequereImportSelector implements ImportSelector {

    @Override
    public String[] selectImports(AnnotationMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(EnableSequere.class.getName());
        boolean timelines = attributes == null || !Boolean.FALSE.equals(attributes.get("timelines"));
        return timelines
                ? new String[] {SequereConfiguration.class.getName(), TimelinesConfiguration.class.getName()}
                : new String[] {SequereConfiguration.class.getName()};
    }
}
