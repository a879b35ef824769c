import { LaterScreen } from '../LaterScreen';

export function SettingsScreen() {
  return <LaterScreen section="nav.settings" />;
}
