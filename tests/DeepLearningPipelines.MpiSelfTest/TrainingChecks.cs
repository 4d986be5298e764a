using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Networks;
using DeepLearningPipelines.Nn.Training;
using DeepLearningPipelines.Nn.Training.Optimizers;
using DeepLearningPipelines.Vision.Datasets;
using DeepLearningPipelines.Vision.Training;

namespace DeepLearningPipelines.MpiSelfTest;

/// <summary>
/// Trains the same small CNN on MASTER (<c>mpi</c> under mpirun, or <c>local[N]</c> alone) with a global batch of 16
/// on 91 synthetic 8×8 images (the last batch of 11 is shared 5/6 over two ranks), shuffled alike on every rank, with
/// validation, counting the training rows each rank takes (<c>rows</c>); then fits a <see cref="TensorEstimator"/> on a DataFrame (each rank on its own partitions). Every rank
/// prints <c>rank=R NAME=VALUE</c>: a SHA-256 of its final weights (<c>weights</c>) and of the estimator's predictions
/// (<c>estimator</c>) and the epochs'
/// losses (<c>epochs</c>); rank 0 writes the CNN's weights, as little-endian floats in initializer-name order, to
/// WORKDIR/weights.bin for the comparison with one process.
/// </summary>
internal static class TrainingChecks
{
    public static int Run(string master, string workDir)
    {
        using var session = DlpSession.Builder().Master(master).GetOrCreate();
        var network = new Sequential([8, 8, 1], new Conv2D(4, 3, padding: "same", activation: "relu"), new MaxPooling2D(),
            new Flatten(), new Dense(16, "relu"), new Dense(4, "softmax"));
        var options = new TrainerOptions { Loss = LossKind.SparseCategoricalCrossEntropy, Optimizer = new Adam(0.01f), Seed = 3, Threads = 1 };
        var settings = new FitSettings { BatchSize = 16, Epochs = 3, Session = session };
        var train = new CountingSource(new LabeledImageBatches(Images(91, 1), shuffle: true, seed: 5));
        var result = NetworkFitter.Fit(network.Build(seed: 7), train, new LabeledImageBatches(Images(30, 2)), options, settings);
        Print(session, "rows", train.Rows.ToString(CultureInfo.InvariantCulture));
        var weights = Weights(result.Graph);
        Print(session, "weights", Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(weights.AsSpan()))));
        Print(session, "epochs", string.Join(";", result.Epochs.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Loss:R},{e.Accuracy:R},{e.ValidationLoss:R},{e.ValidationAccuracy:R}"))));
        if (session.Rank == 0) File.WriteAllBytes(Path.Combine(workDir, "weights.bin"), MemoryMarshal.AsBytes(weights.AsSpan()).ToArray());

        var random = new Random(11);
        var rows = Enumerable.Range(0, 400).Select(i =>
        {
            int label = i % 3;
            var x = Enumerable.Range(0, 6).Select(j => (j == label ? 1.5 : 0) + random.NextDouble()).ToArray();
            return new object?[] { Vectors.Dense(x), (double)label };
        });
        var frame = session.CreateDataFrame(rows, new StructType(new StructField("features", DataTypes.Vector), new StructField("label", DataTypes.Double)), 4);
        var model = new TensorEstimator().SetLayers("dense8").SetBatchSize(8).SetEpochs(2).SetSeed(1).SetLearningRate(0.01).SetValidationSplit(0.2).Fit(frame);
        var predictions = model.Transform(frame).Select("predictions").Collect().Select(r => r[0]!.ToString());
        Print(session, "estimator", Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", predictions)))));
        return 0;
    }

    /// <summary>Counts the training rows handed to this rank.</summary>
    private sealed class CountingSource(IBatchSource inner) : IBatchSource
    {
        public long Rows { get; private set; }

        public IEnumerable<(Tensor Input, Tensor Labels)> Batches(int epoch, int batchSize) => Batches(epoch, batchSize, BatchShard.Single);

        public IEnumerable<(Tensor Input, Tensor Labels)> Batches(int epoch, int batchSize, BatchShard shard)
        {
            foreach (var batch in inner.Batches(epoch, batchSize, shard))
            {
                Rows += batch.Input.Shape[0];
                yield return batch;
            }
        }
    }

    private static void Print(DlpSession session, string name, string value) => Console.WriteLine($"rank={session.Rank} {name}={value}");

    /// <summary>Every float initializer, in name order.</summary>
    private static float[] Weights(ModelGraph graph) =>
        graph.Initializers.OrderBy(i => i.Key, StringComparer.Ordinal).SelectMany(i => i.Value.ToArray()).ToArray();

    /// <summary>Images of 4 classes: noise plus a bright quarter that names the class, seeded.</summary>
    private static LabeledImages Images(int count, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[count * 64];
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = (byte)random.Next(4);
            for (int p = 0; p < 64; p++)
            {
                bool lit = (p / 8 < 4 ? 0 : 2) + (p % 8 < 4 ? 0 : 1) == labels[i];
                pixels[i * 64 + p] = (byte)(random.Next(100) + (lit ? 120 : 0));
            }
        }
        return new LabeledImages("synthetic", 8, 8, pixels, labels, ["a", "b", "c", "d"]);
    }
}
