namespace Personalization.Abstractions.Model;

/// <summary>
/// A model shard could not start on this silo because the silo is shutting down (it would never write its last
/// checkpoint there): the caller sends the call again and it is placed on another silo.
/// </summary>
[GenerateSerializer, Alias("pzn.ModelShardMovingException.v1")]
public sealed class ModelShardMovingException : Exception
{
    public ModelShardMovingException()
        : this("The model shard is moving off a silo that shuts down.")
    {
    }

    public ModelShardMovingException(string message)
        : base(message)
    {
    }

    public ModelShardMovingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
