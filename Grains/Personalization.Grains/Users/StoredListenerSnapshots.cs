using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Personalization.Abstractions;
using Personalization.Grains.State;
using Personalization.Journal.Segments;

namespace Personalization.Grains.Users;

/// <summary>
/// The journal's view of the user grains' stored snapshots (<see cref="StorageNames.Users"/>): the sequence through
/// which each one covers its listener's log. A partition writer reads it before it serves a listener for the first time.
/// </summary>
public sealed class StoredListenerSnapshots(IServiceProvider services, IGrainFactory grains) : IListenerSnapshots
{
    private IGrainStorage? _storage;

    public async Task<long> SequenceOfAsync(string userId)
    {
        var storage = _storage ??= services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Users);
        var state = new GrainState<UserSnapshot>();
        await storage.ReadStateAsync(StorageNames.UserState, grains.GetGrain<IUserGrain>(userId).GetGrainId(), state);
        return state.RecordExists && state.State is { } snapshot ? snapshot.Sequence : 0;
    }
}
