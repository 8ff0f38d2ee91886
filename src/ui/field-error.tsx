/** A field's first error, linked to the field through aria-describedby={`${id}-error`}. */
export function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p className="field-error" id={`${id}-error`}>
      {messages[0]}
    </p>
  );
}

export function invalidProps(id: string, messages?: string[]) {
  return messages?.length ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
}
