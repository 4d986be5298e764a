using DeepLearningPipelines.Fuzz;
using SharpFuzz;

// Usage:
//   DeepLearningPipelines.Fuzz TARGET              run under afl-fuzz (input on stdin, SharpFuzz out-of-process server)
//   DeepLearningPipelines.Fuzz TARGET FILE|DIR...  replay inputs; exit 1 on a finding (unexpected exception or hang)
//   DeepLearningPipelines.Fuzz seed-onnx OUT       write the tiny ONNX seed model
//   DeepLearningPipelines.Fuzz pack-tfjs MODEL_JSON OUT   bundle a TF.js folder into one tfjs fuzz input
//   DeepLearningPipelines.Fuzz unpack-tfjs INPUT DIR      expand a tfjs fuzz input into model.json + weights.bin
if (args.Length == 2 && args[0] == "seed-onnx") return Seeds.WriteOnnx(args[1]);
if (args.Length == 3 && args[0] == "pack-tfjs") return TfjsBundle.Pack(args[1], args[2]);
if (args.Length == 3 && args[0] == "unpack-tfjs") return TfjsBundle.Unpack(args[1], args[2]);
if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: DeepLearningPipelines.Fuzz TARGET [INPUT...]; targets: {string.Join(", ", FuzzTargets.All.Keys)}");
    return 2;
}
if (args.Length == 1)
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        FuzzTargets.RunExpectingOnlyDlpErrors(target, buffer.ToArray());
    });
    return 0;
}
return Replay.Run(args[0], target, args[1..]);
