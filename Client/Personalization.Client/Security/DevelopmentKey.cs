namespace Personalization.Client.Security;

/// <summary>
/// The public, documented signing key for local development. Anyone can mint tokens with it: it is used only when the
/// environment is Development or <see cref="AuthOptions.UseDevelopmentKey"/> is set, and its use is logged as a warning.
/// </summary>
public static class DevelopmentKey
{
    public const string Value = "personalization-DEVELOPMENT-ONLY-signing-key-never-use-in-production";
}
