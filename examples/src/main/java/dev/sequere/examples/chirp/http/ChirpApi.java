package dev.sequere.examples.chirp.http;

import dev.sequere.Follow;
import dev.sequere.Page;
import dev.sequere.examples.chirp.ChirpException;
import dev.sequere.examples.chirp.post.Post;
import dev.sequere.examples.chirp.post.Posts;
import dev.sequere.examples.chirp.social.Social;
import dev.sequere.examples.chirp.user.Accounts;
import dev.sequere.examples.chirp.user.User;
import dev.sequere.examples.chirp.user.UserStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The routes of chirp: the JSON API under {@code /api} and the page with its script.
 *
 * <pre>
 * POST /api/signup            {username, password, name}  201 {user, token} + cookie
 * POST /api/login             {username, password}        200 {user, token} + cookie
 * POST /api/logout                                        204
 * GET  /api/me                                            200 profile of the logged-in user
 * POST /api/follow            {identifier, object_id}     200 counts (django-sequere's answer)
 * POST /api/unfollow          {identifier, object_id}     200 counts
 * POST /api/posts             {text}                      201 post
 * GET  /api/timeline?cursor=                              200 {items, next}: home timeline
 * GET  /api/users                                         200 newest users
 * GET  /api/users/{name}                                  200 profile
 * GET  /api/users/{name}/posts|followers|following        200 {items, next}
 * </pre>
 */
public final class ChirpApi {

    private final Accounts accounts;
    private final Social social;
    private final Posts posts;
    private final UserStore users;
    private final List<Route> routes = new ArrayList<>();

    /**
     * Creates the API.
     *
     * @param accounts accounts
     * @param social follows
     * @param posts posts
     * @param users users
     */
    public ChirpApi(Accounts accounts, Social social, Posts posts, UserStore users) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.social = Objects.requireNonNull(social, "social");
        this.posts = Objects.requireNonNull(posts, "posts");
        this.users = Objects.requireNonNull(users, "users");
        route("GET", "/", c -> file("index.html", "text/html; charset=utf-8"));
        route("GET", "/app\\.js", c -> file("app.js", "text/javascript; charset=utf-8"));
        route("GET", "/style\\.css", c -> file("style.css", "text/css; charset=utf-8"));
        route("POST", "/api/signup", this::signUp);
        route("POST", "/api/login", this::logIn);
        route("POST", "/api/logout", this::logOut);
        route("GET", "/api/me", c -> Reply.ok(profile(social.profile(c.user().username(), c.user()))));
        route("POST", "/api/follow", c -> Reply.ok(social.follow(c.user(), c.field("identifier"), c.field("object_id")).body()));
        route("POST", "/api/unfollow", c -> Reply.ok(social.unfollow(c.user(), c.field("identifier"), c.field("object_id")).body()));
        route("POST", "/api/posts", c -> Reply.json(201, post(posts.publish(c.user(), c.field("text")))));
        route("GET", "/api/timeline", c -> Reply.ok(postPage(posts.home(c.user(), c.query("cursor"), c.limit()))));
        route("GET", "/api/users", c -> Reply.ok(Map.of("items", users.newest(c.limit()).stream().map(ChirpApi::user).toList())));
        route("GET", "/api/users/([^/]+)", c -> Reply.ok(profile(social.profile(c.path(0), c.viewer().orElse(null)))));
        route("GET", "/api/users/([^/]+)/posts", c -> Reply.ok(postPage(posts.byUser(
                users.findByUsername(c.path(0)).orElseThrow(() -> ChirpException.notFound("no user '" + c.path(0) + "'")),
                c.query("cursor"), c.limit()))));
        route("GET", "/api/users/([^/]+)/followers", c -> Reply.ok(followPage(social.followers(c.path(0), c.query("cursor"), c.limit()))));
        route("GET", "/api/users/([^/]+)/following", c -> Reply.ok(followPage(social.followings(c.path(0), c.query("cursor"), c.limit()))));
    }

    /**
     * The routes, in matching order.
     *
     * @return the routes
     */
    List<Route> routes() {
        return routes;
    }

    /**
     * The account service, for resolving sessions.
     *
     * @return accounts
     */
    Accounts accounts() {
        return accounts;
    }

    private void route(String method, String path, Route.Handler handler) {
        routes.add(new Route(method, Pattern.compile(path), handler));
    }

    private Reply signUp(Call call) throws IOException {
        String name = call.field("name");
        Accounts.SignedIn in = accounts.signUp(call.required("username"), call.required("password"), name == null ? "" : name);
        return session(Reply.json(201, signedIn(in)), in.token());
    }

    private Reply logIn(Call call) throws IOException {
        Accounts.SignedIn in = accounts.logIn(call.required("username"), call.required("password"));
        return session(Reply.ok(signedIn(in)), in.token());
    }

    private Reply logOut(Call call) {
        String token = call.token();
        if (token != null) {
            accounts.logOut(token);
        }
        return Reply.noContent().header("Set-Cookie", Call.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
    }

    private static Reply session(Reply reply, String token) {
        // HttpOnly keeps the token away from scripts; SameSite=Strict keeps other sites from
        // posting with it (the API's CSRF defence).
        return reply.header("Set-Cookie", Call.COOKIE + "=" + token + "; Path=/; Max-Age=2592000; HttpOnly; SameSite=Strict");
    }

    private static Map<String, Object> signedIn(Accounts.SignedIn in) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", user(in.user()));
        body.put("token", in.token());
        return body;
    }

    static Map<String, Object> user(User user) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", user.id());
        body.put("username", user.username());
        body.put("name", user.name());
        body.put("joined", user.joined().toString());
        return body;
    }

    private static Map<String, Object> profile(Social.Profile profile) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", user(profile.user()));
        body.put("followers_count", profile.followers());
        body.put("followings_count", profile.followings());
        body.put("posts_count", profile.posts());
        body.put("following", profile.following());
        body.put("follows_you", profile.followsYou());
        return body;
    }

    private static Map<String, Object> post(Post post) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", post.id());
        body.put("author", user(post.author()));
        body.put("text", post.text());
        body.put("time", post.time().toString());
        return body;
    }

    private static Map<String, Object> postPage(Page<Post> page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items().stream().map(ChirpApi::post).toList());
        body.put("next", page.nextCursor());
        return body;
    }

    private static Map<String, Object> followPage(Page<Follow<User>> page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items().stream().map(f -> {
            Map<String, Object> item = user(f.resource());
            item.put("since", f.since().toString());
            return item;
        }).toList());
        body.put("next", page.nextCursor());
        return body;
    }

    private static Reply file(String name, String contentType) throws IOException {
        try (InputStream in = ChirpApi.class.getResourceAsStream("/chirp/" + name)) {
            if (in == null) {
                throw ChirpException.notFound("no " + name);
            }
            return Reply.bytes(contentType, in.readAllBytes());
        }
    }
}
