import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { Link } from 'react-router';

export interface Section {
  /** The section's path segment, e.g. 'users'. */
  readonly segment: string;
  readonly label: string;
}

/**
 * The sections of a screen as tabs that are links: arrow keys move between them, Enter opens one,
 * and each has its own address (so a section can be linked to and survives a reload).
 */
export function SectionTabs({
  base,
  sections,
  current,
  label,
  idPrefix,
  orientation = 'horizontal',
}: {
  /** The screen's own address, e.g. '/settings'. */
  base: string;
  sections: readonly Section[];
  current: string | undefined;
  label: string;
  idPrefix: string;
  orientation?: 'horizontal' | 'vertical';
}) {
  const selected = sections.some((section) => section.segment === current) ? current : false;
  return (
    <Tabs
      value={selected}
      orientation={orientation}
      variant="scrollable"
      scrollButtons={false}
      aria-label={label}
      sx={
        orientation === 'vertical'
          ? { borderInlineEnd: 1, borderColor: 'divider', minWidth: 180 }
          : { borderBottom: 1, borderColor: 'divider', mb: 2 }
      }
    >
      {sections.map((section) => (
        <Tab
          key={section.segment}
          value={section.segment}
          label={section.label}
          component={Link}
          to={`${base}/${section.segment}`}
          id={`${idPrefix}-tab-${section.segment}`}
          aria-controls={`${idPrefix}-panel`}
          sx={orientation === 'vertical' ? { alignItems: 'flex-start', textAlign: 'start' } : {}}
        />
      ))}
    </Tabs>
  );
}

/** The segment after the screen's base address: '/settings/users' → 'users'. */
export function sectionOf(pathname: string, base: string): string | undefined {
  if (!pathname.startsWith(`${base}/`)) return undefined;
  return pathname.slice(base.length + 1).split('/')[0] || undefined;
}
