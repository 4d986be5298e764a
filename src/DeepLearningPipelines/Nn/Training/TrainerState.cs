using System.Runtime.InteropServices;
using System.Text;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Training;

/// <summary>
/// The trainer's whole state as bytes, for checkpoints that resume bit-for-bit and for handing rank 0's state to the
/// other ranks: the step count (which also fixes the learning-rate schedule's position and the Dropout masks), the
/// trainable parameters, the optimizer's state (momenta, moments) and the BatchNormalization running statistics.
/// </summary>
public sealed partial class Trainer
{
    private static readonly byte[] StateMagic = "DLPTRAIN"u8.ToArray();
    private const int StateVersion = 1;

    /// <summary>Total elements of the BatchNormalization running statistics that training updates (see <see cref="CopyStatisticsTo"/>).</summary>
    public int StatisticsCount => Statistics().Sum(s => s.Tensor.Length);

    /// <summary>Copies the running statistics (mean, then variance, of each trained BatchNormalization in graph order) into <paramref name="destination"/>.</summary>
    public void CopyStatisticsTo(Span<float> destination)
    {
        if (destination.Length != StatisticsCount) throw new ParamException($"The buffer holds {destination.Length} floats; the running statistics have {StatisticsCount}.");
        int at = 0;
        foreach (var (_, tensor) in Statistics())
        {
            tensor.Span.CopyTo(destination[at..]);
            at += tensor.Length;
        }
    }

    /// <summary>Overwrites the running statistics from <paramref name="source"/> (the layout of <see cref="CopyStatisticsTo"/>), e.g. averaged over ranks.</summary>
    public void SetStatistics(ReadOnlySpan<float> source)
    {
        if (source.Length != StatisticsCount) throw new ParamException($"The buffer holds {source.Length} floats; the running statistics have {StatisticsCount}.");
        int at = 0;
        foreach (var (_, tensor) in Statistics())
        {
            source.Slice(at, tensor.Length).CopyTo(tensor.Span);
            at += tensor.Length;
        }
    }

    /// <summary>Writes the step count, parameters, optimizer state and running statistics to <paramref name="stream"/>.</summary>
    public void WriteState(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(StateMagic);
        writer.Write(StateVersion);
        writer.Write(_options.Optimizer.GetType().Name);
        writer.Write(_options.Optimizer.StateSize);
        writer.Write(Steps);
        writer.Write(_model.Parameters.Count);
        foreach (var p in _model.Parameters) WriteNamed(writer, p.Name, _model.Graph.Initializers[p.Name].Span);
        writer.Write(_optimizerState.Length);
        writer.Write(MemoryMarshal.AsBytes(_optimizerState.AsSpan()));
        var statistics = Statistics();
        writer.Write(statistics.Count);
        foreach (var (name, tensor) in statistics) WriteNamed(writer, name, tensor.Span);
    }

    /// <summary>
    /// Restores a state written by <see cref="WriteState"/> for the same graph, trainable parameters and optimizer;
    /// fails with a <see cref="PersistenceException"/> naming the first thing that differs, leaving this trainer unchanged.
    /// </summary>
    public void ReadState(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (!reader.ReadBytes(StateMagic.Length).AsSpan().SequenceEqual(StateMagic) || reader.ReadInt32() != StateVersion)
                throw new PersistenceException("The trainer state does not start with the DLPTRAIN version 1 header.");
            string optimizer = reader.ReadString();
            int stateSize = reader.ReadInt32();
            if (optimizer != _options.Optimizer.GetType().Name || stateSize != _options.Optimizer.StateSize)
                throw new PersistenceException($"The trainer state is of optimizer {optimizer} ({stateSize} floats per parameter); this trainer uses {_options.Optimizer.GetType().Name} ({_options.Optimizer.StateSize}).");
            long steps = reader.ReadInt64();
            var parameters = ReadNamed(reader, _model.Parameters.Select(p => (p.Name, p.Length)).ToList(), "trainable parameter");
            int optimizerLength = reader.ReadInt32();
            if (optimizerLength != _optimizerState.Length)
                throw new PersistenceException($"The trainer state holds {optimizerLength} optimizer floats; this trainer has {_optimizerState.Length}.");
            var optimizerState = ReadFloats(reader, optimizerLength);
            var statistics = Statistics();
            var statisticValues = ReadNamed(reader, statistics.Select(s => (s.Name, s.Tensor.Length)).ToList(), "running statistic");
            for (int i = 0; i < parameters.Count; i++) parameters[i].CopyTo(_model.Graph.Initializers[_model.Parameters[i].Name].Span);
            optimizerState.CopyTo(_optimizerState, 0);
            for (int i = 0; i < statistics.Count; i++) statisticValues[i].CopyTo(statistics[i].Tensor.Span);
            Steps = steps;
        }
        catch (EndOfStreamException e)
        {
            throw new PersistenceException("The trainer state is truncated.", e);
        }
    }

    /// <summary>The running mean and variance initializers of every BatchNormalization that updates them, in graph order.</summary>
    private List<(string Name, Tensor Tensor)> Statistics() =>
        _model.Order.Where(n => n.Op == OpKind.BatchNormalization && !_model.IsFrozenBatchNorm(n))
            .SelectMany(n => new[] { n.Input(3), n.Input(4) })
            .Where(name => _model.Graph.Initializers.ContainsKey(name)).Distinct()
            .Select(name => (name, _model.Graph.Initializers[name])).ToList();

    private static void WriteNamed(BinaryWriter writer, string name, ReadOnlySpan<float> values)
    {
        writer.Write(name);
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values));
    }

    private static List<float[]> ReadNamed(BinaryReader reader, List<(string Name, int Length)> expected, string what)
    {
        int count = reader.ReadInt32();
        if (count != expected.Count) throw new PersistenceException($"The trainer state holds {count} {what}s; this trainer has {expected.Count}.");
        var values = new List<float[]>(count);
        foreach (var (name, length) in expected)
        {
            string stored = reader.ReadString();
            int storedLength = reader.ReadInt32();
            if (stored != name || storedLength != length)
                throw new PersistenceException($"The trainer state's {what} is '{stored}' of {storedLength} floats where this trainer has '{name}' of {length}.");
            values.Add(ReadFloats(reader, length));
        }
        return values;
    }

    private static float[] ReadFloats(BinaryReader reader, int length)
    {
        var values = new float[length];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }
}
