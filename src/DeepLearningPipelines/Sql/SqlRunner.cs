using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;

namespace DeepLearningPipelines.Sql;

/// <summary>Runs one SQL statement of a session: parses it, then plans a query or applies a view statement.</summary>
internal static class SqlRunner
{
    public static DataFrame Run(DlpSession session, string text)
    {
        var statement = SqlParser.ParseStatement(text);
        switch (statement)
        {
            case QueryStatement q:
                return new QueryPlanner(new StatementContext(session)).PlanTop(q.Query);
            case CreateViewStatement v:
                session.Catalog.Register(v.Name, new QueryPlanner(new StatementContext(session)).PlanTop(v.Query), v.Replace);
                return Empty(session);
            case DropViewStatement d:
                if (!session.Catalog.DropTempView(d.Name) && !d.IfExists)
                    throw new AnalysisException($"View '{d.Name}' does not exist. Views: {Suggestions.Closest(d.Name, session.Catalog.ListTables())}; use DROP VIEW IF EXISTS to ignore a missing view.");
                return Empty(session);
            case ShowTablesStatement:
                var schema = new StructType(new StructField("namespace", DataTypes.String), new StructField("tableName", DataTypes.String), new StructField("isTemporary", DataTypes.Boolean, false));
                return session.CreateDataFrame(session.Catalog.ListTables().Select(n => new object?[] { "", n, true }), schema, 1);
            default:
                throw new InvalidOperationException(statement.GetType().Name);
        }
    }

    private static DataFrame Empty(DlpSession session) => session.CreateDataFrame(Array.Empty<object?[]>(), new StructType(), 1);
}
