// chirp's page: plain JavaScript, no build step. Everything shown is set with textContent, so
// user text can never become markup.
'use strict';

const $ = (id) => document.getElementById(id);
let me = null;
let homeCursor = null;

async function api(method, path, body) {
  const options = { method, headers: {}, credentials: 'same-origin' };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  const data = response.status === 204 ? null : await response.json();
  if (!response.ok) {
    const error = new Error((data && data.error) || response.statusText);
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
  }
}

async function renderHome(append) {
  if (!append) {
    homeCursor = null;
    $('timeline').replaceChildren();
  }
  const page = await api('GET', '/api/timeline?limit=20' + (homeCursor ? '&cursor=' + encodeURIComponent(homeCursor) : ''));
  page.items.forEach((post) => $('timeline').append(postItem(post)));
  homeCursor = page.next;
  $('more').hidden = !page.next;
  if (!append) {
    const users = await api('GET', '/api/users?limit=10');
    $('users').replaceChildren(...users.items.filter((u) => u.id !== me.id).map((u) => {
      const li = el('li', 'user');
      li.append(userLink(u));
      return li;
    }));
  }
}

async function renderProfile(username) {
  $('profile-error').textContent = '';
  let profile;
  try {
    profile = await api('GET', '/api/users/' + encodeURIComponent(username));
  } catch (e) {
    $('profile-name').textContent = 'No such user';
    return;
  }
  const user = profile.user;
  $('profile-name').textContent = user.name + ' @' + user.username;
  $('profile-posts').textContent = profile.posts_count;
  $('profile-followers').textContent = profile.followers_count;
  $('profile-following').textContent = profile.followings_count;
  $('profile-follows-you').hidden = !profile.follows_you;
  const toggle = $('follow-toggle');
  toggle.hidden = !me || me.id === user.id;
  toggle.textContent = profile.following ? 'Unfollow' : 'Follow';
  toggle.className = profile.following ? 'unfollow' : 'follow';
  toggle.onclick = async () => {
    try {
      const counts = await api('POST', profile.following ? '/api/unfollow' : '/api/follow',
        { identifier: 'user', object_id: String(user.id) });
      $('profile-followers').textContent = counts.followers_count;
      await renderProfile(username);
    } catch (e) {
      $('profile-error').textContent = e.message;
    }
  };
  const posts = await api('GET', '/api/users/' + encodeURIComponent(username) + '/posts?limit=20');
  $('profile-timeline').replaceChildren(...posts.items.map(postItem));
  for (const [list, path] of [['profile-followers-list', 'followers'], ['profile-following-list', 'following']]) {
    const page = await api('GET', '/api/users/' + encodeURIComponent(username) + '/' + path + '?limit=50');
    $(list).replaceChildren(...page.items.map((u) => {
      const li = el('li', 'user');
      li.append(userLink(u));
      return li;
    }));
  }
}

async function route() {
  const hash = location.hash || '#/';
  if (!me) {
    show('auth');
    return;
  }
  const profile = hash.match(/^#\/u\/(.+)$/);
  if (profile) {
    show('profile');
    await renderProfile(decodeURIComponent(profile[1]));
  } else {
    show('home');
    await renderHome(false);
  }
  document.body.dataset.ready = hash;
}

async function authenticate(path) {
  $('auth-error').textContent = '';
  try {
    await api('POST', path, { username: $('username').value, password: $('password').value, name: $('name').value });
    await loadMe();
    location.hash = '#/';
    await route();
  } catch (e) {
    $('auth-error').textContent = e.message;
  }
}

document.addEventListener('DOMContentLoaded', async () => {
  $('auth-form').addEventListener('submit', (e) => { e.preventDefault(); authenticate('/api/login'); });
  $('signup').addEventListener('click', () => authenticate('/api/signup'));
  $('logout').addEventListener('click', async () => {
    await api('POST', '/api/logout');
    me = null;
    location.hash = '#/';
    await route();
  });
  $('post-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('post-error').textContent = '';
    try {
      await api('POST', '/api/posts', { text: $('post-text').value });
      $('post-text').value = '';
      await renderHome(false);
    } catch (err) {
      $('post-error').textContent = err.message;
    }
  });
  $('more').addEventListener('click', () => renderHome(true));
  window.addEventListener('hashchange', route);
  await loadMe();
  await route();
});
