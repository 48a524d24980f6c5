// Model view: the answering silo's read model (tracks known, staleness, observations), its memory and checkpoints,
// trending list and re-ranker.
import { api } from './api.js';
import { $, num, bars, stats, time } from './render.js';

export async function loadModel() {
  $('model-status').textContent = 'Loading the model status…';
  const s = await api.modelStatus(20);
  const staleness = s.lastRefreshed ? (new Date(s.at) - new Date(s.lastRefreshed)) / 1000 : null;
  stats($('model-facts'), [
    ['Silo', s.silo],
    ['Tracks known', s.tracksKnown],
    ['Staleness', staleness === null ? 'not refreshed yet' : `${num(staleness, 1)} s`],
    ['Last refreshed', time(s.lastRefreshed)],
    ['Observations published', s.observationsPublished],
    ['Observations applied', s.observationsApplied],
    ['Observations dropped', s.observationsDropped],
  ]);
  const m = s.memory;
  stats($('memory-facts'), m ? [
    ['Restored from checkpoints', m.restored ? 'yes' : 'not yet'],
    ['Oldest checkpoint age', m.checkpointAgeSeconds === null ? 'none' : `${num(m.checkpointAgeSeconds, 1)} s`],
    ['Read model: source tracks', m.readModelSourceTracks],
    ['Read model: estimated size', `${num(m.readModelBytes / 1048576, 1)} MiB`],
    ['Shards here: tracks / artists', `${m.shardTracks} / ${m.shardArtists}`],
    ['Shards here: evicted tracks / artists', `${m.trackEvictions} / ${m.artistEvictions}`],
    ['Shards here: estimated size', `${num(m.shardBytes / 1048576, 1)} MiB`],
  ] : [['Memory', 'not reported by this silo']]);
  const r = s.ranker;
  stats($('ranker-facts'), [
    ['Enabled', r.enabled ? 'yes' : 'no'],
    ['Examples seen', r.examplesSeen],
    ['Models trained', r.modelsTrained],
    ['Last training', r.modelExamples === null || r.modelExamples === undefined
      ? 'none yet (the engine\u2019s order is served)' : `${r.modelExamples} examples, ${r.modelTrees} trees`],
    ['Last error', r.lastError || 'none'],
  ]);
  bars($('trending'), s.trending, t => (t.artistId ? `${t.trackId} · ${t.artistId}` : t.trackId), t => t.weight);
  $('model-status').textContent = `Status of silo ${s.silo} at ${time(s.at)}.`;
}
