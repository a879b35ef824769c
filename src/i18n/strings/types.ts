/** A piece of interface text in both languages; `{name}` marks a parameter. */
export interface UiString {
  readonly fa: string;
  readonly en: string;
}
