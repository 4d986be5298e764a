using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Onnx;
using DeepLearningPipelines.Tests.Nn.Onnx;

namespace DeepLearningPipelines.Tests.Nn.Execution;

/// <summary>Choosing an engine: names, the fallback when ONNX Runtime cannot load, unsupported graphs and the CUDA option.</summary>
public class EngineSelectionTests
{
    [Theory]
    [InlineData("onnxruntime", Engine.OnnxRuntime)]
    [InlineData("Managed", Engine.Managed)]
    [InlineData(" ONNXRUNTIME ", Engine.OnnxRuntime)]
    public void NamesParse(string name, Engine expected) => Assert.Equal(expected, Engines.Parse(name));

    [Fact]
    public void AnUnknownEngineIsNamedWithTheChoices()
    {
        var e = Assert.Throws<ParamException>(() => Engines.Parse("tensorrt", Engines.EnvironmentVariable));
        Assert.Equal("DLP_ENGINE 'tensorrt' is not an engine; use onnxruntime or managed.", e.Message);
    }

    [Fact]
    public void OnnxRuntimeIsTheProviderWhenItsLibraryLoads()
    {
        Assert.Null(OnnxRuntimeLibrary.LoadError);
        Assert.StartsWith("1.32.", OnnxRuntimeLibrary.Version);
        Assert.IsType<OnnxRuntimeExecutionProvider>(Engines.Provider(Engine.OnnxRuntime));
        Assert.IsType<ManagedExecutionProvider>(Engines.Provider(Engine.Managed));
    }

    [Fact]
    public void ALibraryThatCannotLoadFallsBackToManagedAndWarnsOnce()
    {
        string failure = $"DllNotFoundException: libonnxruntime.so missing ({Guid.NewGuid():N})";
        var warnings = new List<string>();
        var previous = Engines.Warning;
        Engines.Warning = message => { lock (warnings) if (message.Contains(failure)) warnings.Add(message); };
        OnnxRuntimeLibrary.SimulatedLoadFailure = failure;
        try
        {
            Assert.IsType<ManagedExecutionProvider>(Engines.Provider(Engine.OnnxRuntime));
            Assert.IsType<ManagedExecutionProvider>(Engines.Provider(Engine.OnnxRuntime));
            var graph = OnnxImporter.Load(SqueezeNetTests.ModelPath);
            Assert.Equal("managed", Engines.ProviderFor(graph, null).Name);
        }
        finally
        {
            OnnxRuntimeLibrary.SimulatedLoadFailure = null;
            Engines.Warning = previous;
        }
        Assert.Equal([$"ONNX Runtime cannot be loaded ({failure}); using the managed engine instead."], warnings);
    }

    [Fact]
    public void AnOperatorTheExporterCannotWriteIsNamed()
    {
        var graph = OnnxImporter.Load(SqueezeNetTests.ModelPath);
        graph.Nodes[0].Op = (OpKind)999;
        graph.Nodes[0].Name = "mystery";
        var capability = new OnnxRuntimeExecutionProvider().GetCapability(graph);
        Assert.Equal([new UnsupportedNode("mystery", "999", "the ONNX exporter cannot express this operator")], capability.Unsupported);
        var e = Assert.Throws<ModelFormatException>(() => Engines.ProviderFor(graph, Engine.OnnxRuntime));
        Assert.Contains("onnxruntime cannot run node 'mystery' (999): the ONNX exporter cannot express this operator", e.Message);
        Assert.Contains("Use the managed engine", e.Message);
        Assert.Equal("managed", Engines.ProviderFor(graph, null).Name);
    }

    [Fact]
    public void CudaWithoutTheGpuPackageSaysWhatIsMissing()
    {
        var graph = OnnxImporter.Load(SqueezeNetTests.ModelPath);
        var e = Assert.Throws<DlpException>(() => new OnnxRuntimeExecutionProvider().Compile(graph, [graph.Outputs[0].Name], new ExecutionOptions { Device = "cuda" }));
        Assert.StartsWith("device cuda: ONNX Runtime cannot enable CUDA", e.Message);
        Assert.Contains("CUDA needs the Microsoft.ML.OnnxRuntime.Gpu.Linux package", e.Message);
        Assert.Contains("CUDA 13 and cuDNN 9", e.Message);
    }

    [Fact]
    public void TheManagedEngineRefusesAGpu()
    {
        var graph = OnnxImporter.Load(SqueezeNetTests.ModelPath);
        var e = Assert.Throws<DlpException>(() => new ManagedExecutionProvider().Compile(graph, [graph.Outputs[0].Name], new ExecutionOptions { Device = "cuda" }));
        Assert.Contains("runs on the CPU only", e.Message);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 2, 1)]
    [InlineData(16, 4, 4)]
    [InlineData(6, 4, 1)]
    public void TheThreadBudgetNeverExceedsTheCores(int cores, int runs, int threads)
    {
        Assert.Equal((runs, threads), ExecutionOptions.Budget(cores));
        Assert.True(runs * threads <= cores);
    }
}
