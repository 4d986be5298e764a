using DeepLearningPipelines.Frames.Execution.Mpi;

namespace DeepLearningPipelines.MpiSelfTest;

/// <summary>
/// Runs a function on 2 ranks with <see cref="MpiRunner"/>: started alone, the program relaunches itself under
/// mpirun. Prints <c>started</c> in every process that runs the program (the launching one and each rank: SPMD), each
/// rank's line from inside the function, and the launching process's <c>result=</c> (rank 0's return value) once.
/// </summary>
internal static class RunnerChecks
{
    public static int Run()
    {
        Console.WriteLine($"started launched={MpiLaunch.Detect() is not null}");
        var result = new MpiRunner(2).Run(context =>
        {
            double[] sum = [context.Rank + 1];
            context.AllreduceSum<double>(sum);
            var message = context.Broadcast(context.Rank == 0 ? [42] : null);
            Console.WriteLine($"rank={context.Rank} size={context.Size} sum={sum[0]} broadcast={message[0]} session_ranks={context.Session.RankCount}");
            return $"rank {context.Rank} of {context.Size}: sum {sum[0]}";
        });
        Console.WriteLine($"result={result}");
        return 0;
    }
}
