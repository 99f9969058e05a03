// chirp's page: plain JavaScript, no build step. Everything shown is set with textContent, so
// user text can never become markup.
'use strict';

const $ = (id) => document.getElementById(id);
let me = null;
// Bumped by every route(): a render that a newer one has overtaken (the user clicked on while
// answers were still coming) stops writing, so one page never shows another's data.
let generation = 0;

async function api(method, path, body) {
  const options = { method, headers: {}, credentials: 'same-origin' };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  // Only chirp's own answers are JSON; a proxy's or the HTTP server's error page is not.
  const json = (response.headers.get('Content-Type') || '').startsWith('application/json');
  const data = json ? await response.json() : null;
  if (!response.ok) {
    const error = new Error((data && data.error) || response.statusText || 'request failed');
    error.status = response.status;
    throw error;
  }
  return data;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function userLink(user) {
  const a = el('a', 'user-link', user.name + ' @' + user.username);
  a.href = '#/u/' + encodeURIComponent(user.username);
  return a;
}

function userItem(user) {
  const li = el('li', 'user');
  li.append(userLink(user));
  return li;
}

function postItem(post) {
  const li = el('li', 'post');
  li.dataset.id = post.id;
  const meta = el('div', 'post-meta');
  const author = userLink(post.author);
  author.classList.add('post-author');
  meta.append(author, ' · ', new Date(post.time).toLocaleString());
  li.append(meta, el('div', 'post-text', post.text));
  return li;
}

function showError(e) {
  $('page-error').textContent = e.message;
}

// One cursor-paged list on screen: its items, a "more" button that asks for the next page with
// the cursor Sequere gave, and a line saying the list is empty.
class Pager {
  constructor(name, limit, render) {
    this.list = $(name);
    this.more = $(name.replace(/-list$/, '') + '-more');
    this.empty = $(name.replace(/-list$/, '') + '-empty');
    this.limit = limit;
    this.render = render;
    this.path = null;
    this.cursor = null;
    this.opened = 0;
    this.more.addEventListener('click', () => this.next().catch(showError));
  }

  clear() {
    this.opened++; // drops the answer of a page still on its way
    this.path = null;
    this.cursor = null;
    this.list.replaceChildren();
    this.more.hidden = true;
    this.more.disabled = false;
    this.empty.hidden = true;
  }

  async open(path) {
    this.clear();
    this.path = path;
    await this.next();
  }

  async next() {
    if (!this.path) return;
    const opened = this.opened;
    this.more.disabled = true;
    try {
      const page = await api('GET', this.path + '?limit=' + this.limit
        + (this.cursor ? '&cursor=' + encodeURIComponent(this.cursor) : ''));
      if (opened !== this.opened) return;
      page.items.forEach((item) => this.list.append(this.render(item)));
      this.cursor = page.next;
      this.more.hidden = !page.next;
      this.empty.hidden = this.list.children.length > 0;
    } finally {
      if (opened === this.opened) this.more.disabled = false;
    }
  }
}

let home;
let profilePosts;
let profileFollowers;
let profileFollowing;

function show(section) {
  for (const id of ['auth', 'home', 'profile']) $(id).hidden = id !== section;
  $('whoami').hidden = !me;
}

async function loadMe() {
  try {
    const profile = await api('GET', '/api/me');
    me = profile.user;
    $('me').textContent = me.username;
  } catch (e) {
    me = null;
    $('me').textContent = '';
  }
}

async function renderHome(gen) {
  const [, users] = await Promise.all([home.open('/api/timeline'), api('GET', '/api/users?limit=10')]);
  if (gen !== generation) return;
  const others = users.items.filter((u) => u.id !== me.id);
  $('users').replaceChildren(...others.map(userItem));
  $('users-empty').hidden = others.length > 0;
}

// Empties the profile section, so nothing of the profile shown before survives into the next one
// (an unknown user's page once kept the previous user's counts, posts and live Follow button).
function clearProfile() {
  $('profile-name').textContent = '';
  $('profile-error').textContent = '';
  $('profile-body').hidden = true;
  for (const id of ['profile-posts', 'profile-followers', 'profile-following']) $(id).textContent = '';
  $('profile-follows-you').hidden = true;
  const toggle = $('follow-toggle');
  toggle.hidden = true;
  toggle.onclick = null;
  toggle.textContent = '';
  for (const pager of [profilePosts, profileFollowers, profileFollowing]) pager.clear();
}

async function renderProfile(username, gen) {
  clearProfile();
  const base = '/api/users/' + encodeURIComponent(username);
  let profile;
  try {
    profile = await api('GET', base);
  } catch (e) {
    if (gen !== generation) return;
    if (e.status === 404) {
      $('profile-name').textContent = 'No such user: @' + username;
    } else {
      $('profile-error').textContent = e.message;
    }
    return;
  }
  if (gen !== generation) return;
  const user = profile.user;
  $('profile-name').textContent = user.name + ' @' + user.username;
  $('profile-posts').textContent = profile.posts_count;
  $('profile-followers').textContent = profile.followers_count;
  $('profile-following').textContent = profile.followings_count;
  $('profile-follows-you').hidden = !profile.follows_you;
  const toggle = $('follow-toggle');
  toggle.hidden = !me || me.id === user.id;
  toggle.disabled = false;
  toggle.textContent = profile.following ? 'Unfollow' : 'Follow';
  toggle.className = profile.following ? 'unfollow' : 'follow';
  toggle.onclick = async () => {
    toggle.disabled = true; // one click, one request
    try {
      await api('POST', profile.following ? '/api/unfollow' : '/api/follow',
        { identifier: 'user', object_id: String(user.id) });
      await route();
    } catch (e) {
      toggle.disabled = false;
      $('profile-error').textContent = e.message;
    }
  };
  $('profile-body').hidden = false;
  await Promise.all([
    profilePosts.open(base + '/posts'),
    profileFollowers.open(base + '/followers'),
    profileFollowing.open(base + '/following'),
  ]);
}

async function route() {
  const gen = ++generation;
  document.body.dataset.ready = '';
  $('page-error').textContent = '';
  const hash = location.hash || '#/';
  if (!me) {
    show('auth');
    document.body.dataset.ready = 'auth';
    return;
  }
  try {
    const profile = hash.match(/^#\/u\/(.+)$/);
    if (profile) {
      show('profile');
      await renderProfile(decodeURIComponent(profile[1]), gen);
    } else {
      show('home');
      await renderHome(gen);
    }
  } catch (e) {
    if (gen === generation) showError(e);
  }
  if (gen === generation) document.body.dataset.ready = hash;
}

// What one session typed or was told must not show in the next one: error lines, the draft
// post, the login fields, and every list.
function forgetScreen() {
  document.querySelectorAll('.error').forEach((node) => { node.textContent = ''; });
  for (const id of ['post-text', 'username', 'password', 'name']) $(id).value = '';
  home.clear();
  $('users').replaceChildren();
  $('users-empty').hidden = true;
  clearProfile();
}

async function authenticate(path) {
  $('auth-error').textContent = '';
  try {
    await api('POST', path, { username: $('username').value, password: $('password').value, name: $('name').value });
  } catch (e) {
    $('auth-error').textContent = e.message;
    return;
  }
  forgetScreen();
  await loadMe();
  location.hash = '#/';
  await route();
}

document.addEventListener('DOMContentLoaded', async () => {
  home = new Pager('timeline', 20, postItem);
  profilePosts = new Pager('profile-timeline', 20, postItem);
  profileFollowers = new Pager('profile-followers-list', 50, userItem);
  profileFollowing = new Pager('profile-following-list', 50, userItem);
  $('auth-form').addEventListener('submit', (e) => { e.preventDefault(); authenticate('/api/login'); });
  $('signup').addEventListener('click', () => authenticate('/api/signup'));
  $('logout').addEventListener('click', async () => {
    try {
      await api('POST', '/api/logout');
    } catch (e) {
      showError(e);
      return;
    }
    me = null;
    forgetScreen();
    location.hash = '#/';
    await route();
  });
  $('post-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('post-error').textContent = '';
    try {
      await api('POST', '/api/posts', { text: $('post-text').value });
      $('post-text').value = '';
      await route();
    } catch (err) {
      $('post-error').textContent = err.message;
    }
  });
  window.addEventListener('hashchange', route);
  await loadMe();
  await route();
});
