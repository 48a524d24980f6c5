using System.Text.Json.Serialization;

namespace Personalization.Journal;

/// <summary>Source-generated (reflection-free) JSON for the journal's stored records; nulls are omitted.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredJournalEvent))]
internal sealed partial class JournalJsonContext : JsonSerializerContext;
