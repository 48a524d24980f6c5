namespace Personalization.Client.Http;

/// <summary>JSON shape of a batch: <c>{"events": [...]}</c> (a bare array is accepted too).</summary>
public sealed class EventBatchBody
{
    public List<EventBody?>? Events { get; set; }
}
