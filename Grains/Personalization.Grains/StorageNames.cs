namespace Personalization.Grains;

/// <summary>Names of the grain storage providers the grains use; the silo registers a provider under each.</summary>
public static class StorageNames
{
    public const string Users = "users";
}
