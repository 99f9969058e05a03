package dev.sequere.examples.chirp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.Sequere;
import dev.sequere.examples.chirp.user.User;
import dev.sequere.examples.chirp.user.UserStore;
import dev.sequere.tck.ExternalServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chirp's page in a real headless Chromium: sign up through the form, post, open a profile,
 * follow, see the followed user's posts on the home page, unfollow. Skipped with a message only
 * when Chromium is missing outside CI; under {@code CI=true} a missing Chromium fails. Then the
 * defects of issue 12 (an unknown profile after a known one, an error line outliving the session,
 * empty and long lists). The tests share one app and one browser, each with its own users; the one
 * that adds 53 users runs last, as they would push the others out of "who to follow".
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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
    @Order(1)
    void signUpPostFollowAndUnfollowThroughThePage() throws Exception {
        // Bob exists already and has posted, with markup that must show as text.
        ChirpClient api = new ChirpClient(app.port());
        String bob = api.post("/api/signup", null, Map.of("username", "bob", "password", "battery staple"))
                .json().get("token").asText();
        api.post("/api/posts", bob, Map.of("text", "hi from bob <img src=x onerror=\"document.title='pwned'\">"));

        openLoggedOut("alice");

        // Sign up through the form.
        browser.eval("document.getElementById('username').value = 'alice';"
                + "document.getElementById('password').value = 'correct horse';"
                + "document.getElementById('name').value = 'Alice';"
                + "document.getElementById('signup').click()");
        browser.waitFor("!document.getElementById('home').hidden && document.body.dataset.ready === '#/'"
                + " && document.getElementById('me').textContent === 'alice'", WAIT);
        // The session cookie is HttpOnly: the page's scripts cannot read it.
        assertThat(browser.eval("document.cookie").asText()).doesNotContain("chirp_session");

        // Post.
        browser.eval("document.getElementById('post-text').value = 'my first chirp';"
                + "document.getElementById('post-form').requestSubmit()");
        // "ready" is the page's word that every list of the route is in (here: who to follow too).
        browser.waitFor("document.body.dataset.ready === '#/'"
                + " && document.getElementById('timeline').innerText.includes('my first chirp')", WAIT);

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

    @Test
    @Order(2)
    void anUnknownProfileOpenedAfterAKnownOneShowsNoSuchUserAndNoButton() {
        ChirpClient api = new ChirpClient(app.port());
        signUp(api, "erin");
        String frank = signUp(api, "frank");
        api.post("/api/posts", frank, Map.of("text", "frank's only chirp"));
        logIn("erin");

        browser.eval("location.hash = '#/u/frank'");
        browser.waitFor("document.body.dataset.ready === '#/u/frank'"
                + " && document.getElementById('follow-toggle').textContent === 'Follow'", WAIT);
        assertThat(text("profile-timeline")).contains("frank's only chirp");

        browser.eval("location.hash = '#/u/nobody'");
        browser.waitFor("document.body.dataset.ready === '#/u/nobody'", WAIT);
        assertThat(text("profile-name")).containsIgnoringCase("no such user");
        // Nothing of frank's stays on screen, and no button can follow him from here.
        assertThat(text("profile")).doesNotContain("frank");
        assertThat(browser.eval("document.getElementById('follow-toggle').hidden").asBoolean()).isTrue();
        assertThat(browser.eval("document.getElementById('follow-toggle').onclick === null").asBoolean()).isTrue();
        assertThat(browser.eval("document.getElementById('profile-body').hidden").asBoolean()).isTrue();
        assertThat(browser.eval("document.querySelectorAll('#profile li').length").asInt()).isZero();
    }

    @Test
    @Order(3)
    void anErrorMessageDoesNotOutliveTheSession() {
        ChirpClient api = new ChirpClient(app.port());
        signUp(api, "gina");
        signUp(api, "hank");
        logIn("gina");
        // Only blanks: the page lets it through ("required" is satisfied), the server refuses it.
        browser.eval("document.getElementById('post-text').value = '   ';"
                + "document.getElementById('post-form').requestSubmit()");
        browser.waitFor("document.getElementById('post-error').textContent !== ''", WAIT);

        browser.eval("document.getElementById('logout').click()");
        browser.waitFor("!document.getElementById('auth').hidden", WAIT);
        logInThroughForm("hank");
        assertThat(text("post-error")).isEmpty();
        assertThat(browser.eval("document.getElementById('post-text').value").asText()).isEmpty();
    }

    @Test
    @Order(4)
    void emptyListsSaySoAndLongListsPage() throws Exception {
        ChirpClient api = new ChirpClient(app.port());
        signUp(api, "ivan");
        String jane = signUp(api, "jane");
        for (int i = 1; i <= 25; i++) {
            api.post("/api/posts", jane, Map.of("text", "jane #" + i));
        }
        // kate: 52 followers, and she follows them back (lists are pages of 50). Written through
        // the beans rather than HTTP: 150 requests would slow the test for nothing.
        UserStore users = app.context().getBean(UserStore.class);
        Sequere sequere = app.context().getBean(Sequere.class);
        User kate = users.insert("kate", "Kate", "unused").orElseThrow();
        for (int i = 1; i <= 52; i++) {
            User fan = users.insert(String.format("fan%02d", i), "Fan " + i, "unused").orElseThrow();
            sequere.follow(fan, kate);
            sequere.follow(kate, fan);
        }
        logIn("ivan");

        // ivan follows nobody and has not posted: every list of his says it is empty.
        assertThat(text("timeline-empty")).containsIgnoringCase("no chirps yet");
        assertThat(visible("timeline-empty")).isTrue();
        browser.eval("location.hash = '#/u/ivan'");
        browser.waitFor("document.body.dataset.ready === '#/u/ivan'", WAIT);
        assertThat(visible("profile-timeline-empty")).isTrue();
        assertThat(text("profile-timeline-empty")).containsIgnoringCase("no chirps yet");
        assertThat(visible("profile-followers-empty")).isTrue();
        assertThat(text("profile-followers-empty")).containsIgnoringCase("no followers yet");
        assertThat(visible("profile-following-empty")).isTrue();
        assertThat(text("profile-following-empty")).containsIgnoringCase("not following anyone yet");
        browser.screenshot(Path.of("target", "chirp-empty-profile.png"));

        // jane's 25 chirps: 20, then the 5 older ones.
        browser.eval("location.hash = '#/u/jane'");
        browser.waitFor("document.body.dataset.ready === '#/u/jane'", WAIT);
        assertThat(count("#profile-timeline li")).isEqualTo(20);
        assertThat(visible("profile-timeline-empty")).isFalse();
        assertThat(visible("profile-followers-empty")).isTrue();
        browser.eval("document.getElementById('profile-timeline-more').click()");
        browser.waitFor("document.querySelectorAll('#profile-timeline li').length === 25", WAIT);
        assertThat(text("profile-timeline")).contains("jane #1").contains("jane #25");
        assertThat(visible("profile-timeline-more")).isFalse();

        // kate's 52 followers and 52 followings: 50, then 2 more, each list on its own.
        browser.eval("location.hash = '#/u/kate'");
        browser.waitFor("document.body.dataset.ready === '#/u/kate'", WAIT);
        assertThat(count("#profile-followers-list li")).isEqualTo(50);
        assertThat(count("#profile-following-list li")).isEqualTo(50);
        browser.eval("document.getElementById('profile-followers-more').click()");
        browser.waitFor("document.querySelectorAll('#profile-followers-list li').length === 52", WAIT);
        assertThat(visible("profile-followers-more")).isFalse();
        assertThat(count("#profile-following-list li")).isEqualTo(50);
        browser.eval("document.getElementById('profile-following-more').click()");
        browser.waitFor("document.querySelectorAll('#profile-following-list li').length === 52", WAIT);
        assertThat(text("profile-followers-list")).contains("@fan01").contains("@fan52");
        browser.screenshot(Path.of("target", "chirp-profile.png"));
        assertThat(text("profile-following-list")).contains("@fan01").contains("@fan52");
    }

    /** Signs a user up through the API (password "password <name>"); returns the session token. */
    private static String signUp(ChirpClient api, String name) {
        ChirpClient.Answer a = api.post("/api/signup", null, Map.of("username", name, "password", "password " + name));
        assertThat(a.status()).as("sign-up of " + name).isEqualTo(201);
        return a.json().get("token").asText();
    }

    /** Opens the page afresh with no session and logs in through the form. */
    private static void logIn(String name) {
        openLoggedOut(name);
        logInThroughForm(name);
    }

    /**
     * Opens the page afresh with no session (tests share the browser, so a previous test may have
     * left one).
     */
    private static void openLoggedOut(String tag) {
        browser.navigate("http://127.0.0.1:" + app.port() + "/");
        browser.waitFor("document.readyState === 'complete'", WAIT);
        browser.eval("fetch('/api/logout', {method: 'POST'}).then(r => r.status)");
        // Another URL than the one open: a real navigation, so the page starts logged out.
        browser.navigate("http://127.0.0.1:" + app.port() + "/?fresh=" + tag);
        browser.waitFor("document.readyState === 'complete' && document.getElementById('auth')"
                + " && !document.getElementById('auth').hidden", WAIT);
    }

    /** Logs in through the form of the page as it is (no reload). */
    private static void logInThroughForm(String name) {
        browser.eval("document.getElementById('username').value = '" + name + "';"
                + "document.getElementById('password').value = 'password " + name + "';"
                + "document.getElementById('login').click()");
        browser.waitFor("!document.getElementById('home').hidden && document.body.dataset.ready === '#/'"
                + " && document.getElementById('me').textContent === '" + name + "'", WAIT);
    }

    private static String text(String id) {
        return browser.eval("document.getElementById('" + id + "').innerText").asText();
    }

    private static boolean visible(String id) {
        return browser.eval("(e => !!e && e.offsetParent !== null)(document.getElementById('" + id + "'))").asBoolean();
    }

    private static int count(String selector) {
        return browser.eval("document.querySelectorAll('" + selector + "').length").asInt();
    }
}
