using System.Diagnostics;
using System.Globalization;
using DeepLearningPipelines.Frames.Execution.Mpi;

namespace DeepLearningPipelines.MpiSelfTest;

/// <summary>
/// Checks MpiCommunicator's collectives: each rank prints "rank=R size=S host=H launch=L allreduce_s=T ok" or
/// "rank=R FAIL &lt;what&gt;" and returns 1 on a failure.
/// </summary>
internal static class CollectiveChecks
{
    public static int Run(int floats)
    {
        using var world = new MpiCommunicator();
        int rank = world.Rank, size = world.Size;
        var failures = new List<string>();
        void Expect(bool ok, string what)
        {
            if (!ok) failures.Add(what);
        }

        // Allreduce: element i of rank r is i % 7 + r, so the sum is size * (i % 7) + size (size - 1) / 2, exact in float.
        var values = new float[floats];
        for (int i = 0; i < floats; i++) values[i] = i % 7 + rank;
        world.Barrier();
        var clock = Stopwatch.StartNew();
        world.Allreduce<float>(values, MpiOp.Sum);
        double allreduceSeconds = clock.Elapsed.TotalSeconds;
        int bad = 0;
        for (int i = 0; i < floats; i++)
            if (values[i] != size * (i % 7) + size * (size - 1) / 2) bad++;
        Expect(bad == 0, $"allreduce sum: {bad} of {floats} elements wrong");

        double[] extremes = [rank, -rank];
        world.Allreduce<double>(extremes, MpiOp.Max);
        Expect(extremes is [var mx, 0] && mx == size - 1, $"allreduce max: got [{string.Join(',', extremes)}]");
        long[] lows = [rank + 10L];
        world.Allreduce<long>(lows, MpiOp.Min);
        Expect(lows[0] == 10, $"allreduce min: got {lows[0]}");

        // Allgatherv: rank r sends Length(r) bytes (rank 1 sends none); byte j of rank r is (r * 31 + j) mod 256.
        static int Length(int r) => r == 1 ? 0 : 1000 * r + 7;
        var gathered = world.Allgather(Enumerable.Range(0, Length(rank)).Select(j => (byte)(rank * 31 + j)).ToArray());
        Expect(gathered.Length == size, $"allgather: {gathered.Length} arrays for {size} ranks");
        for (int r = 0; r < gathered.Length; r++)
            Expect(gathered[r].SequenceEqual(Enumerable.Range(0, Length(r)).Select(j => (byte)(r * 31 + j))), $"allgather: rank {r}'s bytes differ");

        // Alltoallv: s sends d a payload of Pair(s, d) bytes; byte j is (s * 17 + d * 13 + j) mod 256.
        static int Pair(int s, int d) => (s * 3 + d * 5) % 11 * 100;
        static byte[] Payload(int s, int d) => Enumerable.Range(0, Pair(s, d)).Select(j => (byte)(s * 17 + d * 13 + j)).ToArray();
        var received = world.AllToAll(Enumerable.Range(0, size).Select(d => Payload(rank, d)).ToArray());
        Expect(received.Length == size, $"alltoall: {received.Length} payloads for {size} ranks");
        for (int s = 0; s < received.Length; s++)
            Expect(received[s].SequenceEqual(Payload(s, rank)), $"alltoall: payload from rank {s} differs");

        // Broadcast from the last rank.
        var message = world.Broadcast(rank == size - 1 ? "from the last rank"u8.ToArray() : null, size - 1);
        Expect(message.SequenceEqual("from the last rank"u8.ToArray()), "broadcast: bytes differ");

        var launch = MpiLaunch.Detect();
        Expect(launch is not null && launch.Rank == rank && launch.Size == size, $"launch: detected {launch}");
        world.Barrier();
        Console.WriteLine(failures.Count == 0
            ? $"rank={rank} size={size} host={world.ProcessorName} launch={launch?.Launcher} allreduce_s={allreduceSeconds.ToString("F3", CultureInfo.InvariantCulture)} ok"
            : $"rank={rank} FAIL {string.Join("; ", failures)}");
        return failures.Count == 0 ? 0 : 1;
    }
}
