import CalendarMonth from '@mui/icons-material/CalendarMonth';
import Assessment from '@mui/icons-material/Assessment';
import EventNote from '@mui/icons-material/EventNote';
import People from '@mui/icons-material/People';
import Settings from '@mui/icons-material/Settings';
import Shield from '@mui/icons-material/Shield';
import Sync from '@mui/icons-material/Sync';
import Today from '@mui/icons-material/Today';
import type { ReactElement } from 'react';
import type { Permission } from '../../electron/shared/roles';
import type { UiStringKey } from '../i18n/strings';

export interface NavItem {
  readonly path: string;
  readonly label: UiStringKey;
  readonly icon: ReactElement;
  /** Shown only to roles with this permission. */
  readonly permission?: Permission;
}

export const navItems: readonly NavItem[] = [
  { path: '/today', label: 'nav.today', icon: <Today /> },
  { path: '/calendar', label: 'nav.calendar', icon: <CalendarMonth /> },
  { path: '/patients', label: 'nav.patients', icon: <People />, permission: 'patient.view' },
  { path: '/visits', label: 'nav.visits', icon: <EventNote /> },
  { path: '/reports', label: 'nav.reports', icon: <Assessment /> },
  { path: '/sync', label: 'nav.sync', icon: <Sync /> },
  { path: '/settings', label: 'nav.settings', icon: <Settings /> },
  { path: '/access-log', label: 'nav.accessLog', icon: <Shield />, permission: 'access_log.view' },
];
