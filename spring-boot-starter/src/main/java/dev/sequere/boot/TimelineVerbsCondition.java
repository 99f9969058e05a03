package dev.sequere.boot;

import dev.sequere.spring.SequereConfigurer;
import java.util.List;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when something may register timeline verbs: {@code sequere.timelines.verbs}, a
 * {@link TimelinesBuilderCustomizer} bean or a {@link SequereConfigurer} bean. An application
 * that only follows (and has {@code sequere-timeline} through the starter) then gets no
 * {@code Timelines} bean instead of a start-up failure for want of verbs.
 */
final class TimelineVerbsCondition extends SpringBootCondition {

    TimelineVerbsCondition() {
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        boolean verbs = Binder.get(context.getEnvironment())
                .bind("sequere.timelines.verbs", Bindable.listOf(String.class))
                .map(list -> !list.isEmpty()).orElse(false);
        if (verbs) {
            return ConditionOutcome.match("sequere.timelines.verbs is set");
        }
        ConfigurableListableBeanFactory beans = context.getBeanFactory();
        if (beans != null) {
            for (Class<?> type : List.of(TimelinesBuilderCustomizer.class, SequereConfigurer.class)) {
                if (beans.getBeanNamesForType(type, true, false).length > 0) {
                    return ConditionOutcome.match("found a " + type.getSimpleName() + " bean");
                }
            }
        }
        return ConditionOutcome.noMatch("no sequere.timelines.verbs, TimelinesBuilderCustomizer or SequereConfigurer "
                + "bean: nothing registers timeline verbs");
    }
}
