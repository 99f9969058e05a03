package dev.sequere.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the walkthrough's {@code main} and checks what it prints, so the example cannot rot. */
class WalkthroughTest {

    @Test
    void mainReplaysTheReadmeAndPrintsTheExpectedResults() {
        String output = runMain();

        assertThat(output).containsSubsequence(
                ">>> sequere.follow(thoas, project)\ntrue\n",
                ">>> sequere.isFollowing(thoas, project)\ntrue\n",
                ">>> sequere.followers(project).count()\n1\n",
                ">>> sequere.followings(thoas).count()\n1\n",
                ">>> sequere.followers(thoas).page(20)\n[]\n",
                ">>> sequere.followers(project).page(20)\n"
                        + "[(<User: thoas>, 2013-10-25T04:41:31.612067Z)]\n",
                ">>> sequere.followings(thoas).page(20)\n"
                        + "[(<Project: La classe americaine>, 2013-10-25T04:41:31.612067Z)]\n",
                ">>> sequere.follow(thoas, project)\nfalse\n",
                "SelfFollowException: user/1 cannot follow itself",
                ">>> sequere.followings(thoas).ofType(Project.class).count()\n1\n",
                ">>> sequere.followers(project).ofType(User.class).count()\n2\n",
                ">>> sequere.friends(thoas).page(20)\n[(<User: newbie>, ",
                ">>> sequere.followers(project).oldestFirst().page(20)\n[(<User: thoas>, ",
                "[(<User: erin>, ",
                ">>> first.hasNext()\ntrue\n",
                "[(<User: bob>, ",
                ">>> user loader calls for those two pages\n2\n",
                ">>> sequere.unfollow(thoas, project)\ntrue\n",
                ">>> sequere.unfollow(thoas, project)\nfalse\n",
                ">>> sequere.isFollowing(thoas, project)\nfalse\n",
                ">>> sequere.forget(newbie)\n3\n",
                "UnregisteredTypeException: class java.lang.String is not registered",
                "InvalidRefException: id must not be empty",
                "InvalidArgumentException: limit must be between 1 and 10000, was 0",
                ">>> sequere.followers(project).count()\n4\n",
                "follows: 9, unfollows: 1, missing objects reported: 1");
        // The deleted user is skipped, not printed as null.
        assertThat(output).doesNotContain("(null");
    }

    private static String runMain() {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            Walkthrough.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
