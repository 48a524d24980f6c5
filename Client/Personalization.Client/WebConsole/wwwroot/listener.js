// Listener view: taste profile (bars), session timeline, blocked artists and tracks, rewards, and the recommendation
// list with buttons that send an event on a track, reload, and highlight how every track moved.
import { api, newEventId } from './api.js';
import { $, el, fill, empty, num, bars, stats, time } from './render.js';

const DurationMs = 200000;

/** The event each button sends: a skip at 5 % of the track is an early skip; complete plays it to the end. */
const actions = [
  ['play', 'Play', () => ({ kind: 'play', positionMs: 0, durationMs: DurationMs })],
  ['complete', 'Complete', () => ({ kind: 'complete', positionMs: DurationMs, durationMs: DurationMs })],
  ['skip', 'Skip', () => ({ kind: 'skip', positionMs: DurationMs / 20, durationMs: DurationMs })],
  ['like', 'Like', () => ({ kind: 'like' })],
  ['dislike', 'Dislike', () => ({ kind: 'dislike' })],
];

export function createListenerView(report) {
  let user = null;
  let previous = null; // track id -> position in the list shown before the last event
  let shown = [];

  async function load(userId, { afterEvent = null } = {}) {
    user = userId;
    const count = Number($('listener-count').value) || 10;
    $('listener-status').textContent = `Loading ${userId}…`;
    let profile, list;
    try {
      [profile, list] = await Promise.all([api.profile(userId), api.recommendations(userId, count)]);
    } catch (error) {
      clear(`Could not load ${userId}.`);
      throw error;
    }
    renderRecommendations(list.items, afterEvent);
    renderProfile(profile);
    $('listener-status').textContent = afterEvent
      ? `${afterEvent.kind} on ${afterEvent.trackId} recorded for ${userId}; list reloaded (${list.items.length} items).`
      : `${userId}: ${profile.counters.events} events, ${list.items.length} recommendations (list ${list.listId.slice(0, 8)}).`;
    report(null);
  }

  function clear(message) {
    previous = null;
    shown = [];
    for (const id of ['recs', 'top-artists', 'top-tracks', 'session', 'blocked', 'rewards', 'reward-sources', 'counters']) fill($(id));
    $('session-meta').textContent = '';
    $('recs-left').textContent = '';
    $('listener-status').textContent = message;
  }

  function renderRecommendations(items, afterEvent) {
    const before = afterEvent ? previous : null;
    if (items.length === 0) fill($('recs'), empty('no recommendations yet'));
    else fill($('recs'), items.map((item, i) => recommendation(item, i, before)));
    if (before) {
      const now = new Set(items.map(i => i.trackId));
      const left = [...before.entries()].filter(([track]) => !now.has(track)).map(([track, pos]) => `${track} (was #${pos + 1})`);
      $('recs-left').textContent = left.length ? `Left the list: ${left.join(', ')}.` : 'No track left the list.';
    } else {
      $('recs-left').textContent = '';
    }
    previous = new Map(items.map((item, i) => [item.trackId, i]));
    shown = items;
  }

  function recommendation(item, i, before) {
    let move = null;
    let moveClass = '';
    if (before) {
      const was = before.get(item.trackId);
      if (was === undefined) { move = el('span', { class: 'move new', text: 'new' }); moveClass = 'is-new'; }
      else if (was > i) { move = el('span', { class: 'move up', text: `▲ ${was - i}`, 'aria-label': `moved up ${was - i}` }); moveClass = 'moved-up'; }
      else if (was < i) { move = el('span', { class: 'move down', text: `▼ ${i - was}`, 'aria-label': `moved down ${i - was}` }); moveClass = 'moved-down'; }
    }
    // An event needs the track's artist; a track the model knows no artist of cannot be acted on from here.
    const buttons = actions.map(([kind, label]) => el('button', {
      type: 'button', 'data-kind': kind, 'aria-label': `${label} ${item.trackId}`, text: label,
      disabled: !item.artistId, title: item.artistId ? null : 'artist unknown: no event can be sent',
      onclick: () => send(item, kind),
    }));
    return el('li', { class: `rec ${moveClass}`, 'data-track': item.trackId },
      el('span', { class: 'pos', text: `${i + 1}` }),
      el('div', { class: 'title' }, item.trackId, item.artistId ? ` · ${item.artistId}` : '', move),
      el('div', { class: 'why' },
        el('span', { class: 'reason', text: item.reason }), ' ',
        el('span', { class: 'code', text: item.reasonCode }),
        item.because ? ` because ${item.because}` : '',
        ` · score ${num(item.score)}`,
        item.explored ? ` · explored (p = ${num(item.propensity)})` : ''),
      el('div', { class: 'actions', role: 'group', 'aria-label': `Send an event for ${item.trackId}` }, buttons));
  }

  async function send(item, kind) {
    const make = actions.find(a => a[0] === kind)[2];
    const event = { eventId: newEventId(), trackId: item.trackId, artistId: item.artistId, ...make() };
    const buttons = [...document.querySelectorAll('#recs button')];
    const enabled = buttons.filter(b => !b.disabled);
    for (const b of enabled) b.disabled = true;
    try {
      await api.record(user, event);
      await load(user, { afterEvent: event });
      const first = document.querySelector('#recs button');
      if (first) first.focus();
    } catch (error) {
      report(error, `sending ${kind} on ${item.trackId} for ${user}`);
      for (const b of enabled) b.disabled = false;
    }
  }

  function renderProfile(p) {
    bars($('top-artists'), p.topArtists, a => a.id, a => a.weight);
    bars($('top-tracks'), p.topTracks, t => t.id, t => t.weight);
    const s = p.session;
    $('session-meta').textContent = s.startedAt
      ? `${s.active ? 'Active' : 'Ended'} · started ${time(s.startedAt)} · last event ${time(s.lastEventAt)} · skip streak ${s.skipStreak}`
      : 'No session yet.';
    fill($('session'), s.tracks.length === 0 ? [el('li', { class: 'empty', text: 'no tracks' })] : s.tracks.map(t =>
      el('li', {},
        el('time', { datetime: t.at, text: time(t.at).slice(11) }),
        el('span', { text: `${t.trackId} · ${t.artistId}` }),
        el('span', { class: `outcome ${t.outcome}`, text: t.outcome.replace('-', ' ') }))));
    fill($('blocked'),
      el('h3', { class: 'hint', text: 'Disliked artists' }),
      p.dislikedArtists.length ? el('ul', { class: 'chips' }, p.dislikedArtists.map(a => el('li', { text: a }))) : empty('none'),
      el('h3', { class: 'hint', text: 'Blocked tracks' }),
      p.blockedTracks.length ? el('ul', { class: 'chips' }, p.blockedTracks.map(t => el('li', { text: t }))) : empty('none'));
    renderRewards(p.rewards);
    const c = p.counters;
    stats($('counters'), [['Events', c.events], ['Plays', c.plays], ['Completes', c.completes], ['Skips', c.skips],
      ['Early skips', c.earlySkips], ['Likes', c.likes], ['Dislikes', c.dislikes], ['Saves', c.saves], ['Sessions', c.sessions],
      ['Sequence', p.sequence]]);
  }

  function renderRewards(r) {
    if (!r) {
      fill($('rewards'));
      fill($('reward-sources'), empty('no lists served yet'));
      return;
    }
    stats($('rewards'), [['Lists served', r.listsServed], ['Items served', r.itemsServed], ['Started', r.started],
      ['Completed', r.completed], ['Skipped early', r.skippedEarly], ['Liked', r.liked], ['Saved', r.saved],
      ['Disliked', r.disliked], ['Lists returned', r.listsReturned], ['Reward', num(r.reward)], ['Reward per list', num(r.rewardPerList)]]);
    fill($('reward-sources'), r.bySource.length === 0 ? empty('no source rewarded yet') : el('table', {},
      el('caption', { class: 'hint', text: 'By candidate source' }),
      el('thead', {}, el('tr', {}, el('th', { text: 'Source' }), el('th', { class: 'num', text: 'Served' }), el('th', { class: 'num', text: 'Reward' }))),
      el('tbody', {}, r.bySource.map(s => el('tr', {},
        el('td', { text: s.source }), el('td', { class: 'num', text: s.served }), el('td', { class: 'num', text: num(s.reward) }))))));
  }

  return { load, get shown() { return shown; } };
}
