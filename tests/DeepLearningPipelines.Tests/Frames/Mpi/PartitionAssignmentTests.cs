using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.Execution;
using DeepLearningPipelines.Frames.Plans;

namespace DeepLearningPipelines.Tests.Frames.Mpi;

/// <summary>How the MPI executor shares partitions among ranks, and which exchanged partitions a rank asks for.</summary>
public sealed class PartitionAssignmentTests
{
    private static readonly DlpSession Session = DlpSession.Builder().Master("local[2]").NewSession();

    [Fact]
    public void RanksGetContiguousBlocksBalancedByBytesWhenKnown()
    {
        Assert.Equal([0, 0, 0, 1, 1, 1], PartitionAssignment.Owners(6, null, 2));
        Assert.Equal([0, 0, 1, 2, 2], PartitionAssignment.Owners(5, null, 3));
        Assert.Equal([0, 1, 1, 1], PartitionAssignment.Owners(4, [900, 100, 100, 100], 2));
        Assert.Equal([0, 0, 0, 1], PartitionAssignment.Owners(4, [100, 100, 100, 900], 2));
        Assert.Equal([1, 3], PartitionAssignment.Owners(2, null, 4));
    }

    [Fact]
    public void ARankAsksOnlyForTheExchangedPartitionsItsPartitionsRead()
    {
        var numbers = Session.Range(0, 100, 4);
        var union = numbers.Repartition(3).Union(numbers.Repartition(2)).Select("id");
        var exchanges = Exchanges(union.Plan);
        Assert.Equal(2, exchanges.Count);

        var demand = new PartitionDemand();
        demand.Add(union.Plan, [1, 4]);
        Assert.Equal([1], demand.Of(exchanges[0]));
        Assert.Equal([1], demand.Of(exchanges[1]));

        var coalesced = numbers.Repartition(6).Coalesce(2);
        var exchange = Exchanges(coalesced.Plan).Single();
        var second = new PartitionDemand();
        second.Add(coalesced.Plan, [1]);
        Assert.Equal([3, 4, 5], second.Of(exchange));
    }

    private static List<ExchangePlan> Exchanges(Plan plan) =>
        plan is ExchangePlan e ? [e] : plan.Inputs.SelectMany(Exchanges).ToList();
}
