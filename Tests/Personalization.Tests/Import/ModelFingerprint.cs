using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Engine;
using Personalization.Engine.Model;

namespace Personalization.Tests.Import;

/// <summary>
/// What one silo's read model knows about some tracks and artists, as text: each track's successors and artist, each
/// artist's top tracks (names and weights), and optionally the trending list. Equal text, equal model for them.
/// </summary>
internal static class ModelFingerprint
{
    public static string Of(IServiceProvider silo, IEnumerable<string> tracks, IEnumerable<string> artists, bool trending)
    {
        var model = silo.GetRequiredService<IModelView>();
        var names = silo.GetRequiredService<Vocabulary>();
        var text = new StringBuilder();
        foreach (var track in tracks)
        {
            text.Append(track).Append(" after:");
            if (names.TryGetId(track, out var id))
            {
                AppendAll(text, model.SuccessorsOf(id), names);
                text.Append(" by ").Append(model.ArtistOf(id) is >= 0 and var a ? names.NameOf(a) : "?");
            }

            text.Append('\n');
        }

        foreach (var artist in artists)
        {
            text.Append(artist).Append(" top:");
            if (names.TryGetId(artist, out var id))
            {
                AppendAll(text, model.TopTracksOf(id), names);
            }

            text.Append('\n');
        }

        if (trending)
        {
            text.Append("trending:");
            AppendAll(text, model.Trending, names);
        }

        return text.ToString();
    }

    /// <summary>By weight, ties by name (the model breaks ties by internal ids, which depend on the order names were first seen).</summary>
    private static void AppendAll(StringBuilder text, ReadOnlySpan<ScoredId> list, Vocabulary names)
    {
        var named = new List<(string Name, float Weight)>(list.Length);
        foreach (var s in list) named.Add((names.NameOf(s.Id), s.Weight));
        foreach (var (name, weight) in named.OrderByDescending(n => n.Weight).ThenBy(n => n.Name, StringComparer.Ordinal))
        {
            text.Append(' ').Append(name).Append('=').Append(weight.ToString("R", CultureInfo.InvariantCulture));
        }
    }
}
