using Personalization.Tests.Support;

[assembly: TestCollectionOrderer("Personalization.Tests.Support." + nameof(SharedClusterFirst), "Personalization.Tests")]
