using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Loading;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Vision.Codecs;
using DeepLearningPipelines.Vision.Imaging;
using DeepLearningPipelines.Vision.Models;

namespace DeepLearningPipelines.Tests.Vision;

/// <summary>An image model's threads come from the session's parallelism: threads per run × concurrent runs ≤ local[N].</summary>
public class ImageModelThreadBudgetTests
{
    /// <summary>The managed provider, recording the options each compilation gets.</summary>
    private sealed class RecordingProvider : IExecutionProvider
    {
        private readonly ManagedExecutionProvider _inner = new();
        public List<ExecutionOptions?> Options { get; } = [];
        public string Name => _inner.Name;
        public ProviderCapability GetCapability(ModelGraph graph) => _inner.GetCapability(graph);

        public ICompiledModel Compile(ModelGraph graph, IReadOnlyList<string> outputs, ExecutionOptions? options = null)
        {
            lock (Options) Options.Add(options);
            return _inner.Compile(graph, outputs, options);
        }
    }

    [Theory]
    [InlineData("local[1]", 1, 1)]
    [InlineData("local[2]", 2, 1)]
    [InlineData("local[8]", 4, 2)]
    [InlineData("local[6]", 4, 1)]
    public void TheProviderGetsTheSessionsThreadBudget(string master, int runs, int threadsPerRun)
    {
        using var session = DlpSession.Builder().Master(master).NewSession();
        var provider = new RecordingProvider();
        var spec = new ImageModelSpec("squeezenet", 224, 224, TensorLayout.Nchw, ChannelOrder.Bgr, global::DeepLearningPipelines.Nn.Zoo.ImagePreprocessing.None,
            "softmaxout_1", TensorLayout.Nchw, "softmaxout_1", "test");
        using var model = new ImageModel(ModelLoader.Load(SharedModels.SqueezeNet), spec, session.Parallelism, _ => provider);
        var image = ImageDecoder.Decode(File.ReadAllBytes(SharedModels.Image("chelsea.png")), "chelsea");
        model.Probabilities([image], new ResizeOptions(224, 224, ResizeMode.Squash, Interpolation.Bilinear));

        var options = Assert.Single(provider.Options);
        Assert.Equal(threadsPerRun, options!.ThreadsPerRun);
        Assert.Equal(runs, model.ConcurrentRuns);
        Assert.True(options.ThreadsPerRun * model.ConcurrentRuns <= session.Parallelism);
    }

    [Fact]
    public void ASessionOfOneThreadLoadsModelsThatRunOneAtATime()
    {
        using var session = DlpSession.Builder().Master("local[1]").NewSession();
        var model = ImageModels.Get(session, SharedModels.SqueezeNet, withTop: true, engine: Engine.Managed);
        Assert.Equal(1, model.ConcurrentRuns);
    }
}
