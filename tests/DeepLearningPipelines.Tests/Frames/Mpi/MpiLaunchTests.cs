using DeepLearningPipelines.Frames.Execution.Mpi;

namespace DeepLearningPipelines.Tests.Frames.Mpi;

public sealed class MpiLaunchTests
{
    private static MpiLaunch? Detect(params (string Name, string Value)[] variables) =>
        MpiLaunch.Detect(name => variables.FirstOrDefault(v => v.Name == name).Value);

    [Fact]
    public void NoLauncherVariablesMeansAStandaloneProcess() => Assert.Null(Detect());

    [Fact]
    public void OpenMpiVariablesComeFirst() =>
        Assert.Equal(new MpiLaunch("Open MPI", 2, 4),
            Detect(("OMPI_COMM_WORLD_RANK", "2"), ("OMPI_COMM_WORLD_SIZE", "4"), ("SLURM_PROCID", "0"), ("SLURM_NTASKS", "1")));

    [Fact]
    public void PmiAndSlurmAreRecognised()
    {
        Assert.Equal(new MpiLaunch("PMI", 1, 2), Detect(("PMI_RANK", "1"), ("PMI_SIZE", "2")));
        Assert.Equal(new MpiLaunch("Slurm", 5, 8), Detect(("SLURM_PROCID", "5"), ("SLURM_NTASKS", "8")));
    }

    [Theory]
    [InlineData("3", "3")]
    [InlineData("-1", "3")]
    [InlineData("x", "3")]
    [InlineData("0", "0")]
    public void InconsistentVariablesAreIgnored(string rank, string size) =>
        Assert.Null(Detect(("OMPI_COMM_WORLD_RANK", rank), ("OMPI_COMM_WORLD_SIZE", size)));
}
