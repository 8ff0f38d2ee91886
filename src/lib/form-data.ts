import type * as zc from 'zod/v4/core';

/** The schema of a form: an object schema (classic zod or zod/mini), whose keys are the form's field names. */
export type FormSchema = zc.$ZodObject;

/** The form's field names, as its schema declares them. */
export type FormField<S extends FormSchema> = Extract<keyof zc.input<S>, string>;

/** What a form sent for its schema's fields: a string, every string of a repeated field (checkboxes), or nothing. */
export type FormInput<S extends FormSchema> = Partial<Record<FormField<S>, string | string[]>>;

// Wrappers that leave the shape of the value to the schema inside them.
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional']);

function takesMany(field: zc.$ZodType): boolean {
  const def = field._zod.def as zc.$ZodTypeDef & { innerType?: zc.$ZodType; in?: zc.$ZodType };
  if (def.type === 'array') return true;
  if (def.type === 'pipe' && def.in) return takesMany(def.in);
  return WRAPPERS.has(def.type) && def.innerType ? takesMany(def.innerType) : false;
}

/**
 * Takes exactly the schema's fields from a FormData, so the schema is the form's one field list:
 * anything else a client sends is ignored, an array field gets every value, files are never read.
 */
export function readForm<S extends FormSchema>(schema: S, form: FormData): FormInput<S> {
  const shape = schema._zod.def.shape;
  const input: Record<string, string | string[]> = {};
  for (const name of Object.keys(shape)) {
    const strings = form.getAll(name).filter((value): value is string => typeof value === 'string');
    if (takesMany(shape[name]!)) input[name] = strings;
    else if (strings[0] !== undefined) input[name] = strings[0];
  }
  return input as FormInput<S>;
}
