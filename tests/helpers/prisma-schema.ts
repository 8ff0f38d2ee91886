/**
 * Reads just enough of a Prisma schema to know the database it describes: since Prisma 7 the
 * generated client's runtime data model lists models and fields (name, kind, type) but no longer
 * nullability, native types, column names or indexes, so those come from the schema text the
 * client was generated from. Unknown constructs are reported, never guessed.
 */

export interface RuntimeField {
  name: string;
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
  type: string;
}

export interface RuntimeDataModel {
  models: Record<string, { dbName: string | null; fields: RuntimeField[] }>;
}

export interface SchemaField {
  name: string;
  type: string;
  optional: boolean;
  list: boolean;
  /** Everything after the type: `@id @default(…) @db.VarChar(200)`. */
  attributes: string;
}

export interface SchemaModel {
  name: string;
  fields: SchemaField[];
  /** `@@index([a, b])`, `@@map("x")`, … without the leading `@@`. */
  blockAttributes: string[];
}

export interface ParsedSchema {
  models: Map<string, SchemaModel>;
  enums: Map<string, string[]>;
}

/** Removes `//` and `///` comments, leaving `//` inside strings (URLs in defaults) alone. */
function stripComment(line: string): string {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === '\\' && inString) i++;
    else if (char === '"') inString = !inString;
    else if (!inString && char === '/' && line[i + 1] === '/') return line.slice(0, i);
  }
  return line;
}

export function parsePrismaSchema(text: string): ParsedSchema {
  const models = new Map<string, SchemaModel>();
  const enums = new Map<string, string[]>();
  const lines = text.split(/\r?\n/).map((line) => stripComment(line).trim());
  for (let i = 0; i < lines.length; i++) {
    const header = /^(model|enum)\s+(\w+)\s*\{$/.exec(lines[i]!);
    if (!header) continue;
    const [, kind, name] = header as unknown as [string, string, string];
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '}'; i++) if (lines[i]) body.push(lines[i]!);
    if (kind === 'enum') {
      enums.set(
        name,
        body.map((line) => line.split(/\s+/)[0]!),
      );
      continue;
    }
    const model: SchemaModel = { name, fields: [], blockAttributes: [] };
    for (const line of body) {
      if (line.startsWith('@@')) {
        model.blockAttributes.push(line.slice(2));
        continue;
      }
      const field = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
      if (!field) throw new Error(`prisma schema: cannot read line in model ${name}: ${line}`);
      model.fields.push({ name: field[1]!, type: field[2]!, list: Boolean(field[3]), optional: Boolean(field[4]), attributes: field[5] ?? '' });
    }
    models.set(name, model);
  }
  return { models, enums };
}

/** `[a, b(sort: Desc)]` → ['a', 'b'] */
export function fieldList(source: string): string[] {
  const inner = /\[([^\]]*)\]/.exec(source)?.[1] ?? '';
  return inner
    .split(',')
    .map((item) => item.replace(/\(.*\)/, '').trim())
    .filter(Boolean);
}

export function mapArgument(source: string): string | undefined {
  return /\bmap:\s*"([^"]+)"/.exec(source)?.[1];
}
