using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Personalization.Client.Security;

/// <summary>Validates <see cref="AuthOptions"/> at start, knowing whether the host runs in Development and whether it is a real deployment.</summary>
public sealed class AuthOptionsValidator(IHostEnvironment environment, IConfiguration configuration) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate(environment.IsDevelopment(), DeploymentSignals.Describe(configuration));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
