// Blend view: the shared queue of 2–8 listeners with each member's share and the fairness floor.
import { api } from './api.js';
import { $, el, fill, empty, num, bars } from './render.js';

export function parseMembers(text) {
  return [...new Set(text.split(',').map(m => m.trim()).filter(m => m.length > 0))];
}

export async function loadBlend(text, count) {
  const members = parseMembers(text);
  if (members.length < 2 || members.length > 8) {
    throw new RangeError(`A Blend has 2 to 8 distinct members; ${members.length} given.`);
  }
  $('blend-status').textContent = `Blending ${members.join(', ')}…`;
  const queue = await api.blend(members, count);
  const m = queue.members.length;
  $('blend-floor').textContent =
    `Fairness floor ${queue.fairnessFloor} = floor(${count} requested / ${m} members): a member who brought at least as many ` +
    `usable candidates as the queue is long has at least that many items good for them, and floor(k / ${m}) of every first k. ` +
    `This queue has ${queue.items.length} items.`;
  bars($('blend-shares'), queue.shares, s => s.userId, s => s.items, v => `${v}`,
    s => `${s.userId}: ${s.items} items good for them (${num(s.fraction * 100, 1)} %), ${s.candidates} candidates`);
  fill($('blend-queue'), queue.items.length === 0 ? [empty('empty queue')] : queue.items.map((item, i) =>
    el('li', { class: 'rec', 'data-track': item.trackId },
      el('span', { class: 'pos', text: `${i + 1}` }),
      el('div', { class: 'title' }, item.trackId, item.artistId ? ` · ${item.artistId}` : ''),
      el('div', { class: 'why' },
        el('span', { class: 'reason', text: item.reason }), ' ', el('span', { class: 'code', text: item.reasonCode }),
        item.because ? ` because ${item.because}` : '', ` · score ${num(item.score)}`),
      el('div', { class: 'why', text: `picked for ${item.pickedFor} · good for ${item.goodFor.join(', ')}` }))));
  $('blend-status').textContent = `Blend ${queue.blendId}: ${queue.items.length} items (list ${queue.listId.slice(0, 8)}).`;
}
