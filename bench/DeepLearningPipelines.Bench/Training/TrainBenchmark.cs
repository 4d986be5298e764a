using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Training;
using DeepLearningPipelines.Nn.Training.Optimizers;

namespace DeepLearningPipelines.Bench.Training;

/// <summary>
/// Training images/s of the small CNN (conv32-pool-conv64-pool-dense128-dense10 on 1×28×28) or of ResNet50 (224×224×3,
/// 1,000 classes), SGD with momentum, on the managed engine and, in the same run, in PyTorch (python/torch_train.py,
/// when /usr/bin/python3 has torch; torchvision's resnet50), both on the same number of threads, by wall time and by
/// process CPU time (steadier on a busy machine).
/// Options: [--model small|resnet50] [--batch 128, resnet50: 32] [--seconds 5] [--threads 2] [--json].
/// </summary>
internal static class TrainBenchmark
{
    public static int Run(string[] args)
    {
        string model = Array.IndexOf(args, "--model") is var m and >= 0 && m + 1 < args.Length ? args[m + 1] : "small";
        if (model is not ("small" or "resnet50")) throw new ArgumentException($"--model {model}: expected small or resnet50.");
        bool resnet = model == "resnet50";
        int batch = Option(args, "--batch", resnet ? 32 : 128), threads = Option(args, "--threads", 2);
        double seconds = Option(args, "--seconds", 5);
        bool json = args.Contains("--json");
        var graph = resnet ? ResNet50Network.Create().Build(seed: 0) : SmallCnn(new Random(0));
        int[] inputShape = resnet ? [batch, 224, 224, 3] : [batch, 1, 28, 28];
        int classes = resnet ? 1000 : 10;
        var rng = new Random(1);
        var x = new Tensor(Enumerable.Range(0, Tensor.ElementCount(inputShape)).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray(), inputShape);
        var y = new Tensor(Enumerable.Range(0, batch).Select(_ => (float)rng.Next(classes)).ToArray(), batch);
        using var trainer = new Trainer(graph, new TrainerOptions
        {
            Loss = LossKind.SparseCategoricalCrossEntropy,
            Optimizer = new Sgd(0.01f, momentum: 0.9f),
            Threads = threads,
        });
        for (int i = 0; i < 3; i++) trainer.Step(x, y);
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var (elapsed, steps) = Measure(() => _ = trainer.Step(x, y), seconds);
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
        var (forwardElapsed, forwards) = Measure(() => _ = trainer.Evaluate(x, y), seconds / 2);
        double managedRate = steps * batch / elapsed, managedCpuRate = steps * batch / cpu;
        double forwardShare = forwardElapsed / forwards / (elapsed / steps);
        JsonElement? torch = RunTorch(model, batch, seconds, threads);
        double? torchRate = torch?.GetProperty("imagesPerSecond").GetDouble(), torchCpuRate = torch?.GetProperty("imagesPerCpuSecond").GetDouble();
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                model, batch, threads, imagesPerSecond = managedRate, imagesPerCpuSecond = managedCpuRate, forwardShareOfStep = forwardShare,
                torchImagesPerSecond = torchRate, torchImagesPerCpuSecond = torchCpuRate,
                ratio = managedRate / torchRate, cpuRatio = managedCpuRate / torchCpuRate,
            }));
        }
        else
        {
            Console.WriteLine($"{(resnet ? "ResNet50" : "small CNN")}, batch {batch}, {threads} threads: managed {managedRate:F0} images/s, {managedCpuRate:F0} per CPU-second (forward {forwardShare:P0} of a step)");
            Console.WriteLine(torchRate is { } t
                ? $"PyTorch {torch!.Value.GetProperty("torch").GetString()}: {t:F0} images/s, {torchCpuRate:F0} per CPU-second; ratio {managedRate / t:F2} (CPU time: {managedCpuRate / torchCpuRate:F2})"
                : "PyTorch: not available (install python3-torch)");
        }
        return 0;
    }

    /// <summary>Calls <paramref name="body"/> for about <paramref name="seconds"/>; returns the seconds taken and the calls made.</summary>
    private static (double Seconds, int Calls) Measure(Action body, double seconds)
    {
        var sw = Stopwatch.StartNew();
        int calls = 0;
        while (sw.Elapsed.TotalSeconds < seconds || calls == 0)
        {
            body();
            calls++;
        }
        return (sw.Elapsed.TotalSeconds, calls);
    }

    /// <summary>The benchmark network with He-uniform weights and zero biases.</summary>
    internal static ModelGraph SmallCnn(Random rng)
    {
        var g = new ModelGraph { Name = "small-cnn" };
        g.Inputs.Add(new ValueInfo("image", [-1, 1, 28, 28]));
        string Weight(string name, int fanIn, params int[] shape)
        {
            float limit = MathF.Sqrt(6f / fanIn);
            g.Initializers[name] = new Tensor(Enumerable.Range(0, Tensor.ElementCount(shape)).Select(_ => (float)(rng.NextDouble() * 2 - 1) * limit).ToArray(), shape);
            return name;
        }
        string Zeros(string name, int n)
        {
            g.Initializers[name] = new Tensor(new float[n], n);
            return name;
        }
        void Add(string name, OpKind op, string[] inputs, NodeAttributes? a = null) => g.Nodes.Add(new Node(name, op, inputs, [name], a));
        var same = new NodeAttributes().Set("pads", new[] { 1, 1, 1, 1 });
        var pool = new NodeAttributes().Set("kernel_shape", new[] { 2, 2 }).Set("strides", new[] { 2, 2 });
        Add("conv1", OpKind.Conv, ["image", Weight("conv1.w", 9, 32, 1, 3, 3), Zeros("conv1.b", 32)], same);
        Add("relu1", OpKind.Relu, ["conv1"]);
        Add("pool1", OpKind.MaxPool, ["relu1"], pool);
        Add("conv2", OpKind.Conv, ["pool1", Weight("conv2.w", 288, 64, 32, 3, 3), Zeros("conv2.b", 64)], same.Clone());
        Add("relu2", OpKind.Relu, ["conv2"]);
        Add("pool2", OpKind.MaxPool, ["relu2"], pool.Clone());
        Add("flatten", OpKind.Flatten, ["pool2"], new NodeAttributes().Set("axis", 1));
        Add("dense1", OpKind.Gemm, ["flatten", Weight("dense1.w", 3136, 3136, 128), Zeros("dense1.b", 128)]);
        Add("relu3", OpKind.Relu, ["dense1"]);
        Add("logits", OpKind.Gemm, ["relu3", Weight("dense2.w", 128, 128, 10), Zeros("dense2.b", 10)]);
        g.Outputs.Add(new ValueInfo("logits", [-1, 10]));
        return g;
    }

    private static JsonElement? RunTorch(string model, int batch, double seconds, int threads)
    {
        var script = Path.Combine(Ml.MlFitBenchmark.FindRoot(), "bench", "DeepLearningPipelines.Bench", "python", "torch_train.py");
        var psi = new ProcessStartInfo("/usr/bin/python3", [script, model, batch.ToString(CultureInfo.InvariantCulture), seconds.ToString(CultureInfo.InvariantCulture),
            threads.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true, RedirectStandardError = true };
        try
        {
            using var process = Process.Start(psi);
            if (process is null) return null;
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? JsonDocument.Parse(output).RootElement.Clone() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static int Option(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
