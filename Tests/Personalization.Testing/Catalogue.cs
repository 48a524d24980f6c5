namespace Personalization.Testing;

/// <summary>
/// Teaches the shared model a small catalogue for one test: per artist, four listeners complete its tracks in order
/// (more than the distinct listeners the model's default admission asks for a new track and a new transition), so
/// the model knows each artist's tracks and their transitions. Ids carry the test's own prefix.
/// </summary>
public sealed class Catalogue(PersonalizationTestCluster cluster, string prefix)
{
    public const int TracksPerArtist = 8;

    public string Artist(string name) => $"{prefix}-{name}";

    public string Track(string artist, int i) => $"{prefix}-{artist}{i}";

    public (string Track, string Artist) Song(string artist, int i) => (Track(artist, i), Artist(artist));

    public (string Track, string Artist)[] Songs(string artist, params int[] tracks) => [.. tracks.Select(i => Song(artist, i))];

    /// <summary>Four listeners play each artist's tracks in order, one session per artist; then the model is synced.</summary>
    public async Task TeachAsync(params string[] artists)
    {
        for (var listener = 0; listener < 4; listener++)
        {
            var script = cluster.Listener(PersonalizationTestCluster.UniqueUser($"{prefix}-teacher"));
            foreach (var artist in artists)
            {
                script.CompleteAll(Songs(artist, [.. Enumerable.Range(0, TracksPerArtist)])).Pause(TimeSpan.FromHours(1));
            }

            await script.SendAsync();
        }

        await cluster.SyncModelAsync();
    }
}
