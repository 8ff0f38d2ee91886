/** What every form action returns to its form (see STYLE.md, habit 4). */
export interface ActionState<Field extends string = string> {
  status: 'idle' | 'error' | 'success';
  message?: string;
  fieldErrors?: Partial<Record<Field, string[]>>;
  /** What was submitted, so a form re-rendered without JavaScript keeps it. Never holds an email. */
  values?: Partial<Record<Field, string>>;
}
