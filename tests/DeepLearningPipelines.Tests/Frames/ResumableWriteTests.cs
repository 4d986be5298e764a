using System.Runtime.CompilerServices;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.IO;
using DeepLearningPipelines.Tests.Support;
using static DeepLearningPipelines.Frames.Functions;

namespace DeepLearningPipelines.Tests.Frames;

/// <summary>
/// A write that fails part-way keeps its committed partitions in the hidden job folder; the same write run again
/// computes only the others and gives the uninterrupted write's files, while a different job there is refused.
/// </summary>
public class ResumableWriteTests
{
    private static readonly DlpSession Session = DlpSession.Builder().Master("local[2]").GetOrCreate();

    /// <summary>Ids 0..999 in four partitions with a UDF column that counts its calls and throws at id <paramref name="failAt"/>.</summary>
    private static DataFrame Numbers(StrongBox<int> calls, long failAt = -1)
    {
        var twice = Udf<long, long>(id =>
        {
            Interlocked.Increment(ref calls.Value);
            return id == failAt ? throw new InvalidOperationException($"row {id} fails") : 2 * id;
        }, DataTypes.Long);
        return Session.Range(0, 1000, 4).WithColumn("twice", twice(Col("id")));
    }

    /// <summary>Part files by partition (the name without the job's tag) and their bytes.</summary>
    private static Dictionary<string, byte[]> Parts(string folder) =>
        Directory.GetFiles(folder, "part-*").ToDictionary(Stem, File.ReadAllBytes);

    /// <summary>A file's name without the job's tag: <c>part-00002</c> or <c>_SUCCESS</c>.</summary>
    private static string Stem(string path) => Path.GetFileName(path) is var name && name.StartsWith("part-") ? name[..10] : name;

    private static void Write(DataFrame frame, string format, string target)
    {
        var writer = frame.Write();
        if (format == "csv") writer.Csv(target);
        else if (format == "json") writer.Json(target);
        else writer.Parquet(target);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    [InlineData("parquet")]
    public void RerunAfterAFailureWritesOnlyTheMissingPartitionsAndEqualsAnUninterruptedWrite(string format)
    {
        var dir = TestPaths.NewTempDir();
        string expected = Path.Combine(dir, "expected"), target = Path.Combine(dir, "out");
        Write(Numbers(new StrongBox<int>()), format, expected);

        // Fails in the last partition (ids 750..999) once the first two have finished.
        Assert.Throws<InvalidOperationException>(() => Write(Numbers(new StrongBox<int>(), failAt: 999), format, target));
        Assert.False(Directory.Exists(target));
        var markers = Directory.GetFiles(Path.Combine(FolderCommit.WorkingFolder(target), OutputJournal.JournalFolder), "partition-*.json");
        Assert.InRange(markers.Length, 1, 3);
        File.WriteAllText(Path.Combine(FolderCommit.WorkingFolder(target), "part-00003-stray.txt"), "written, never recorded");

        var calls = new StrongBox<int>();
        Write(Numbers(calls), format, target);

        Assert.Equal(250 * (4 - markers.Length), calls.Value);
        var got = Parts(target);
        var want = Parts(expected);
        Assert.Equal(want.Keys.Order(), got.Keys.Order());
        foreach (var (part, bytes) in want) Assert.True(bytes.AsSpan().SequenceEqual(got[part]), $"{part} differs from the uninterrupted write's.");
        Assert.Equal(Directory.GetFiles(expected).Select(Stem).Order(), Directory.GetFiles(target).Select(Stem).Order());
        Assert.Equal([Path.Combine(dir, "expected"), target], Directory.GetFileSystemEntries(dir).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ADifferentJobIsRefusedUntilResumeIsTurnedOff()
    {
        var dir = TestPaths.NewTempDir();
        var target = Path.Combine(dir, "out");
        Assert.Throws<InvalidOperationException>(() => Numbers(new StrongBox<int>(), failAt: 999).Write().Csv(target));

        var other = Session.Range(0, 2000, 4);
        var e = Assert.Throws<DlpException>(() => other.Write().Csv(target));
        Assert.Contains("unfinished write of a different job", e.Message);
        Assert.Contains(FolderCommit.WorkingFolder(target), e.Message);
        Assert.Contains("Option(\"resume\", false)", e.Message);
        Assert.False(Directory.Exists(target));

        other.Write().Option("resume", false).Csv(target);
        Assert.Equal(Enumerable.Range(0, 2000).Select(i => i.ToString()),
            Directory.GetFiles(target, "part-*").Order(StringComparer.Ordinal).SelectMany(File.ReadAllLines));
        Assert.False(Directory.Exists(FolderCommit.WorkingFolder(target)));
    }

    [Fact]
    public void AJournalSharedByTwoWritersKeepsOneHeaderAndEveryCommit()
    {
        var folder = Path.Combine(TestPaths.NewTempDir(), ".job");
        // Two processes (MPI ranks) open the same job and commit the partitions they own.
        var first = OutputJournal.Open(folder, "job", 4, resume: true, "restart");
        var second = OutputJournal.Open(folder, "job", 4, resume: true, "restart");
        Assert.Equal(first.Tag, second.Tag);
        first.Commit(0, staging => { File.WriteAllText(Path.Combine(staging, "a"), "0"); return (1, ["x"]); });
        second.Commit(3, staging => { File.WriteAllText(Path.Combine(staging, "b"), "3"); return (1, ["y"]); });

        var reopened = OutputJournal.Open(folder, "job", 4, resume: true, "restart");
        Assert.Equal([0, 3], reopened.Committed.Select(c => c.Partition));
        Assert.Equal(["x"], reopened.Committed.First().Keys);
        var e = Assert.Throws<DlpException>(reopened.RequireComplete);
        Assert.Contains("partition(s) 1, 2", e.Message);
    }

    [Fact]
    public void AnAttachedWritersCommitsReachTheOpenerOnRefresh()
    {
        var folder = Path.Combine(TestPaths.NewTempDir(), ".job");
        // Rank 0 opens the job, another rank attaches to it and commits its partitions, rank 0 reads them before committing.
        var opener = OutputJournal.Open(folder, "job", 2, resume: true, "restart");
        opener.Commit(0, staging => { File.WriteAllText(Path.Combine(staging, "a"), "0"); return (1, ["x"]); });
        var attached = OutputJournal.Attach(folder);
        Assert.Equal(opener.Tag, attached.Tag);
        Assert.True(attached.IsCommitted(0));
        attached.Commit(1, staging => { File.WriteAllText(Path.Combine(staging, "b"), "1"); return (1, ["y"]); });

        Assert.Throws<DlpException>(opener.RequireComplete);
        opener.Refresh();
        opener.RequireComplete();
        Assert.Equal(["x", "y"], opener.Committed.SelectMany(c => c.Keys));
    }

    [Fact]
    public void AttachingWithoutAJournalNamesTheMissingHeader()
    {
        var folder = Path.Combine(TestPaths.NewTempDir(), ".job");
        var e = Assert.Throws<DlpException>(() => OutputJournal.Attach(folder));
        Assert.Contains("has no journal", e.Message);
        Assert.Contains("shares", e.Message);
    }
}
