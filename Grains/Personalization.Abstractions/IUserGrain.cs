using Personalization.Abstractions.Blend;

namespace Personalization.Abstractions;

/// <summary>
/// One listener (key = user id): live taste profile, session and history. Events are applied in call order; a batch is
/// applied in its order, all or nothing on validation. Invalid input throws <see cref="InvalidEventException"/> and
/// changes nothing.
/// </summary>
[Alias("pzn.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    [Alias("Record")]
    Task<RecordResult> RecordAsync(ListenEvent listenEvent);

    [Alias("RecordBatch")]
    Task<RecordResult> RecordBatchAsync(IReadOnlyList<ListenEvent> events);

    /// <summary>
    /// History import (backfill): the batch, in event-time order, is validated and applied exactly as by
    /// <see cref="RecordBatchAsync"/> (the same state changes and the same lessons for the shared model), except that an
    /// event the listener's history already covers (older than its newest applied event, or an event id already seen at
    /// that instant) is skipped without touching state and counted in <see cref="RecordResult.Duplicates"/>. Importing the
    /// same history twice, or resuming an interrupted import, therefore changes nothing, however long the history.
    /// </summary>
    [Alias("Import")]
    Task<RecordResult> ImportAsync(IReadOnlyList<ListenEvent> events);

    [Alias("Recommend")]
    Task<RecommendationList> RecommendAsync(RecommendRequest request);

    [Alias("GetProfile")]
    Task<UserProfile> GetProfileAsync();

    /// <summary>Everything stored about the user (privacy export).</summary>
    [Alias("Export")]
    Task<UserExport> ExportAsync();

    /// <summary>Removes everything stored about the user, in memory and in storage.</summary>
    [Alias("Forget")]
    Task ForgetAsync();

    /// <summary>A bounded summary of the listener's taste for a Blend (see <see cref="IBlendGrain"/>).</summary>
    [Alias("GetTasteSummary")]
    Task<TasteSummary> GetTasteSummaryAsync(TasteSummaryRequest request);

    /// <summary>
    /// Tracks the listener has never played (as far as the bounded state remembers: see docs/algorithms.md "Discovery"),
    /// from transitions and artists near their taste, each with a reason.
    /// </summary>
    [Alias("Discover")]
    Task<RecommendationList> DiscoverAsync(RecommendRequest request);
}
