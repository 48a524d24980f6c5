namespace Personalization.Grains;

/// <summary>Names of the grain storage providers the grains use; the silo registers a provider under each.</summary>
public static class StorageNames
{
    public const string Users = "users";

    /// <summary>The <c>[PersistentState]</c> name of the user grain's snapshot (read directly by the journal and diagnostics).</summary>
    public const string UserState = "user";
}
