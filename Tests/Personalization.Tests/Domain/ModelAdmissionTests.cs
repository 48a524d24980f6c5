using Personalization.Engine.Model;

namespace Personalization.Tests.Domain;

[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class ModelAdmissionTests
{
    [Fact]
    public void A_key_is_admitted_by_the_required_number_of_distinct_listeners_not_by_one_listener_repeating()
    {
        var admission = new ModelAdmission(listenersRequired: 3, capacity: 100);
        for (var i = 0; i < 1000; i++) Assert.False(admission.Vouch(key: 7, listener: 1));
        Assert.False(admission.Vouch(7, 2));
        Assert.True(admission.Vouch(7, 3));
        Assert.True(admission.Vouch(7, 1)); // admitted stays admitted while its evidence is held
        Assert.Equal(1, admission.Admitted);
    }

    [Fact]
    public void One_listener_admits_at_once_when_one_is_required()
    {
        var admission = new ModelAdmission(listenersRequired: 1, capacity: 100);
        Assert.True(admission.Vouch(7, 1));
    }

    [Fact]
    public void A_flood_of_fresh_keys_keeps_the_evidence_bounded_and_ages_out_keys_nobody_repeated()
    {
        var admission = new ModelAdmission(listenersRequired: 2, capacity: 1000);
        Assert.False(admission.Vouch(1, listener: 10)); // a real key, vouched for once
        for (ulong k = 100; k < 100_000; k++)
        {
            Assert.False(admission.Vouch(k, listener: 666));
            Assert.True(admission.Pending <= 1000);
        }

        Assert.True(admission.Forgotten > 90_000);
        Assert.False(admission.Vouch(1, listener: 11)); // its first vouch aged out
        Assert.True(admission.Vouch(1, listener: 12));
        Assert.Equal(1, admission.Admitted);
    }

    [Fact]
    public void Evidence_a_key_keeps_receiving_survives_a_generation_change()
    {
        var admission = new ModelAdmission(listenersRequired: 3, capacity: 10);
        Assert.False(admission.Vouch(1, 10));
        for (ulong k = 100; k < 104; k++) admission.Vouch(k, 666); // the generation fills up
        Assert.False(admission.Vouch(1, 11)); // moved to the new generation
        for (ulong k = 200; k < 204; k++) admission.Vouch(k, 666);
        Assert.True(admission.Vouch(1, 12));
    }
}
