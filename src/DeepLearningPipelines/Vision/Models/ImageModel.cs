using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Vision.Models;

/// <summary>
/// A loaded image network and its <see cref="ImageModelSpec"/>: turns batches of decoded images into feature vectors
/// (pooled or flattened) or class probabilities, batched through the runtime's executor.
/// </summary>
public sealed class ImageModel : IDisposable
{
    private readonly GraphExecutor _executor;

    public ImageModel(ModelGraph graph, ImageModelSpec spec)
    {
        Spec = spec;
        var wanted = new[] { spec.FeatureValue, spec.ProbabilitiesValue }.OfType<string>().ToArray();
        try { _executor = new GraphExecutor(graph, featureValues: wanted); }
        catch (ArgumentException e) { throw new ModelFormatException($"Model {spec.Name}: {e.Message}", e); }
        if (_executor.Inputs.Count != 1)
            throw new ModelFormatException($"Model {spec.Name} has {_executor.Inputs.Count} inputs; an image model needs exactly one.");
        InputName = _executor.Inputs[0].Name;
    }

    public ImageModelSpec Spec { get; }
    private string InputName { get; }

    /// <summary>Feature vectors of <paramref name="images"/>: spatial outputs average-pooled (<paramref name="flatten"/> false) or flattened channels-last, as sparkdl.</summary>
    public float[][] Features(IReadOnlyList<ImageData> images, ResizeOptions resize, bool flatten) =>
        Run(images, resize, Spec.FeatureValue, (t, i) => FeatureVector(t, i, flatten));

    /// <summary>Class probabilities of <paramref name="images"/>; fails when the model has no probability output.</summary>
    public float[][] Probabilities(IReadOnlyList<ImageData> images, ResizeOptions resize)
    {
        var output = Spec.ProbabilitiesValue ?? throw new ModelFormatException($"Model {Spec.Name} has no class-probability output; load it with its top (classifier).");
        return Run(images, resize, output, (t, i) => t.Span.Slice(i * (t.Length / t.Shape[0]), t.Length / t.Shape[0]).ToArray());
    }

    private float[][] Run(IReadOnlyList<ImageData> images, ResizeOptions resize, string output, Func<Tensor, int, float[]> extract)
    {
        if (images.Count == 0) return [];
        int per = 3 * Spec.InputHeight * Spec.InputWidth;
        int[] shape = Spec.InputLayout == TensorLayout.Nchw
            ? [images.Count, 3, Spec.InputHeight, Spec.InputWidth]
            : [images.Count, Spec.InputHeight, Spec.InputWidth, 3];
        using var input = new Tensor(shape);
        Parallel.For(0, images.Count, i => ImageResizer.ResizeToTensor(images[i], resize, Spec.Format, input.Span.Slice(i * per, per)));
        Dictionary<string, Tensor> outputs;
        try { outputs = _executor.Run(new Dictionary<string, Tensor> { [InputName] = input }, [output]); }
        catch (ArgumentException e) { throw new DlpException($"Model {Spec.Name}: {e.Message}", e); }
        using var result = outputs[output];
        return Enumerable.Range(0, images.Count).Select(i => extract(result, i)).ToArray();
    }

    private float[] FeatureVector(Tensor t, int image, bool flatten)
    {
        int per = t.Length / t.Shape[0];
        var slice = t.Span.Slice(image * per, per);
        if (t.Rank != 4) return slice.ToArray();
        bool channelsLast = Spec.FeatureLayout == TensorLayout.Nhwc;
        int c = channelsLast ? t.Shape[3] : t.Shape[1], hw = per / c;
        if (flatten)
        {
            if (channelsLast) return slice.ToArray();
            var nhwc = new float[per];
            for (int ch = 0; ch < c; ch++)
                for (int p = 0; p < hw; p++) nhwc[p * c + ch] = slice[ch * hw + p];
            return nhwc;
        }
        var pooled = new float[c];
        if (channelsLast)
            for (int p = 0; p < hw; p++)
                for (int ch = 0; ch < c; ch++) pooled[ch] += slice[p * c + ch];
        else
            for (int ch = 0; ch < c; ch++)
            {
                float s = 0;
                foreach (var v in slice.Slice(ch * hw, hw)) s += v;
                pooled[ch] = s;
            }
        for (int ch = 0; ch < c; ch++) pooled[ch] /= hw;
        return pooled;
    }

    public void Dispose() => _executor.Dispose();
}
