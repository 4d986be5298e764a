namespace DeepLearningPipelines.Frames;

/// <summary>
/// A value that can be sent between the ranks of an MPI job: an accumulator passed to
/// <see cref="DataFrame.Aggregate{TAcc}"/> implements it so that each rank's partial results reach every rank.
/// <see cref="Read"/> must rebuild exactly what <see cref="Write"/> wrote.
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface IWireValue<TSelf> where TSelf : IWireValue<TSelf>
{
    /// <summary>Writes this value.</summary>
    void Write(BinaryWriter writer);

    /// <summary>Reads a value written by <see cref="Write"/>.</summary>
    static abstract TSelf Read(BinaryReader reader);
}
