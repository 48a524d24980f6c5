namespace Personalization.Engine.Exploration;

/// <summary>Beta(a, b) draws as X / (X + Y) of two Gamma draws (Marsaglia–Tsang; Box–Muller normals).</summary>
public static class BetaSampler
{
    public static double Sample(Random random, double a, double b)
    {
        ArgumentNullException.ThrowIfNull(random);
        var x = Gamma(random, a);
        var y = Gamma(random, b);
        return x + y > 0 ? x / (x + y) : 0.5;
    }

    public static double Gamma(Random random, double shape)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shape);
        if (shape < 1) return Gamma(random, shape + 1) * Math.Pow(random.NextDouble(), 1 / shape);
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal(random);
                v = 1 + c * x;
            }
            while (v <= 0);

            v = v * v * v;
            var u = random.NextDouble();
            if (u < 1 - 0.0331 * x * x * x * x) return d * v;
            if (Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v))) return d * v;
        }
    }

    private static double Normal(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
