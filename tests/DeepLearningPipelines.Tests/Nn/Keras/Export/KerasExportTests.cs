using System.Diagnostics;
using System.Text.Json;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Keras.Export;
using DeepLearningPipelines.Nn.Keras.Hdf5;
using DeepLearningPipelines.Nn.Networks;
using DeepLearningPipelines.Tests.Nn.Training;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Nn.Keras.Export;

/// <summary>
/// Networks written as Keras 2 .h5 files: read back by the Keras importer they compute the same outputs (atol 1e-5);
/// h5py (python3-h5py) finds Keras' layout and our weights in Keras order; a graph with a node that has no Keras layer
/// is refused, naming the node.
/// </summary>
public class KerasExportTests
{
    /// <summary>A functional network over every exported layer kind, with random weights (batch-norm statistics included).</summary>
    private static ModelGraph Functional()
    {
        var input = new Input(12, 12, 3);
        var scaled = new Rescaling(1f / 127.5f, -1f).Call(input);
        var a = new Conv2D(8, 3, padding: "same", activation: "relu").Call(scaled);
        var b = new Conv2D(8, 3, padding: "same").Call(a);
        var x = new BatchNormalization(momentum: 0.9f).Call(new Add().Call(a, b));
        var d = new DepthwiseConv2D(3, strides: 2, padding: "same", depthMultiplier: 2, activation: "relu").Call(x);
        var pooled = new MaxPooling2D(2).Call(new Conv2D(6, 1, activation: "sigmoid").Call(d));
        var averaged = new AveragePooling2D(3, strides: 2, padding: "same").Call(new Activation("tanh").Call(d));
        var flat = new Flatten().Call(new Dropout(0.3f).Call(averaged));
        var merged = new Concatenate().Call(new GlobalAveragePooling2D().Call(pooled), new Dense(6, "relu").Call(flat));
        var output = new Dense(4, "softmax").Call(new BatchNormalization().Call(merged));
        var graph = new Network(input, output, "export_check").Build(seed: 5);
        var random = new Random(3);
        foreach (var (name, tensor) in graph.Initializers.Where(kv => !kv.Key.EndsWith("_value", StringComparison.Ordinal)))
        {
            var span = tensor.Span;
            for (int i = 0; i < span.Length; i++)
                span[i] = name.EndsWith("moving_variance", StringComparison.Ordinal) ? 0.5f + random.NextSingle() : span[i] + (random.NextSingle() - 0.5f) * 0.2f;
        }
        return graph;
    }

    private static float[] Run(ModelGraph graph, Tensor input)
    {
        using var executor = new GraphExecutor(graph);
        using var result = executor.Run(input);
        return result.Span.ToArray();
    }

    private static Tensor Pixels(int batch, int size) => new(TestData.Random(new Random(9), batch * size * size * 3, 127f).Select(v => v + 127f).ToArray(), batch, size, size, 3);

    [Fact]
    public void AnExportedNetworkReadsBackWithTheSameOutputs()
    {
        var graph = Functional();
        string path = Path.Combine(TestPaths.NewTempDir(), "export_check.h5");
        KerasHdf5Exporter.Save(graph, path);

        var model = KerasHdf5Model.ReadArchitecture(path);
        Assert.Equal(["Activation", "Add", "AveragePooling2D", "BatchNormalization", "Concatenate", "Conv2D", "Dense", "DepthwiseConv2D", "Dropout", "Flatten",
            "GlobalAveragePooling2D", "InputLayer", "MaxPooling2D", "Rescaling"], model.Layers.Select(l => l.ClassName).Distinct().Order(StringComparer.Ordinal));
        var input = Pixels(batch: 3, size: 12);
        var expected = Run(graph, input);
        var actual = Run(KerasHdf5Model.Load(path), input);
        Assert.Equal(12, expected.Length);
        TestData.AssertClose(expected, actual, atol: 1e-5f, context: "probabilities of the network read back from .h5");
    }

    [Fact]
    public void AKerasFileReadAndWrittenAgainGivesTheSameFeatures()
    {
        // MobileNet v1 0.25 as Keras saved it: ReLU(6), depthwise convolutions, Reshape, Dropout.
        string original = Path.Combine(TestData.RepoRoot(), "tests", "DeepLearningPipelines.Tests", "Fixtures", "keras", "mobilenet_v1_0.25_full.h5");
        var graph = KerasHdf5Model.Load(original);
        string path = Path.Combine(TestPaths.NewTempDir(), "mobilenet.h5");
        KerasHdf5Exporter.Save(graph, path);
        Assert.Superset(new HashSet<string> { "ReLU", "DepthwiseConv2D", "Reshape", "Dropout" }, KerasHdf5Model.ReadArchitecture(path).Layers.Select(l => l.ClassName).ToHashSet());
        var scaled = new Tensor(TestData.Random(new Random(4), 224 * 224 * 3), 1, 224, 224, 3);
        TestData.AssertClose(Run(graph, scaled), Run(KerasHdf5Model.Load(path), scaled), atol: 1e-5f, context: "MobileNet probabilities after a write and a read");
    }

    [H5pyFact]
    public void H5pyFindsKerasLayoutAndTheNetworksWeights()
    {
        var graph = Functional();
        string path = Path.Combine(TestPaths.NewTempDir(), "export_check.h5");
        KerasHdf5Exporter.Save(graph, path);
        const string script = """
            import h5py, json, sys
            f = h5py.File(sys.argv[1], 'r')
            w = f['model_weights']
            out = {'keras_version': f.attrs['keras_version'].decode(), 'backend': f.attrs['backend'].decode(),
                   'class_name': json.loads(f.attrs['model_config'])['class_name'],
                   'layer_names': [n.decode() for n in w.attrs['layer_names']], 'weights': {}}
            for layer in out['layer_names']:
                for name in [n.decode() for n in w[layer].attrs['weight_names']]:
                    d = w[layer][name]
                    out['weights'][name] = {'shape': list(d.shape), 'dtype': str(d.dtype), 'values': [float(v) for v in d[()].ravel()]}
            print(json.dumps(out))
            """;
        using var doc = JsonDocument.Parse(H5pyFactAttribute.RunPython(script, path));
        var root = doc.RootElement;
        Assert.Equal(KerasHdf5Exporter.KerasVersion, root.GetProperty("keras_version").GetString());
        Assert.Equal("tensorflow", root.GetProperty("backend").GetString());
        Assert.Equal("Functional", root.GetProperty("class_name").GetString());
        Assert.Contains("depthwise_conv2d_1", root.GetProperty("layer_names").EnumerateArray().Select(e => e.GetString()));
        var weights = root.GetProperty("weights");
        float[] Values(string name) => weights.GetProperty(name).GetProperty("values").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
        int[] Shape(string name) => weights.GetProperty(name).GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()).ToArray();

        // Conv2D kernel: Keras [kh, kw, in, out] holds the graph's [out, in, kh, kw].
        Assert.Equal([3, 3, 8, 8], Shape("conv2d_2/kernel:0"));
        var oihw = graph.Initializers["conv2d_2/kernel"];
        var hwio = Values("conv2d_2/kernel:0");
        for (int o = 0; o < 8; o++)
            for (int i = 0; i < 8; i++)
                for (int y = 0; y < 3; y++)
                    for (int x = 0; x < 3; x++)
                        Assert.Equal(oihw.Span[((o * 8 + i) * 3 + y) * 3 + x], hwio[((y * 3 + x) * 8 + i) * 8 + o]);
        Assert.Equal("float32", weights.GetProperty("conv2d_2/kernel:0").GetProperty("dtype").GetString());
        Assert.Equal([3, 3, 8, 2], Shape("depthwise_conv2d_1/depthwise_kernel:0"));
        foreach (var name in new[] { "dense_2/kernel", "dense_2/bias", "batch_normalization_1/gamma", "batch_normalization_1/beta",
                     "batch_normalization_1/moving_mean", "batch_normalization_1/moving_variance", "conv2d_1/bias" })
            Assert.Equal(graph.Initializers[name].Span.ToArray(), Values($"{name}:0"));
        Assert.Equal(["batch_normalization_2/gamma:0", "batch_normalization_2/beta:0", "batch_normalization_2/moving_mean:0", "batch_normalization_2/moving_variance:0"],
            weights.EnumerateObject().Select(p => p.Name).Where(n => n.StartsWith("batch_normalization_2/", StringComparison.Ordinal)));
    }

    [Fact]
    public void ANodeWithoutAKerasLayerIsRefusedByName()
    {
        var b = new GraphBuilder().Input("x", -1, 6);
        b.Node("dense", OpKind.Gemm, ["x", b.Weight("w", TestData.Random(new Random(1), 24), 6, 4)]);
        b.Node("halved", OpKind.Div, ["dense", b.Weight("two", [2f], 1)]);
        var graph = b.Output("halved", -1, 4);
        string path = Path.Combine(TestPaths.NewTempDir(), "refused.h5");
        var error = Assert.Throws<ModelFormatException>(() => KerasHdf5Exporter.Save(graph, path));
        Assert.Contains("node 'halved' (Div)", error.Message);
        Assert.False(File.Exists(path));

        // An ONNX-style network reading NCHW images: its first convolution has no Keras form (Keras images are channels-last).
        var nchw = new GraphBuilder().Input("image", -1, 3, 8, 8);
        nchw.Node("conv", OpKind.Conv, ["image", nchw.Weight("k", TestData.Random(new Random(2), 4 * 3 * 9), 4, 3, 3, 3)]);
        nchw.Node("gap", OpKind.GlobalAveragePool, ["conv"]);
        error = Assert.Throws<ModelFormatException>(() => KerasHdf5Exporter.Save(nchw.Output("gap", -1, 4, 1, 1), path));
        Assert.Contains("node 'conv' (Conv)", error.Message);
        Assert.Contains("channels-last", error.Message);
    }
}

/// <summary>A fact that needs Debian's python3-h5py (for /usr/bin/python3); skipped, saying how to get it, when it is missing.</summary>
public sealed class H5pyFactAttribute : FactAttribute
{
    private const string Python = "/usr/bin/python3";
    private static readonly Lazy<bool> Available = new(() =>
    {
        try { RunPython("import h5py"); return true; }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception) { return false; }
    });

    public H5pyFactAttribute()
    {
        if (!Available.Value) Skip = $"h5py is not importable by {Python}: apt-get install python3-h5py.";
    }

    /// <summary>Runs a Python script with arguments and returns its standard output; throws when it fails.</summary>
    public static string RunPython(string script, params string[] args)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? stdout.Result : throw new InvalidOperationException($"python3 failed ({process.ExitCode}): {stderr}");
    }
}
