import type pg from 'pg';
import { fieldList, mapArgument, parsePrismaSchema, type RuntimeDataModel, type SchemaField } from './prisma-schema';

/**
 * The parts of a PostgreSQL schema that Prisma's schema describes, in one shape for both sides:
 * what prisma/schema.prisma (through the generated client) expects, and what a migrated database has.
 */
export interface Column {
  /** information_schema.columns.data_type, e.g. 'character varying', 'USER-DEFINED'. */
  dataType: string;
  /** The enum's type name for 'USER-DEFINED', else null. */
  enumName: string | null;
  maxLength: number | null;
  /** For timestamps only. */
  precision: number | null;
  nullable: boolean;
}

export interface Index {
  name: string;
  columns: string[];
  unique: boolean;
  primary: boolean;
}

export interface ForeignKey {
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: string;
  onUpdate: string;
}

export interface Table {
  columns: Map<string, Column>;
  indexes: Index[];
  foreignKeys: ForeignKey[];
}

export interface DatabaseShape {
  tables: Map<string, Table>;
  enums: Map<string, string[]>;
}

const REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: 'CASCADE',
  Restrict: 'RESTRICT',
  NoAction: 'NO ACTION',
  SetNull: 'SET NULL',
  SetDefault: 'SET DEFAULT',
};

/** Prisma's scalar → PostgreSQL type, without and with a `@db.` native type. */
function columnType(field: SchemaField): Omit<Column, 'nullable' | 'enumName'> | string {
  const native = /@db\.(\w+)(?:\(([^)]*)\))?/.exec(field.attributes);
  const nativeName = native?.[1];
  const argument = native?.[2] ? Number(native[2]) : null;
  const plain = (dataType: string) => ({ dataType, maxLength: null, precision: null });
  switch (`${field.type}:${nativeName ?? ''}`) {
    case 'String:':
    case 'String:Text':
      return plain('text');
    case 'String:VarChar':
      return { dataType: 'character varying', maxLength: argument, precision: null };
    case 'String:Char':
      return { dataType: 'character', maxLength: argument ?? 1, precision: null };
    case 'String:Uuid':
      return plain('uuid');
    case 'Int:':
    case 'Int:Integer':
      return plain('integer');
    case 'Int:SmallInt':
      return plain('smallint');
    case 'BigInt:':
      return plain('bigint');
    case 'Float:':
      return plain('double precision');
    case 'Decimal:':
      return plain('numeric');
    case 'Boolean:':
      return plain('boolean');
    case 'DateTime:':
      return { dataType: 'timestamp without time zone', maxLength: null, precision: 3 };
    case 'DateTime:Timestamp':
      return { dataType: 'timestamp without time zone', maxLength: null, precision: argument ?? 6 };
    case 'DateTime:Timestamptz':
      return { dataType: 'timestamp with time zone', maxLength: null, precision: argument ?? 6 };
    case 'DateTime:Date':
      return plain('date');
    case 'Json:':
      return plain('jsonb');
    case 'Bytes:':
      return plain('bytea');
    default:
      return `${field.type}${nativeName ? ` @db.${nativeName}` : ''} is not known to the drift test; add it to columnType()`;
  }
}

const columnName = (field: SchemaField) => /@map\(\s*(?:name:\s*)?"([^"]+)"/.exec(field.attributes)?.[1] ?? field.name;

/**
 * What the schema expects, built from the generated client's runtime data model (which models and
 * fields exist, and of what kind) and the schema text for the rest. `problems` lists where the two
 * sources disagree (a stale client) or what the test cannot read.
 */
export function expectedShape(runtime: RuntimeDataModel, schemaText: string): { shape: DatabaseShape; problems: string[] } {
  const parsed = parsePrismaSchema(schemaText);
  const problems: string[] = [];
  const tables = new Map<string, Table>();
  const tableNames = new Map<string, string>();

  const runtimeModels = Object.keys(runtime.models).sort();
  const schemaModels = [...parsed.models.keys()].sort();
  if (runtimeModels.join() !== schemaModels.join()) {
    problems.push(
      `models in the generated client (${runtimeModels.join(', ')}) differ from prisma/schema.prisma (${schemaModels.join(', ')}): run node scripts/prisma-generate.mjs`,
    );
  }
  for (const [modelName, model] of parsed.models) {
    const map = model.blockAttributes.map((a) => /^map\(\s*(?:name:\s*)?"([^"]+)"/.exec(a)?.[1]).find(Boolean);
    tableNames.set(modelName, runtime.models[modelName]?.dbName ?? map ?? modelName);
  }

  for (const [modelName, runtimeModel] of Object.entries(runtime.models)) {
    const model = parsed.models.get(modelName);
    if (!model) continue;
    const table = tableNames.get(modelName)!;
    const shape: Table = { columns: new Map(), indexes: [], foreignKeys: [] };
    tables.set(table, shape);
    const byName = new Map(model.fields.map((f) => [f.name, f]));
    const column = (fieldName: string) => (byName.has(fieldName) ? columnName(byName.get(fieldName)!) : fieldName);

    const runtimeFields = runtimeModel.fields.map((f) => `${f.name}:${f.kind}:${f.type}`).sort();
    const schemaFields = model.fields
      .map((f) => `${f.name}:${parsed.models.has(f.type) ? 'object' : parsed.enums.has(f.type) ? 'enum' : 'scalar'}:${f.type}`)
      .sort();
    if (runtimeFields.join() !== schemaFields.join()) {
      problems.push(`${modelName}: fields of the generated client differ from prisma/schema.prisma: run node scripts/prisma-generate.mjs`);
    }

    for (const runtimeField of runtimeModel.fields) {
      const field = byName.get(runtimeField.name);
      if (!field) continue;
      if (runtimeField.kind === 'object') {
        const relation = /@relation\(([^)]*)\)/.exec(field.attributes)?.[1];
        if (!relation || !/\bfields:/.test(relation)) continue; // the other side of a relation has no columns
        const columns = fieldList(/fields:\s*(\[[^\]]*\])/.exec(relation)![1]!).map(column);
        const refModel = parsed.models.get(field.type);
        const refByName = new Map(refModel?.fields.map((f) => [f.name, f]));
        const refColumns = fieldList(/references:\s*(\[[^\]]*\])/.exec(relation)?.[1] ?? '[]').map((name) =>
          refByName.has(name) ? columnName(refByName.get(name)!) : name,
        );
        const onDelete = /onDelete:\s*(\w+)/.exec(relation)?.[1] ?? (field.optional ? 'SetNull' : 'Restrict');
        const onUpdate = /onUpdate:\s*(\w+)/.exec(relation)?.[1] ?? 'Cascade';
        shape.foreignKeys.push({
          name: mapArgument(relation) ?? `${table}_${columns.join('_')}_fkey`,
          columns,
          refTable: tableNames.get(field.type) ?? field.type,
          refColumns,
          onDelete: REFERENTIAL_ACTIONS[onDelete] ?? onDelete,
          onUpdate: REFERENTIAL_ACTIONS[onUpdate] ?? onUpdate,
        });
        continue;
      }
      if (runtimeField.kind === 'unsupported' || field.list) {
        problems.push(`${modelName}.${field.name}: ${field.list ? 'list' : 'Unsupported'} fields are not known to the drift test`);
        continue;
      }
      const name = columnName(field);
      if (runtimeField.kind === 'enum') {
        shape.columns.set(name, { dataType: 'USER-DEFINED', enumName: field.type, maxLength: null, precision: null, nullable: field.optional });
      } else {
        const type = columnType(field);
        if (typeof type === 'string') problems.push(`${modelName}.${field.name}: ${type}`);
        else shape.columns.set(name, { ...type, enumName: null, nullable: field.optional });
      }
      const id = /(?<!@)@id\b(\([^)]*\))?/.exec(field.attributes);
      const unique = /(?<!@)@unique\b(\([^)]*\))?/.exec(field.attributes);
      if (id) shape.indexes.push({ name: mapArgument(id[1] ?? '') ?? `${table}_pkey`, columns: [name], unique: true, primary: true });
      if (unique) shape.indexes.push({ name: mapArgument(unique[1] ?? '') ?? `${table}_${name}_key`, columns: [name], unique: true, primary: false });
    }

    for (const attribute of model.blockAttributes) {
      const block = /^(index|unique|id)\((.*)\)$/.exec(attribute);
      if (!block) continue;
      const [, kind, args] = block as unknown as [string, 'index' | 'unique' | 'id', string];
      const columns = fieldList(args).map(column);
      const suffix = { index: 'idx', unique: 'key', id: 'pkey' }[kind];
      const name = mapArgument(args) ?? (kind === 'id' ? `${table}_pkey` : `${table}_${columns.join('_')}_${suffix}`);
      shape.indexes.push({ name, columns, unique: kind !== 'index', primary: kind === 'id' });
    }
  }
  return { shape: { tables, enums: parsed.enums }, problems };
}

const DELETE_RULES: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

/** The same shape, read from the catalog of the database the client is connected to (its current schema). */
export async function readDatabaseShape(client: pg.Client, ignoreTables = ['_prisma_migrations']): Promise<DatabaseShape> {
  const tables = new Map<string, Table>();
  const { rows: tableRows } = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
  );
  for (const { table_name } of tableRows) {
    if (!ignoreTables.includes(table_name)) tables.set(table_name, { columns: new Map(), indexes: [], foreignKeys: [] });
  }

  const { rows: columns } = await client.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    udt_name: string;
    is_nullable: 'YES' | 'NO';
    character_maximum_length: number | null;
    datetime_precision: number | null;
  }>(
    `SELECT table_name, column_name, data_type, udt_name, is_nullable, character_maximum_length, datetime_precision
       FROM information_schema.columns WHERE table_schema = current_schema()`,
  );
  for (const c of columns) {
    tables.get(c.table_name)?.columns.set(c.column_name, {
      dataType: c.data_type,
      enumName: c.data_type === 'USER-DEFINED' ? c.udt_name : null,
      maxLength: c.character_maximum_length,
      precision: c.data_type.startsWith('timestamp') ? c.datetime_precision : null,
      nullable: c.is_nullable === 'YES',
    });
  }

  const { rows: indexes } = await client.query<{ table_name: string; name: string; unique: boolean; primary: boolean; columns: string[] }>(
    `SELECT t.relname AS table_name, i.relname AS name, ix.indisunique AS unique, ix.indisprimary AS primary,
            array(SELECT a.attname::text FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord) AS columns
       FROM pg_index ix
       JOIN pg_class i ON i.oid = ix.indexrelid
       JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema()`,
  );
  for (const { table_name, ...index } of indexes) tables.get(table_name)?.indexes.push(index);

  const { rows: foreignKeys } = await client.query<{
    table_name: string;
    name: string;
    ref_table: string;
    columns: string[];
    ref_columns: string[];
    on_delete: string;
    on_update: string;
  }>(
    `SELECT t.relname AS table_name, c.conname AS name, r.relname AS ref_table, c.confdeltype AS on_delete, c.confupdtype AS on_update,
            array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
            array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS ref_columns
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_class r ON r.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE c.contype = 'f' AND n.nspname = current_schema()`,
  );
  for (const fk of foreignKeys) {
    tables.get(fk.table_name)?.foreignKeys.push({
      name: fk.name,
      columns: fk.columns,
      refTable: fk.ref_table,
      refColumns: fk.ref_columns,
      onDelete: DELETE_RULES[fk.on_delete] ?? fk.on_delete,
      onUpdate: DELETE_RULES[fk.on_update] ?? fk.on_update,
    });
  }

  const enums = new Map<string, string[]>();
  const { rows: labels } = await client.query<{ name: string; label: string }>(
    `SELECT t.typname AS name, e.enumlabel AS label
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = current_schema() ORDER BY t.typname, e.enumsortorder`,
  );
  for (const { name, label } of labels) enums.set(name, [...(enums.get(name) ?? []), label]);
  return { tables, enums };
}

const describeColumn = (c: Column) =>
  `${c.enumName ?? c.dataType}${c.maxLength !== null ? `(${c.maxLength})` : ''}${c.precision !== null ? ` precision ${c.precision}` : ''} ${c.nullable ? 'NULL' : 'NOT NULL'}`;
const describeIndex = (i: Index) => `${i.primary ? 'primary key' : i.unique ? 'unique index' : 'index'} ${i.name} (${i.columns.join(', ')})`;
const describeForeignKey = (f: ForeignKey) =>
  `foreign key ${f.name} (${f.columns.join(', ')}) → ${f.refTable}(${f.refColumns.join(', ')}) ON DELETE ${f.onDelete} ON UPDATE ${f.onUpdate}`;

/** Every difference between what the schema expects and what the database has, as readable lines; [] when they agree. */
export function compareShapes(expected: DatabaseShape, actual: DatabaseShape): string[] {
  const problems: string[] = [];
  for (const [tableName, table] of expected.tables) {
    const dbTable = actual.tables.get(tableName);
    if (!dbTable) {
      problems.push(`table "${tableName}" is missing from the database`);
      continue;
    }
    for (const [name, column] of table.columns) {
      const dbColumn = dbTable.columns.get(name);
      if (!dbColumn) problems.push(`column "${tableName}"."${name}" is missing from the database (schema: ${describeColumn(column)})`);
      else if (describeColumn(column) !== describeColumn(dbColumn)) {
        problems.push(`column "${tableName}"."${name}": schema says ${describeColumn(column)}, database has ${describeColumn(dbColumn)}`);
      }
    }
    for (const [name, column] of dbTable.columns) {
      if (!table.columns.has(name)) problems.push(`column "${tableName}"."${name}" (${describeColumn(column)}) is in the database but not in the schema`);
    }
    const sameIndex = (a: Index, b: Index) => describeIndex(a) === describeIndex(b);
    for (const index of table.indexes) {
      if (!dbTable.indexes.some((i) => sameIndex(i, index))) problems.push(`"${tableName}": ${describeIndex(index)} is missing from the database`);
    }
    for (const index of dbTable.indexes) {
      if (!table.indexes.some((i) => sameIndex(i, index))) problems.push(`"${tableName}": ${describeIndex(index)} is in the database but not in the schema`);
    }
    const sameKey = (a: ForeignKey, b: ForeignKey) => describeForeignKey(a) === describeForeignKey(b);
    for (const key of table.foreignKeys) {
      if (!dbTable.foreignKeys.some((k) => sameKey(k, key))) problems.push(`"${tableName}": ${describeForeignKey(key)} is missing from the database`);
    }
    for (const key of dbTable.foreignKeys) {
      if (!table.foreignKeys.some((k) => sameKey(k, key))) problems.push(`"${tableName}": ${describeForeignKey(key)} is in the database but not in the schema`);
    }
  }
  for (const tableName of actual.tables.keys()) {
    if (!expected.tables.has(tableName)) problems.push(`table "${tableName}" is in the database but not in the schema`);
  }
  for (const [name, values] of expected.enums) {
    const dbValues = actual.enums.get(name);
    if (!dbValues) problems.push(`enum "${name}" is missing from the database`);
    else if (dbValues.join() !== values.join()) problems.push(`enum "${name}": schema has ${values.join(', ')}, database has ${dbValues.join(', ')}`);
  }
  for (const name of actual.enums.keys()) {
    if (!expected.enums.has(name)) problems.push(`enum "${name}" is in the database but not in the schema`);
  }
  return problems;
}
