namespace Personalization.Abstractions.Model;

/// <summary>
/// What a silo's read model tells the model shards it pulls from, in the call's request context (not a parameter, so a
/// shard of the previous release, which ignores it, answers the same call): the number of the vocabulary it reads. A
/// shard that reads the same vocabulary instance (it lives in the same silo) answers with numbers instead of names
/// (<see cref="KeyedList.LocalIds"/>); any other shard, or one that does not know the key, answers with names.
/// </summary>
public static class ModelPullContext
{
    /// <summary>The request-context key; its value is the reader's vocabulary number (a long).</summary>
    public const string VocabularyKey = "pzn.vocabulary";
}
