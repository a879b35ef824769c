import { LaterScreen } from '../LaterScreen';

export function AccessLogScreen() {
  return <LaterScreen section="nav.accessLog" />;
}
