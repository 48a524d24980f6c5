using System.Text;
using Microsoft.Extensions.Configuration;

namespace Personalization.Client.Security;

/// <summary>
/// <c>token --sub u0001 [--scope events:write] [--scope recs:read] [--role admin] [--lifetime 08:00:00]</c>: prints a JWT
/// the local API accepts, signed with <c>Personalization:Auth:SigningKey</c> when configured, else with the public
/// development key. For local runs only: the hosts run it only in Debug builds (release images, published with
/// <c>-c Release</c>, answer <see cref="RefusedInThisBuild"/>), and it refuses to run when the environment
/// (<c>ASPNETCORE_ENVIRONMENT</c>, else <c>DOTNET_ENVIRONMENT</c>) is set to anything but Development, and inside a
/// Kubernetes pod. Production tokens come from the identity provider.
/// </summary>
public static class DevTokenCommand
{
    public const string Name = "token";

    public static bool IsInvoked(string[] args) => args is { Length: > 0 } && args[0] == Name;

    /// <summary>Runs the command; returns the process exit code (0, 2 for a usage error, 3 when refused here).</summary>
    /// <param name="environment">Reads an environment variable (default: this process's).</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        environment ??= Environment.GetEnvironmentVariable;
        var environmentName = environment("ASPNETCORE_ENVIRONMENT") ?? environment("DOTNET_ENVIRONMENT");
        if (environmentName is not null && !string.Equals(environmentName, "Development", StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(error, $"it runs only in the Development environment (this is {environmentName}); real tokens come from the identity provider.");
        }

        if (!string.IsNullOrWhiteSpace(environment(DeploymentSignals.KubernetesServiceHost)))
        {
            return Refuse(error, "it does not run inside a Kubernetes pod; real tokens come from the identity provider.");
        }

        string? subject = null;
        var scopes = new List<string>();
        var roles = new List<string>();
        var lifetime = TokenIssuer.DefaultLifetime;
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            if (value is null) return Usage(error, $"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--sub": subject = value; break;
                case "--scope": scopes.AddRange(value.Split(' ', StringSplitOptions.RemoveEmptyEntries)); break;
                case "--role": roles.Add(value); break;
                case "--lifetime" when TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var t) && t > TimeSpan.Zero: lifetime = t; break;
                default: return Usage(error, $"unknown or invalid argument '{args[i]} {value}'.");
            }

            i++;
        }

        if (string.IsNullOrEmpty(subject)) return Usage(error, "--sub is required.");
        var auth = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build()
            .GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        if (auth.UsesPublicKeys) return Refuse(error, "this host validates the identity provider's tokens (JwksUri/Authority); it accepts no HS256 token.");
        if (lifetime > auth.MaxTokenLifetime) return Usage(error, $"--lifetime must be at most {auth.MaxTokenLifetime} ({AuthOptions.SectionName}:{nameof(AuthOptions.MaxTokenLifetime)}).");
        var useDevelopmentKey = string.IsNullOrEmpty(auth.SigningKey);
        if (useDevelopmentKey) error.WriteLine("note: signed with the public DEVELOPMENT key (accepted only by hosts in Development or with UseDevelopmentKey).");
        var key = Encoding.UTF8.GetBytes(useDevelopmentKey ? DevelopmentKey.Value : auth.SigningKey!);
        output.WriteLine(new TokenIssuer(auth.Issuer, auth.Audience, key).Create(subject, scopes, roles, lifetime));
        return 0;
    }

    /// <summary>What a release build of a host answers instead of running the command (exit code 3).</summary>
    public static int RefusedInThisBuild(TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Refuse(error, "this is a release build; development tokens are minted by Debug builds only (dotnet run).");
    }

    private static int Refuse(TextWriter error, string reason)
    {
        error.WriteLine($"token: refused: {reason}");
        return 3;
    }

    private static int Usage(TextWriter error, string problem)
    {
        error.WriteLine($"token: {problem}");
        error.WriteLine("usage: token --sub <user or service id> [--scope events:write|recs:read]... [--role admin]... [--lifetime hh:mm:ss]");
        return 2;
    }
}
