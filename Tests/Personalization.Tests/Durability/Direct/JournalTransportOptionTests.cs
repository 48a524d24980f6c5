using Personalization.Grains.Journal;
using Personalization.Grains.Journal.Direct;

namespace Personalization.Tests.Durability.Direct;

/// <summary><c>Personalization:Journal:Transport</c>: its default and its validation.</summary>
[Trait("Category", "Durability")]
[Trait("Requires", "None")]
public sealed class JournalTransportOptionTests
{
    private const string KeyConnection = "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.windows.net";
    private const string SasConnection = "TableEndpoint=https://acct.table.core.windows.net/;SharedAccessSignature=sv=2020-12-06&sig=abc";

    [Theory]
    [InlineData(KeyConnection, null, "Direct")]
    [InlineData("UseDevelopmentStorage=true", null, "Direct")]
    [InlineData(SasConnection, null, "Sdk")]
    [InlineData(null, null, "Sdk")] // ServiceUri + DefaultAzureCredential
    [InlineData(KeyConnection, "Sdk", "Sdk")]
    public void Direct_is_the_default_exactly_when_the_connection_string_has_an_account_key(string? connection, string? transport, string expected)
    {
        var options = new JournalOptions { Provider = "AzureTable", ConnectionString = connection, ServiceUri = new Uri("https://acct.table.core.windows.net/"), Transport = transport };

        Assert.Empty(options.Validate());
        Assert.Equal(expected, options.ResolvedTransport);
    }

    [Theory]
    [InlineData("direct")]
    [InlineData("Http")]
    public void An_unknown_transport_is_refused(string transport)
    {
        var errors = new JournalOptions { Transport = transport }.Validate();
        Assert.Contains(errors, e => e.Contains("Transport must be Direct or Sdk", StringComparison.Ordinal));
    }

    [Fact]
    public void Direct_without_an_account_key_is_refused()
    {
        var errors = new JournalOptions { Provider = "AzureTable", ServiceUri = new Uri("https://acct.table.core.windows.net/"), Transport = "Direct" }.Validate();
        Assert.Contains(errors, e => e.Contains("needs a ConnectionString with an AccountKey", StringComparison.Ordinal));
    }

    [Fact]
    public void The_account_key_is_read_from_the_connection_string_or_is_azurites_for_development_storage()
    {
        Assert.True(AccountKeyReader.TryRead(KeyConnection, out var key));
        Assert.Equal("key"u8.ToArray(), key);
        Assert.True(AccountKeyReader.TryRead("UseDevelopmentStorage=true", out var development));
        Assert.Equal(Convert.FromBase64String(AccountKeyReader.DevelopmentStorageKey), development);
        Assert.False(AccountKeyReader.TryRead(SasConnection, out _));
        Assert.False(AccountKeyReader.TryRead("AccountName=a;AccountKey=not base64!", out _));
    }
}
