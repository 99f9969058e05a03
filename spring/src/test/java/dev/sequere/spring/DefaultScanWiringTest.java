package dev.sequere.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.Sequere;
import dev.sequere.registry.TypeRegistration;
import dev.sequere.spring.app.Board;
import dev.sequere.spring.app.Member;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** {@code @EnableSequere} without attributes scans the package of the annotated class and below. */
@SpringJUnitConfig(DefaultScanWiringTest.Config.class)
class DefaultScanWiringTest {

    @Configuration(proxyBeanMethods = false)
    @EnableSequere(timelines = false)
    static class Config {
    }

    @Autowired
    Sequere sequere;

    @Test
    void scansThePackageOfTheAnnotatedClass() {
        assertThat(sequere.registry().registrations())
                .extracting(TypeRegistration::type).containsExactlyInAnyOrder("board", "member", "secret");
    }

    @Test
    void followsWorkThroughTheInjectedSequereWithTheScannedTypes() {
        Member ann = new Member("ann", "Ann");
        Board board = new Board(3);
        assertThat(sequere.follow(ann, board)).isTrue();
        assertThat(sequere.isFollowing(ann, board)).isTrue();
        assertThat(sequere.followers(board).count()).isEqualTo(1);
        sequere.forget(board);
    }
}
