package dev.sequere.examples.chirp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.tck.ExternalServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chirp's page in a real headless Chromium: sign up through the form, post, open a profile,
 * follow, see the followed user's posts on the home page, unfollow. Skipped with a message only
 * when Chromium is missing outside CI; under {@code CI=true} a missing Chromium fails.
 */
class ChirpBrowserTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    static ChirpApp app;
    static HeadlessChromium browser;

    @BeforeAll
    static void start() throws Exception {
        Path chromium = HeadlessChromium.find();
        if (chromium == null) {
            String message = "no Chromium found (install Debian's chromium package, as .ci/run does, or set CHROMIUM)";
            if (ExternalServer.underCi()) {
                throw new IllegalStateException(message + " [CI=true: a missing browser is a failure, not a skip]");
            }
            Assumptions.abort(message);
        }
        app = ChirpApp.start(new ChirpSettings(0, dir.resolve("chirp"), null, null, "chirp_", 1_000));
        browser = HeadlessChromium.start(chromium);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void signUpPostFollowAndUnfollowThroughThePage() throws Exception {
        // Bob exists already and has posted, with markup that must show as text.
        ChirpClient api = new ChirpClient(app.port());
        String bob = api.post("/api/signup", null, Map.of("username", "bob", "password", "battery staple"))
                .json().get("token").asText();
        api.post("/api/posts", bob, Map.of("text", "hi from bob <img src=x onerror=\"document.title='pwned'\">"));

        browser.navigate("http://127.0.0.1:" + app.port() + "/");
        browser.waitFor("document.getElementById('auth') && !document.getElementById('auth').hidden", WAIT);

        // Sign up through the form.
        browser.eval("document.getElementById('username').value = 'alice';"
                + "document.getElementById('password').value = 'correct horse';"
                + "document.getElementById('name').value = 'Alice';"
                + "document.getElementById('signup').click()");
        browser.waitFor("!document.getElementById('home').hidden"
                + " && document.getElementById('me').textContent === 'alice'", WAIT);
        // The session cookie is HttpOnly: the page's scripts cannot read it.
        assertThat(browser.eval("document.cookie").asText()).doesNotContain("chirp_session");

        // Post.
        browser.eval("document.getElementById('post-text').value = 'my first chirp';"
                + "document.getElementById('post-form').requestSubmit()");
        browser.waitFor("document.getElementById('timeline').innerText.includes('my first chirp')", WAIT);

        // Open bob's profile from "who to follow", and follow him.
        browser.eval("[...document.querySelectorAll('#users a')].find(a => a.textContent.includes('@bob')).click()");
        browser.waitFor("document.body.dataset.ready === '#/u/bob'"
                + " && document.getElementById('follow-toggle').textContent === 'Follow'", WAIT);
        browser.eval("document.getElementById('follow-toggle').click()");
        browser.waitFor("document.getElementById('follow-toggle').textContent === 'Unfollow'"
                + " && document.getElementById('profile-followers').textContent === '1'", WAIT);
        browser.waitFor("document.getElementById('profile-followers-list').innerText.includes('@alice')", WAIT);

        // Home now shows bob's post (imported by the follow) above nothing else than alice's.
        browser.eval("location.hash = '#/'");
        browser.waitFor("document.getElementById('timeline').innerText.includes('hi from bob')", WAIT);
        assertThat(browser.eval("document.querySelectorAll('#timeline li').length").asInt()).isEqualTo(2);
        assertThat(browser.eval("document.querySelectorAll('#timeline img').length").asInt()).isZero();
        assertThat(browser.eval("document.title").asText()).isEqualTo("chirp");
        browser.screenshot(Path.of("target", "chirp-home.png"));

        // Unfollow from the profile: bob's post leaves the home timeline.
        browser.eval("location.hash = '#/u/bob'");
        browser.waitFor("document.body.dataset.ready === '#/u/bob'"
                + " && document.getElementById('follow-toggle').textContent === 'Unfollow'", WAIT);
        browser.eval("document.getElementById('follow-toggle').click()");
        browser.waitFor("document.getElementById('follow-toggle').textContent === 'Follow'", WAIT);
        browser.eval("location.hash = '#/'");
        browser.waitFor("document.body.dataset.ready === '#/'"
                + " && !document.getElementById('timeline').innerText.includes('hi from bob')"
                + " && document.getElementById('timeline').innerText.includes('my first chirp')", WAIT);

        // Log out: back to the form, and the session is gone on the server too.
        browser.eval("document.getElementById('logout').click()");
        browser.waitFor("!document.getElementById('auth').hidden", WAIT);
        assertThat(browser.eval("fetch('/api/me').then(r => r.status)").asInt()).isEqualTo(401);
    }
}
