import type { KyselyPlugin, OperationNode, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

/** Name of the table an insert/update/delete targets (through an alias too), or null. */
function tableName(node: OperationNode | undefined): string | null {
  if (!node) return null;
  if (node.kind === 'TableNode') return (node as unknown as { table: { identifier: { name: string } } }).table.identifier.name;
  if (node.kind === 'AliasNode') return tableName((node as unknown as { node: OperationNode }).node);
  return null;
}

function writtenTables(node: RootOperationNode): string[] {
  switch (node.kind) {
    case 'InsertQueryNode':
      return [tableName(node.into)].filter((t): t is string => t !== null);
    case 'UpdateQueryNode':
      return [tableName(node.table)].filter((t): t is string => t !== null);
    case 'DeleteQueryNode':
      return node.from.froms.map(tableName).filter((t): t is string => t !== null);
    default:
      return [];
  }
}

/**
 * Calls `onWrite` when a query built with Kysely inserts into, updates or deletes from one of `tables` —
 * whoever wrote it (a service, a job, a test). It fires when the query is compiled and again once it has
 * run, so a reader that started in between cannot keep what it read. Raw `sql` text is not inspected.
 * Used for the principal cache (see auth/principal-cache.ts); a caller that must not trigger it (the
 * session "last seen" touch) uses `db.withoutPlugins()`.
 */
export class WriteWatchPlugin implements KyselyPlugin {
  private readonly tables: ReadonlySet<string>;
  private readonly pending = new WeakSet<object>();

  constructor(tables: Iterable<string>, private readonly onWrite: () => void) {
    this.tables = new Set(tables);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const kind = args.node.kind;
    if ((kind === 'InsertQueryNode' || kind === 'UpdateQueryNode' || kind === 'DeleteQueryNode') &&
        writtenTables(args.node).some((t) => this.tables.has(t))) {
      this.pending.add(args.queryId);
      this.onWrite();
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.pending.has(args.queryId)) this.onWrite();
    return args.result;
  }
}
