using Microsoft.Extensions.Options;
using Personalization.Abstractions;
using Personalization.Abstractions.Blend;
using Personalization.Engine;
using Personalization.Engine.Blend;
using Personalization.Engine.Catalog;
using Personalization.Grains.Catalog;
using Personalization.Engine.Discovery;
using Personalization.Engine.Exploration;
using Personalization.Engine.Model;

namespace Personalization.Grains.Users;

/// <summary>
/// Read-only views of a listener's live state beyond next-track recommendations: the bounded taste summary a Blend
/// asks each member for, and the discovery list. Engine work only (the silo-local model, no grain call).
/// </summary>
public sealed class TasteViews(
    Recommender recommender,
    DiscoveryFinder discovery,
    IModelView model,
    EventMapper mapper,
    RequestValidator validator,
    CatalogRules catalog,
    IOptions<BlendOptions> blendOptions)
{
    public TasteSummary Summarize(string userId, ListenerState state, TasteSummaryRequest request, DateTimeOffset now)
    {
        ThrowIfInvalid(request is null
            ? [new FieldError("request", "is required.")]
            : validator.ValidateRecommend(new RecommendRequest(request.Candidates, Market: request.Market)));
        var lastEventAt = state.Sequence == 0 ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeMilliseconds(state.LastEventMs);
        if (request!.IfSequenceNot == state.Sequence && request.IfLastEventNot == lastEventAt)
        {
            return new TasteSummary(userId, state.Sequence, true, [], [], [], [], lastEventAt);
        }

        var nowMs = now.ToUnixTimeMilliseconds();
        var names = mapper.Vocabulary;
        var ranked = recommender.Recommend(state, model, nowMs, request.Candidates, rules: new ServeRules(catalog.Gate(request.Market, request.Explicit)));
        var artists = state.Artists.Top(state.Artists.Count, nowMs);
        return new TasteSummary(
            userId,
            state.Sequence,
            false,
            [.. ranked.Select((r, i) => mapper.ToRecommendation(new ServedTrack(r, 1, false), i))],
            [.. artists.Where(a => a.Weight > 0).Take(blendOptions.Value.FavoriteArtistsShared).Select(a => names.NameOf(a.Id))],
            [.. artists.Where(a => state.IsArtistDisliked(a.Id, nowMs)).Select(a => names.NameOf(a.Id))],
            [.. state.BlockedTracks.ToArray().Select(names.NameOf)],
            lastEventAt);
    }

    public RecommendationList Discover(ListenerState state, RecommendRequest request, DateTimeOffset now)
    {
        ThrowIfInvalid(validator.ValidateRecommend(request));
        HashSet<int>? exclude = null;
        if (request.Exclude is { Count: > 0 } excluded)
        {
            exclude = [];
            foreach (var id in excluded)
            {
                if (mapper.Vocabulary.TryGetId(id, out var track)) exclude.Add(track);
            }
        }

        var at = request.At ?? now;
        var found = discovery.Find(state, model, at.ToUnixTimeMilliseconds(), request.Count, exclude, catalog.Gate(request.Market, request.Explicit));
        return new RecommendationList(Guid.NewGuid().ToString("N"), now, [.. found.Select((d, i) => ToRecommendation(d) with { Position = i })]);
    }

    private Recommendation ToRecommendation(DiscoveredTrack d)
    {
        var names = mapper.Vocabulary;
        var artist = d.Artist >= 0 ? names.NameOf(d.Artist) : null;
        var anchor = d.Anchor >= 0 ? names.NameOf(d.Anchor) : null;
        var (code, text) = d.Reason switch
        {
            DiscoveryReason.ListenersWentOn => ("discovery-after-track", $"new to you: listeners of {anchor} went on to it"),
            DiscoveryReason.NearArtist => ("discovery-near-artist", $"new to you: {artist} is played by fans of {anchor}"),
            _ => ("discovery-unheard-artist", $"new to you: by {anchor}, an artist you like"),
        };
        return new Recommendation(names.NameOf(d.Track), artist, Math.Round(d.Score, 6), text, code, anchor);
    }

    private static void ThrowIfInvalid(IReadOnlyList<FieldError> errors)
    {
        if (errors.Count > 0) throw new InvalidEventException(errors);
    }
}
