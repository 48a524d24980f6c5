using Microsoft.Extensions.Logging;
using Personalization.Journal;
using Personalization.Grains.State;

namespace Personalization.Grains.Users;

/// <summary>
/// What every <see cref="ListenerStore"/> of a silo uses, held once (<see cref="ListenerServices.Store"/>): a store
/// keeps one reference to it instead of a field per service, 48 bytes less per active listener.
/// </summary>
public sealed class ListenerStoreServices(
    IEventJournal journal,
    SnapshotCodec codec,
    EventMapper mapper,
    SnapshotOptions options,
    TimeProvider clock,
    ILogger logger,
    UserIdPseudonyms pseudonyms)
{
    public IEventJournal Journal { get; } = journal;
    public SnapshotCodec Codec { get; } = codec;
    public EventMapper Mapper { get; } = mapper;
    public SnapshotOptions Options { get; } = options;
    public TimeProvider Clock { get; } = clock;
    public ILogger Logger { get; } = logger;
    public UserIdPseudonyms Pseudonyms { get; } = pseudonyms;
}
