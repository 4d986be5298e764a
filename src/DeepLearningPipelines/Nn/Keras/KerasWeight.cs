namespace DeepLearningPipelines.Nn.Keras;

/// <summary>One stored weight array in Keras layout (e.g. a Conv2D kernel is [kh, kw, in, out]), C order.</summary>
public sealed record KerasWeight(float[] Data, int[] Shape);

/// <summary>Where a model's weights come from: a TF.js manifest, a Keras HDF5 file, or seeded random values.</summary>
public interface IKerasWeightSource
{
    /// <summary>Human-readable origin used in error messages, e.g. the file path.</summary>
    string Description { get; }

    /// <summary>
    /// The weight <paramref name="weightName"/> (<c>kernel</c>, <c>bias</c>, <c>gamma</c>…) of layer <paramref name="layerName"/>,
    /// or null when the source has none. <paramref name="expectedShape"/> is what the layer needs; sources that
    /// generate weights use it, stored sources return what they hold and the caller checks the shape.
    /// </summary>
    KerasWeight? Find(string layerName, string weightName, int[] expectedShape);
}
