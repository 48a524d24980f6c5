using System.Diagnostics.CodeAnalysis;

namespace Personalization.Testing;

/// <summary>
/// A kit assertion that does not hold. The kit depends on no test framework: xunit (v2 and v3), NUnit and MSTest all
/// report an exception thrown by a test as its failure, with this message.
/// </summary>
public sealed class KitAssertionException : Exception
{
    public KitAssertionException()
    {
    }

    public KitAssertionException(string message)
        : base(message)
    {
    }

    public KitAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    [DoesNotReturn]
    internal static void Throw(string message) => throw new KitAssertionException(message);
}
