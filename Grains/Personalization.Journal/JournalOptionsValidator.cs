using Microsoft.Extensions.Options;

namespace Personalization.Journal;

/// <summary>Fails the silo's start with every broken <see cref="JournalOptions"/> rule (<see cref="JournalOptions.Validate"/>).</summary>
public sealed class JournalOptionsValidator : IValidateOptions<JournalOptions>
{
    public ValidateOptionsResult Validate(string? name, JournalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
