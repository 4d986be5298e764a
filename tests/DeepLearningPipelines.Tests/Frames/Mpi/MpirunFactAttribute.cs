namespace DeepLearningPipelines.Tests.Frames.Mpi;

/// <summary>A fact that launches ranks with Open MPI's <c>mpirun</c>; skipped where mpirun is not on the PATH.</summary>
public sealed class MpirunFactAttribute : FactAttribute
{
    public MpirunFactAttribute()
    {
        if (Mpirun.Path is null) Skip = "mpirun is not on the PATH: install Open MPI (apt-get install openmpi-bin libopenmpi-dev) to run the MPI tests.";
    }
}

/// <summary>Finds <c>mpirun</c> and runs the self-test program under it.</summary>
internal static class Mpirun
{
    public static string? Path { get; } = Find();

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, "mpirun"))
            .FirstOrDefault(File.Exists);
}
