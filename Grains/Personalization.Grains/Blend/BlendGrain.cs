using Microsoft.Extensions.Options;
using Personalization.Abstractions;
using Personalization.Abstractions.Blend;
using Personalization.Engine.Blend;
using Personalization.Grains.Catalog;

namespace Personalization.Grains.Blend;

/// <summary>
/// A Blend (key = canonical member list, see <see cref="BlendMembers"/>). Thin: per request it asks every member, in
/// parallel, for a bounded taste summary, lets the engine's <see cref="BlendMixer"/> merge them and shapes the reply.
/// Refresh: a member's summary is reused only while the member's version (sequence and last event time) is unchanged
/// (any new event of theirs is reflected in the next queue) and it is younger than <see cref="BlendOptions.SummaryMaxAge"/>; the queue itself is
/// reused (same list id) only when no summary changed and the request is the same. Nothing is persisted: the state is a
/// cache of at most 8 summaries and one queue.
/// </summary>
public sealed class BlendGrain(
    RequestValidator validator,
    BlendMixer mixer,
    CatalogRules catalog,
    IOptions<BlendOptions> options,
    TimeProvider clock) : Grain, IBlendGrain
{
    private readonly Dictionary<string, CachedSummary> _summaries = new(StringComparer.Ordinal);
    private IReadOnlyList<string> _members = [];
    private IReadOnlyList<FieldError> _keyErrors = [];
    private (BlendRequest Request, long Catalog, BlendQueue Queue)? _last;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await catalog.WhenLoadedAsync(cancellationToken); // on a silo that just joined: its catalogue rules first (takedowns)
        var key = this.GetPrimaryKeyString();
        _keyErrors = BlendMembers.TryParse(key, validator, out var members);
        if (_keyErrors.Count == 0 && BlendMembers.Key(members) != key)
        {
            _keyErrors = [new FieldError("members", $"the Blend key must be canonical: sorted, distinct, joined with '{BlendMembers.Separator}' ('{BlendMembers.Key(members)}').")];
        }

        _members = members;
    }

    async Task<BlendQueue> IBlendGrain.GetQueueAsync(BlendRequest request)
    {
        ThrowIfInvalid(_keyErrors);
        ThrowIfInvalid(request is null ? [new FieldError("request", "is required.")] : validator.ValidateRecommend(new RecommendRequest(request.Count, Market: request.Market)));
        var now = clock.GetUtcNow();
        var wanted = Math.Min(Math.Max(request!.Count, options.Value.CandidatesPerMember), validator.Limits.MaxRecommendations);
        var catalogVersion = catalog.Index.Version;
        var fetched = await Task.WhenAll(_members.Select(m => FetchAsync(m, wanted, request, now)));
        if (!fetched.Any(f => f.Changed) && _last is { } last && last.Request == request && last.Catalog == catalogVersion) return last.Queue;

        // Members' summaries may be reused from before a takedown: the catalogue is checked again here.
        var gate = catalog.Gate(request.Market, request.Explicit);
        var summaries = fetched.Select(f => f.Summary).ToArray();
        var result = mixer.Mix([.. summaries.Select(s => BlendQueueView.ToInput(s, gate.Allows))], request.Count);
        var queue = BlendQueueView.Create(this.GetPrimaryKeyString(), _members, summaries, result, now);
        _last = (request, catalogVersion, queue);
        return queue;
    }

    private async Task<(TasteSummary Summary, bool Changed)> FetchAsync(string member, int wanted, BlendRequest blend, DateTimeOffset now)
    {
        var cached = _summaries.GetValueOrDefault(member);
        var reusable = cached is not null && cached.Candidates >= wanted && now - cached.At < options.Value.SummaryMaxAge
            && cached.Market == blend.Market && cached.Explicit == blend.Explicit;
        var request = reusable
            ? new TasteSummaryRequest(wanted, cached!.Summary.Sequence, cached.Summary.LastEventAt, blend.Market, blend.Explicit)
            : new TasteSummaryRequest(wanted, Market: blend.Market, Explicit: blend.Explicit);
        var reply = await GrainFactory.GetGrain<IUserGrain>(member).GetTasteSummaryAsync(request);
        if (reply.Unchanged && reusable) return (cached!.Summary, false);
        _summaries[member] = new CachedSummary(reply, now, wanted, blend.Market, blend.Explicit);
        return (reply, true);
    }

    private static void ThrowIfInvalid(IReadOnlyList<FieldError> errors)
    {
        if (errors.Count > 0) throw new InvalidEventException(errors);
    }

    private sealed record CachedSummary(TasteSummary Summary, DateTimeOffset At, int Candidates, string? Market, bool? Explicit);
}
