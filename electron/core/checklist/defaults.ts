import type { ChecklistItem } from '../../shared/soap';
import { defaultChecklistCatalog, type DefaultChecklistItem } from './default-catalog';
import { defaultSpecialtyTemplates, type DefaultSpecialtyTemplate } from './default-templates';

export { defaultChecklistCatalog, defaultSpecialtyTemplates };
export type { DefaultChecklistItem, DefaultSpecialtyTemplate };

/** What a new clinic is seeded with: the catalog and the specialty templates. */
export const defaultChecklist: {
  readonly items: readonly DefaultChecklistItem[];
  readonly templates: readonly DefaultSpecialtyTemplate[];
} = { items: defaultChecklistCatalog, templates: defaultSpecialtyTemplates };

/** The default catalog as items, their code as id (for evaluating without a database). */
export function defaultChecklistItems(): ChecklistItem[] {
  return defaultChecklistCatalog.map((item) => ({ id: item.code, ...item }));
}

/** The default catalog items of a default template, in the template's order. */
export function defaultTemplateItems(templateCode: string): ChecklistItem[] {
  const template = defaultSpecialtyTemplates.find((t) => t.code === templateCode);
  if (!template) return [];
  const byCode = new Map(defaultChecklistItems().map((item) => [item.code, item]));
  return template.itemCodes.flatMap((code) => byCode.get(code) ?? []);
}
