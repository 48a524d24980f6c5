namespace Personalization.Silo;

/// <summary>Preloading of the shipped synthetic demo world at start (section <c>Personalization:Demo</c>); only in the Development environment.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Personalization:Demo";

    public bool Enabled { get; set; }

    public int Listeners { get; set; } = 200;

    public int Seed { get; set; } = 42;
}
