using Microsoft.Extensions.Options;

namespace Personalization.Grains.Hosting;

/// <summary>Adapts an options type's own <c>Validate()</c> rule list to <see cref="IValidateOptions{TOptions}"/>.</summary>
public sealed class RuleValidator<TOptions>(Func<TOptions, IReadOnlyList<string>> rules) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var errors = rules(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
